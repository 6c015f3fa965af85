// Glob patterns as the model writes them ("**/*.ts", "src/*.{js,jsx}", "*.py") turned into regular
// expressions over workspace-relative paths. A pattern without a slash matches the file name at any depth.

export function globToRegExp(glob: string): RegExp {
  const pattern = glob.trim().replace(/^\.\//, '');
  const anyDepth = !pattern.includes('/');
  let source = '';
  let braceDepth = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '*') {
      if (pattern[index + 1] === '*') {
        const followedBySlash = pattern[index + 2] === '/';
        source += followedBySlash ? '(?:.*/)?' : '.*';
        index += followedBySlash ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '{') {
      braceDepth++;
      source += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (char === ',' && braceDepth > 0) {
      source += '|';
    } else {
      source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${anyDepth ? '(?:.*/)?' : ''}${source}$`);
}
