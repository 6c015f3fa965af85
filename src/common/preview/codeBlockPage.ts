// Turns the HTML, CSS and JavaScript code blocks of an answer (also while it streams) into one page to preview.
// A block still being streamed counts with what has arrived so far, except scripts: half a script only throws.

export interface CodeBlock {
  language: string;
  code: string;
  closed: boolean;
}

const htmlLanguages = new Set(['html', 'htm', 'xhtml']);
const cssLanguages = new Set(['css']);
const scriptLanguages = new Set(['js', 'javascript', 'mjs']);

/** The fenced blocks of a markdown text, in order; the last may still be open. */
export function fencedCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: { fence: string; language: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (open) {
      const trimmed = line.trim();
      if (trimmed.startsWith(open.fence) && trimmed.slice(open.fence.length).trim() === '' && [...trimmed].every((char) => char === open!.fence[0])) {
        blocks.push({ language: open.language, code: open.lines.join('\n'), closed: true });
        open = undefined;
      } else {
        open.lines.push(line);
      }
      continue;
    }
    const start = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/.exec(line);
    if (start) open = { fence: start[1]!, language: (start[2] ?? '').toLowerCase(), lines: [] };
  }
  if (open) blocks.push({ language: open.language, code: open.lines.join('\n'), closed: false });
  return blocks;
}

const escapeScript = (code: string) => code.replace(/<\/script/gi, '<\\/script');
const escapeStyle = (code: string) => code.replace(/<\/style/gi, '<\\/style');

/** The page the answer's blocks make: its last HTML block, with its CSS and closed script blocks added; undefined without HTML. */
export function pageFromCodeBlocks(markdown: string): string | undefined {
  const blocks = fencedCodeBlocks(markdown);
  const html = blocks.filter((block) => htmlLanguages.has(block.language)).at(-1);
  if (!html) return undefined;
  const styles = blocks.filter((block) => cssLanguages.has(block.language)).map((block) => `<style>${escapeStyle(block.code)}</style>`);
  const scripts = blocks.filter((block) => scriptLanguages.has(block.language) && block.closed).map((block) => `<script>${escapeScript(block.code)}</script>`);
  return [styles.join('\n'), html.code, scripts.join('\n')].filter(Boolean).join('\n');
}
