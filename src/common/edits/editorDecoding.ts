// Whether a file's bytes read as the same text VS Code's editor would show, without asking the editor to load
// the file. Loading a document costs the editor a text model, and every language service parses it, so the
// agent's reads take the bytes directly when the editor's reading cannot differ: strict UTF-8 under the
// default encoding, no byte-order mark (the editor hides it), no NUL (the editor refuses binary files), and
// one kind of line ending (the editor turns mixed endings into one). Anything else goes through the editor.

export interface EditorEncodingSettings {
  /** `files.encoding` for the file. */
  encoding: string;
  /** `files.autoGuessEncoding`: the editor may then read non-ASCII bytes in another encoding. */
  autoGuessEncoding: boolean;
}

/** The text the editor would show, or undefined when only the editor can tell. */
export function textAsEditorWouldRead(bytes: Uint8Array, settings: EditorEncodingSettings): string | undefined {
  if (settings.encoding !== 'utf8') return undefined;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return undefined;
  if (bytes.includes(0)) return undefined;
  if (settings.autoGuessEncoding && bytes.some((byte) => byte >= 0x80)) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return hasOneKindOfLineEnding(text) ? text : undefined;
}

function hasOneKindOfLineEnding(text: string): boolean {
  let crlf = false;
  let lf = false;
  for (let index = text.indexOf('\r'); index !== -1; index = text.indexOf('\r', index + 1)) {
    if (text.charCodeAt(index + 1) !== 10) return false;
    crlf = true;
  }
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    if (text.charCodeAt(index - 1) !== 13) {
      lf = true;
      break;
    }
  }
  return !(crlf && lf);
}
