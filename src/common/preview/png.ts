// Reads a PNG data URL's header: a snapshot from the preview (untrusted: the page can forge it) is checked to be a
// real PNG of the size it claims before it goes to the model.

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const prefix = 'data:image/png;base64,';

export interface PngInfo {
  width: number;
  height: number;
  bytes: number;
}

/** The PNG's size from its IHDR chunk, or undefined when the data is not a PNG. */
export function readPngInfo(dataUrl: string): PngInfo | undefined {
  if (!dataUrl.startsWith(prefix)) return undefined;
  const base64 = dataUrl.slice(prefix.length);
  let head: string;
  try {
    // 24 bytes hold the signature, the IHDR length and type, width and height: 32 base64 characters.
    head = atob(base64.slice(0, 32));
  } catch {
    return undefined;
  }
  if (head.length < 24) return undefined;
  const byte = (index: number) => head.charCodeAt(index);
  if (signature.some((value, index) => byte(index) !== value)) return undefined;
  if (head.slice(12, 16) !== 'IHDR') return undefined;
  const uint32 = (at: number) => ((byte(at) << 24) | (byte(at + 1) << 16) | (byte(at + 2) << 8) | byte(at + 3)) >>> 0;
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return { width: uint32(16), height: uint32(20), bytes: (base64.length / 4) * 3 - padding };
}
