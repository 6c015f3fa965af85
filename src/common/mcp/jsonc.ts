// Reads JSON with comments and trailing commas (the format of `.vscode/mcp.json` and of most hand-edited
// `mcpServers` files): comments and trailing commas outside strings become spaces, then JSON.parse decides.
// Blanking rather than deleting keeps every offset, so JSON.parse's error position still points into the file.

export type JsoncParse = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJsonc(text: string): JsoncParse {
  const stripped = blankCommentsAndTrailingCommas(text.startsWith('\uFEFF') ? text.slice(1) : text);
  try {
    return { ok: true, value: JSON.parse(stripped) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `not valid JSON (${detail})` };
  }
}

function blankCommentsAndTrailingCommas(text: string): string {
  const out = text.split('');
  let index = 0;
  /** The position of the last comma seen outside strings, while only blanks and comments followed it. */
  let pendingComma = -1;
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  };
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      pendingComma = -1;
      index++;
      while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
      index++;
    } else if (char === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index);
      const stop = end === -1 ? text.length : end;
      blank(index, stop);
      index = stop;
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      const stop = end === -1 ? text.length : end + 2;
      blank(index, stop);
      index = stop;
    } else if (char === ',') {
      pendingComma = index;
      index++;
    } else if (char === '}' || char === ']') {
      if (pendingComma !== -1) out[pendingComma] = ' ';
      pendingComma = -1;
      index++;
    } else {
      if (!/\s/.test(char)) pendingComma = -1;
      index++;
    }
  }
  return out.join('');
}
