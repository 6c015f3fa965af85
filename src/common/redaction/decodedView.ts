// The decoded view of a text that redaction searches: its UTF-8 bytes with every escape decoded and every space
// and line break dropped, each byte mapped back to the original characters it came from.

/** Shorter known secrets are not looked for: they would match ordinary words. */
export const MIN_SECRET_LENGTH = 6;
/** This many consecutive characters of a key are redacted wherever they appear; shorter keys must appear whole. */
export const FRAGMENT_LENGTH = 12;
/** Decoding rounds over the text, enough for a triple-encoded `%252573` or a JSON string inside a JSON string. */
const MAX_UNESCAPE_PASSES = 4;

// ---------------------------------------------------------------------------------------------------------------
// Views

interface Pieces {
  /** Where each piece starts in the view's bytes, ascending. */
  out: Int32Array;
  /** Where it starts in the source. */
  source: Int32Array;
  /** 0 for a run copied one for one from the source; else the source length of the one escape all its bytes stand for. */
  length: Uint8Array;
  count: number;
}

/**
 * Bytes decoded from a source (the original text, or another view) and the way back to the source: the bytes come
 * in pieces, runs copied one for one or the bytes of one escape. Without pieces, byte i is source unit i.
 */
export class View {
  constructor(
    readonly bytes: Uint8Array,
    private readonly pieces?: Pieces,
    private readonly parent?: View,
  ) {}

  /** The range [start, end) of the original text that bytes [from, to) came from. */
  span(from: number, to: number): [number, number] {
    let start = from;
    let end = to;
    const pieces = this.pieces;
    if (pieces) {
      const first = pieceAt(pieces, from);
      start = pieces.source[first] + (pieces.length[first] === 0 ? from - pieces.out[first] : 0);
      const last = pieceAt(pieces, to - 1);
      end = pieces.source[last] + (pieces.length[last] === 0 ? to - pieces.out[last] : pieces.length[last]);
    }
    return this.parent ? this.parent.span(start, end) : [start, end];
  }
}

function pieceAt(pieces: Pieces, at: number): number {
  let low = 0;
  let high = pieces.count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (pieces.out[middle] <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

function newPieces(capacity: number): Pieces {
  return { out: new Int32Array(capacity), source: new Int32Array(capacity), length: new Uint8Array(capacity), count: 0 };
}

function addPiece(pieces: Pieces, out: number, source: number, length: number): void {
  if (pieces.count === pieces.out.length) {
    const grown = newPieces(pieces.count * 2);
    grown.out.set(pieces.out);
    grown.source.set(pieces.source);
    grown.length.set(pieces.length);
    pieces.out = grown.out;
    pieces.source = grown.source;
    pieces.length = grown.length;
  }
  pieces.out[pieces.count] = out;
  pieces.source[pieces.count] = source;
  pieces.length[pieces.count] = length;
  pieces.count++;
}

const encoder = new TextEncoder();

/** The text as UTF-8 bytes (a lone surrogate as U+FFFD), mapped back to its UTF-16 indexes. */
export function rootView(text: string): View {
  const bytes = encoder.encode(text);
  // Every character outside ASCII takes more than one byte, so equal lengths mean ASCII: byte i is character i.
  if (bytes.length === text.length) return new View(bytes);
  const pieces = newPieces(1024);
  let o = 0;
  let copying = false;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (!copying) addPiece(pieces, o, i, 0);
      copying = true;
      o++;
      i++;
      continue;
    }
    copying = false;
    const pair = c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const width = pair ? 2 : 1;
    addPiece(pieces, o, i, width);
    o += pair ? 4 : c < 0x800 ? 2 : 3;
    i += width;
  }
  return new View(bytes, pieces);
}

/** Writes a code point (a lone surrogate as itself) as UTF-8; returns the index after it. */
function writeUtf8(out: Uint8Array, at: number, codePoint: number): number {
  if (codePoint < 0x80) {
    out[at] = codePoint;
    return at + 1;
  }
  if (codePoint < 0x800) {
    out[at] = 0xc0 | (codePoint >> 6);
    out[at + 1] = 0x80 | (codePoint & 0x3f);
    return at + 2;
  }
  if (codePoint < 0x10000) {
    out[at] = 0xe0 | (codePoint >> 12);
    out[at + 1] = 0x80 | ((codePoint >> 6) & 0x3f);
    out[at + 2] = 0x80 | (codePoint & 0x3f);
    return at + 3;
  }
  out[at] = 0xf0 | (codePoint >> 18);
  out[at + 1] = 0x80 | ((codePoint >> 12) & 0x3f);
  out[at + 2] = 0x80 | ((codePoint >> 6) & 0x3f);
  out[at + 3] = 0x80 | (codePoint & 0x3f);
  return at + 4;
}

export const HEX_VALUE = new Int8Array(256).fill(-1);
export const BASE64_VALUE = new Int8Array(256).fill(-1);
/** 0 for a byte that is copied as it is; 1 for whitespace (dropped); 2 for the start of a possible escape. */
const BYTE_CLASS = new Uint8Array(256);
{
  const digits = '0123456789abcdef';
  for (let i = 0; i < 16; i++) {
    HEX_VALUE[digits.charCodeAt(i)] = i;
    HEX_VALUE[digits.toUpperCase().charCodeAt(i)] = i;
  }
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < alphabet.length; i++) BASE64_VALUE[alphabet.charCodeAt(i)] = i;
  // Both alphabets at once: `+`/`-` are 62 and `/`/`_` are 63.
  BASE64_VALUE[0x2b] = 62;
  BASE64_VALUE[0x2d] = 62;
  BASE64_VALUE[0x2f] = 63;
  BASE64_VALUE[0x5f] = 63;
  for (const space of [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]) BYTE_CLASS[space] = 1;
  for (const escape of '%\\&') BYTE_CLASS[escape.charCodeAt(0)] = 2;
}

function hexAt(bytes: Uint8Array, at: number, digits: number): number {
  let value = 0;
  for (let i = 0; i < digits; i++) {
    const digit = HEX_VALUE[bytes[at + i]];
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * The escape starting at `at`, as [value, source length, value is a byte (not a code point)], or undefined:
 * `%XX`, `\uXXXX` (a surrogate pair joined), `\xXX`, `\/` and the other one-character JSON escapes, `&#NNN;`,
 * `&#xHH;` and `&amp;`; value -1 for what is dropped: literal `\n`, `\r`, `\t` and backslash-newline continuations.
 */
function escapeAt(src: Uint8Array, at: number): [number, number, boolean] | undefined {
  const end = src.length;
  const c = src[at];
  if (c === 0x25 /* % */) {
    const value = at + 2 < end ? hexAt(src, at + 1, 2) : -1;
    return value >= 0 ? [value, 3, true] : undefined;
  }
  if (c === 0x5c /* \ */) {
    const n = at + 1 < end ? src[at + 1] : -1;
    if (n === 0x6e /* n */ || n === 0x72 /* r */ || n === 0x74 /* t */ || n === 0x0a || n === 0x0d) return [-1, 2, true];
    if (n === 0x2f /* / */ || n === 0x5c /* \ */ || n === 0x22 /* " */ || n === 0x27 /* ' */) return [n, 2, false];
    if (n === 0x78 /* x */) {
      const value = at + 3 < end ? hexAt(src, at + 2, 2) : -1;
      return value >= 0 ? [value, 4, true] : undefined;
    }
    if (n === 0x75 /* u */) {
      const value = at + 5 < end ? hexAt(src, at + 2, 4) : -1;
      if (value < 0) return undefined;
      if (value >= 0xd800 && value < 0xdc00 && at + 11 < end && src[at + 6] === 0x5c && src[at + 7] === 0x75) {
        const low = hexAt(src, at + 8, 4);
        if (low >= 0xdc00 && low < 0xe000) return [0x10000 + ((value - 0xd800) << 10) + (low - 0xdc00), 12, false];
      }
      return [value, 6, false];
    }
    return undefined;
  }
  if (c === 0x26 /* & */) {
    if (at + 4 < end && src[at + 1] === 0x61 && src[at + 2] === 0x6d && src[at + 3] === 0x70 && src[at + 4] === 0x3b) {
      return [0x26, 5, true]; // &amp;
    }
    if (at + 2 >= end || src[at + 1] !== 0x23 /* # */) return undefined;
    const hex = src[at + 2] === 0x78 || src[at + 2] === 0x58; // x or X
    const digitsStart = hex ? at + 3 : at + 2;
    let j = digitsStart;
    let codePoint = 0;
    while (j < end && j - digitsStart < 7) {
      const digit = hex ? HEX_VALUE[src[j]] : src[j] >= 0x30 && src[j] <= 0x39 ? src[j] - 0x30 : -1;
      if (digit < 0) break;
      codePoint = codePoint * (hex ? 16 : 10) + digit;
      j++;
    }
    if (j === digitsStart || codePoint > 0x10ffff) return undefined;
    if (j < end && src[j] === 0x3b /* ; */) j++;
    return [codePoint, j - at, false];
  }
  return undefined;
}

/** One round of decoding the escapes `escapeAt` knows and dropping whitespace; undefined when nothing changed. */
function unescapeOnce(view: View): View | undefined {
  const src = view.bytes;
  const end = src.length;
  let first = 0;
  while (first < end && BYTE_CLASS[src[first]] === 0) first++;
  if (first === end) return undefined;
  const out = new Uint8Array(end);
  const pieces = newPieces(1024);
  let changed = false;
  let o = 0;
  let i = 0;
  while (i < end) {
    if (BYTE_CLASS[src[i]] === 0) {
      addPiece(pieces, o, i, 0);
      do out[o++] = src[i++];
      while (i < end && BYTE_CLASS[src[i]] === 0);
      continue;
    }
    if (BYTE_CLASS[src[i]] === 1) {
      changed = true;
      i++;
      continue;
    }
    const escape = escapeAt(src, i);
    if (!escape) {
      // Not an escape after all: copied, as a piece of its own.
      addPiece(pieces, o, i, 0);
      out[o++] = src[i++];
      continue;
    }
    changed = true;
    const [value, length, isByte] = escape;
    if (value >= 0) {
      addPiece(pieces, o, i, length);
      if (isByte) out[o++] = value;
      else o = writeUtf8(out, o, value);
    }
    i += length;
  }
  return changed ? new View(out.subarray(0, o), pieces, view) : undefined;
}

export function unescapeFully(view: View): View {
  let current = view;
  for (let pass = 0; pass < MAX_UNESCAPE_PASSES; pass++) {
    const next = unescapeOnce(current);
    if (!next) break;
    current = next;
  }
  return current;
}

