// Glob patterns as the model writes them ("**/*.ts", "src/*.{js,jsx}", "*.py", "*.[jt]s") turned into regular
// expressions over workspace-relative paths. A pattern without a slash matches the file name at any depth.

export function globToRegExp(glob: string): RegExp {
  const pattern = glob.trim().replace(/^\.\//, '');
  const anyDepth = !pattern.includes('/');
  const closingBraces = matchingBraces(pattern);
  let source = '';
  let openBraces = 0;
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
    } else if (char === '[' && characterClassEnd(pattern, index) > 0) {
      const end = characterClassEnd(pattern, index);
      source += characterClass(pattern.slice(index + 1, end));
      index = end;
    } else if (char === '{' && closingBraces.has(index)) {
      openBraces++;
      source += '(?:';
    } else if (char === '}' && openBraces > 0) {
      openBraces--;
      source += ')';
    } else if (char === ',' && openBraces > 0) {
      source += '|';
    } else {
      source += escapeLiteral(char);
    }
  }
  return new RegExp(`^${anyDepth ? '(?:.*/)?' : ''}${source}$`);
}

/** Indexes of the `{` that have a matching `}`: an unmatched one is a literal, not an invalid expression. */
function matchingBraces(pattern: string): Set<number> {
  const matched = new Set<number>();
  const open: number[] = [];
  for (let index = 0; index < pattern.length; index++) {
    if (pattern[index] === '[') index = Math.max(index, characterClassEnd(pattern, index));
    else if (pattern[index] === '{') open.push(index);
    else if (pattern[index] === '}') {
      const start = open.pop();
      if (start !== undefined) matched.add(start);
    }
  }
  return matched;
}

/** Index of the `]` closing the class that opens at `start`, or -1 when it is not a class. */
function characterClassEnd(pattern: string, start: number): number {
  let index = start + 1;
  if (pattern[index] === '!' || pattern[index] === '^') index++;
  // A `]` right after the opening bracket is a member of the class, as in shells.
  if (pattern[index] === ']') index++;
  const end = pattern.indexOf(']', index);
  return end > start && !pattern.slice(start, end).includes('/') ? end : -1;
}

function characterClass(body: string): string {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
  // A negated class must still never match the folder separator.
  return negated ? `[^/${members}]` : `[${members}]`;
}

function escapeLiteral(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
