// Finding known secrets in every encoded form: the needles (a key and its base64 and hex encodings at every
// offset), one rolling-hash pass over the decoded view, and the widening of a match to the encoded run around it.
import { BASE64_VALUE, FRAGMENT_LENGTH, HEX_VALUE, MIN_SECRET_LENGTH, View, rootView, unescapeFully } from './decodedView';

// ---------------------------------------------------------------------------------------------------------------
// Needles: the forms of a secret looked for in the unescaped view

type Form = 'plain' | 'base64' | 'hex';

interface Needle {
  bytes: Uint8Array;
  form: Form;
  /** The shortest match that counts: the whole needle, or as much of it as a 12-character fragment of the key takes. */
  minMatch: number;
}

const BASE64_STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/**
 * Base64 characters a 12-byte fragment of the key fixes whatever its offset in the blob: 16 when it starts a 3-byte
 * block, 15 otherwise (the characters at its edges also hold bits of the bytes around it).
 */
const BASE64_FRAGMENT_CHARS = 15;
/** The first and last byte of a 3-byte block each of its 4 base64 characters takes bits from. */
const BLOCK_SOURCES = [
  [0, 0],
  [0, 1],
  [1, 2],
  [2, 2],
];

/**
 * The base64 characters that depend on nothing but the secret's bytes, when the secret starts `offset` (0-2) bytes
 * into a 3-byte block: in any blob holding the secret at such an offset, these characters appear as they are.
 */
function base64Core(secret: Uint8Array, offset: number, alphabet: string): Uint8Array {
  const total = offset + secret.length;
  const byteAt = (i: number) => (i >= offset && i < total ? secret[i - offset] : 0);
  const chars: number[] = [];
  for (let block = 0; block * 3 < total; block++) {
    const b0 = byteAt(block * 3);
    const b1 = byteAt(block * 3 + 1);
    const b2 = byteAt(block * 3 + 2);
    const values = [b0 >> 2, ((b0 & 3) << 4) | (b1 >> 4), ((b1 & 15) << 2) | (b2 >> 6), b2 & 63];
    for (let c = 0; c < 4; c++) {
      const first = block * 3 + BLOCK_SOURCES[c][0];
      const last = block * 3 + BLOCK_SOURCES[c][1];
      if (first >= offset && last < total) chars.push(alphabet.charCodeAt(values[c]));
    }
  }
  return Uint8Array.from(chars);
}

function hexOf(secret: Uint8Array, digits: string): Uint8Array {
  const out = new Uint8Array(secret.length * 2);
  for (let i = 0; i < secret.length; i++) {
    out[i * 2] = digits.charCodeAt(secret[i] >> 4);
    out[i * 2 + 1] = digits.charCodeAt(secret[i] & 15);
  }
  return out;
}

/** `sent` is the key as sent (UTF-8); `unescaped` is it put through the text's unescaping, as the view holds it. */
function needlesFor(sent: Uint8Array, unescaped: Uint8Array): Needle[] {
  const needles: Needle[] = [];
  if (unescaped.length >= MIN_SECRET_LENGTH) {
    needles.push({ bytes: unescaped, form: 'plain', minMatch: Math.min(FRAGMENT_LENGTH, unescaped.length) });
  }
  for (let offset = 0; offset < 3; offset++) {
    for (const alphabet of [BASE64_STANDARD, BASE64_URL_SAFE]) {
      const core = base64Core(sent, offset, alphabet);
      // A URL-safe core without `-` or `_` is the standard one again.
      if (needles.some((needle) => needle.form === 'base64' && sameBytes(needle.bytes, core))) continue;
      needles.push({ bytes: core, form: 'base64', minMatch: Math.min(BASE64_FRAGMENT_CHARS, core.length) });
    }
  }
  for (const digits of ['0123456789abcdef', '0123456789ABCDEF']) {
    needles.push({ bytes: hexOf(sent, digits), form: 'hex', minMatch: Math.min(FRAGMENT_LENGTH * 2, sent.length * 2) });
  }
  return needles;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

// ---------------------------------------------------------------------------------------------------------------
// Searching: a rolling hash over every window of the view, checked against every window of every needle

const HASH_BASE = 0x01000193;
const FILTER_BITS = 16;

interface NeedleIndex {
  needles: Needle[];
  width: number;
  /** Window hash to packed (needle index, offset in the needle) pairs. */
  windows: Map<number, number[]>;
  /** A quick first test of a hash, before the map. */
  filter: Uint8Array;
  /** HASH_BASE ** (width - 1). */
  power: number;
}

function filterSlot(hash: number): number {
  return (hash ^ (hash >>> FILTER_BITS)) & ((1 << FILTER_BITS) - 1);
}

function hashWindow(bytes: Uint8Array, at: number, width: number): number {
  let hash = 0;
  for (let i = 0; i < width; i++) hash = (Math.imul(hash, HASH_BASE) + bytes[at + i]) | 0;
  return hash;
}

function indexNeedles(all: Needle[]): NeedleIndex | undefined {
  const needles = all.filter((needle) => needle.bytes.length >= needle.minMatch && needle.bytes.length <= 0xffff);
  if (needles.length === 0) return undefined;
  const width = Math.min(...needles.map((needle) => needle.minMatch));
  let power = 1;
  for (let i = 1; i < width; i++) power = Math.imul(power, HASH_BASE);
  const windows = new Map<number, number[]>();
  const filter = new Uint8Array(1 << FILTER_BITS);
  needles.forEach((needle, index) => {
    for (let offset = 0; offset + width <= needle.bytes.length; offset++) {
      const hash = hashWindow(needle.bytes, offset, width);
      filter[filterSlot(hash)] = 1;
      const packed = index * 0x10000 + offset;
      const list = windows.get(hash);
      if (list) list.push(packed);
      else windows.set(hash, [packed]);
    }
  });
  return { needles, width, windows, filter, power };
}

/** Appends [start, end), into the last range when they overlap (the search finds them left to right). */
function addRange(ranges: number[], [start, end]: [number, number]): void {
  const last = ranges.length - 1;
  if (last > 0 && start <= ranges[last] && end >= ranges[last - 1]) {
    ranges[last - 1] = Math.min(ranges[last - 1], start);
    ranges[last] = Math.max(ranges[last], end);
  } else {
    ranges.push(start, end);
  }
}

/**
 * Every place a needle window occurs in the view, each match extended as far as it goes and kept when it is at least
 * the needle's `minMatch`: the original [start, end) of each goes to the list of its form.
 */
function search(view: View, index: NeedleIndex, plain: number[], base64: number[], hex: number[]): void {
  const bytes = view.bytes;
  const end = bytes.length;
  const { width, filter, windows, power, needles } = index;
  if (end < width) return;
  let p = 0;
  let hash = hashWindow(bytes, p, width);
  for (;;) {
    let next = p + 1;
    if (filter[filterSlot(hash)] === 1) {
      const candidates = windows.get(hash);
      if (candidates) {
        // The matches through this window, per form; all contain the window, so their union is one range.
        let plainFrom = p;
        let plainTo = p;
        let base64From = p;
        let base64To = p;
        let hexFrom = p;
        let hexTo = p;
        for (const packed of candidates) {
          const needle = needles[Math.floor(packed / 0x10000)];
          const secret = needle.bytes;
          const offset = packed % 0x10000;
          let k = 0;
          while (k < width && bytes[p + k] === secret[offset + k]) k++;
          if (k < width) continue;
          let left = 0;
          while (p - left > 0 && offset - left > 0 && bytes[p - left - 1] === secret[offset - left - 1]) left++;
          let right = width;
          while (p + right < end && offset + right < secret.length && bytes[p + right] === secret[offset + right]) right++;
          if (left + right < needle.minMatch) continue;
          if (needle.form === 'plain') {
            plainFrom = Math.min(plainFrom, p - left);
            plainTo = Math.max(plainTo, p + right);
          } else if (needle.form === 'base64') {
            base64From = Math.min(base64From, p - left);
            base64To = Math.max(base64To, p + right);
          } else {
            hexFrom = Math.min(hexFrom, p - left);
            hexTo = Math.max(hexTo, p + right);
          }
          // Every window that starts before the last `width - 1` bytes of the match lies inside it.
          next = Math.max(next, p + right - width + 1);
        }
        if (plainTo > p) addRange(plain, view.span(plainFrom, plainTo));
        if (base64To > p) addRange(base64, view.span(base64From, base64To));
        if (hexTo > p) addRange(hex, view.span(hexFrom, hexTo));
      }
    }
    if (next + width > end) break;
    if (next === p + 1) {
      hash = (Math.imul((hash - Math.imul(bytes[p], power)) | 0, HASH_BASE) + bytes[p + width]) | 0;
    } else {
      hash = hashWindow(bytes, next, width);
    }
    p = next;
  }
}

/** [start, end) pairs of `text` covering every form of every known secret. */
export function findKnownSecrets(text: string, knownSecrets: readonly string[]): number[] {
  const ranges: number[] = [];
  const needles: Needle[] = [];
  for (const secret of knownSecrets) {
    // Keys are sent trimmed, so a stored key with a stray space or newline must still match what was sent.
    const trimmed = secret.trim();
    if (trimmed.length < MIN_SECRET_LENGTH) continue;
    // Verbatim, in the text as it is: the views below drop the whitespace and decode the escapes of the text.
    for (let at = text.indexOf(trimmed); at >= 0; at = text.indexOf(trimmed, at + trimmed.length)) {
      ranges.push(at, at + trimmed.length);
    }
    const sent = rootView(trimmed);
    needles.push(...needlesFor(sent.bytes, unescapeFully(sent).bytes.slice()));
  }
  const index = indexNeedles(needles);
  if (!index || text.length < index.width) return ranges;
  const base64: number[] = [];
  const hex: number[] = [];
  search(unescapeFully(rootView(text)), index, ranges, base64, hex);
  for (const [found, kind] of [
    [base64, 'base64'],
    [hex, 'hex'],
  ] as const) {
    // In order: a range inside the run the one before it was widened to is covered already, and none is widened
    // back into that run, so each character is looked at once.
    let covered = -1;
    for (let i = 0; i < found.length; i += 2) {
      if (found[i + 1] <= covered) continue;
      const [start, end] = widenToEncodedRun(text, found[i], found[i + 1], kind, covered);
      ranges.push(start, end);
      covered = end;
    }
  }
  return ranges;
}

// ---------------------------------------------------------------------------------------------------------------
// Encoded runs in the original text

function isBase64Char(code: number): boolean {
  return code < 0x80 && BASE64_VALUE[code] >= 0;
}

function isHexChar(code: number): boolean {
  return code < 0x80 && HEX_VALUE[code] >= 0;
}

/** `%XX` at `at` for a base64 character (or `=` when `padding`): its value, else -1. */
function percentEscapedAt(text: string, at: number): number {
  if (text.charCodeAt(at) !== 0x25) return -1;
  const high = HEX_VALUE[text.charCodeAt(at + 1) & 0xff];
  const low = HEX_VALUE[text.charCodeAt(at + 2) & 0xff];
  return high < 0 || low < 0 || text.charCodeAt(at + 1) > 0x7f || text.charCodeAt(at + 2) > 0x7f ? -1 : high * 16 + low;
}

/** How many characters the base64 character (or its `%XX` or `\/` escape) just before `at` takes, or 0. */
function base64Before(text: string, at: number): number {
  if (at >= 3) {
    const escaped = percentEscapedAt(text, at - 3);
    if (escaped >= 0) return isBase64Char(escaped) ? 3 : 0;
  }
  if (at >= 2 && text.charCodeAt(at - 2) === 0x5c && text.charCodeAt(at - 1) === 0x2f) return 2;
  return at >= 1 && isBase64Char(text.charCodeAt(at - 1)) ? 1 : 0;
}

/** How many characters the base64 character (`=` when `padding`), or its escape, at `at` takes, or 0. */
function base64After(text: string, at: number, padding: boolean): number {
  const fits = (code: number) => (padding ? code === 0x3d : isBase64Char(code));
  const escaped = percentEscapedAt(text, at);
  if (escaped >= 0) return fits(escaped) ? 3 : 0;
  if (!padding && text.charCodeAt(at) === 0x5c && text.charCodeAt(at + 1) === 0x2f) return 2;
  return at < text.length && fits(text.charCodeAt(at)) ? 1 : 0;
}

function isIndent(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * A match inside decoded base64 or hex covers the blocks it was decoded from; the whole encoded run around them goes
 * too, so no stub of the blob is left. For base64 that includes the padding and, when the run fills its line, the
 * neighbouring lines of a MIME-wrapped blob (lines of base64 alone, of 16 characters or more or ending in `=`).
 */
function widenToEncodedRun(text: string, start: number, end: number, kind: 'base64' | 'hex', floor: number): [number, number] {
  let a = start;
  let b = end;
  if (kind === 'hex') {
    while (a > floor && a > 0 && isHexChar(text.charCodeAt(a - 1))) a--;
    while (b < text.length && isHexChar(text.charCodeAt(b))) b++;
    return [a, b];
  }
  for (let step = base64Before(text, a); step > 0 && a > floor; step = base64Before(text, a)) a -= step;
  for (let step = base64After(text, b, false); step > 0; step = base64After(text, b, false)) b += step;
  for (let pad = 0, step = base64After(text, b, true); pad < 2 && step > 0; pad++, step = base64After(text, b, true)) b += step;
  if (!fillsLine(text, a, b)) return [a, b];
  // Earlier lines of the same blob.
  while (a > floor) {
    let p = a;
    while (p > 0 && isIndent(text.charCodeAt(p - 1))) p--;
    if (p === 0 || text.charCodeAt(p - 1) !== 0x0a) break;
    let lineEnd = p - 1;
    if (lineEnd > 0 && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
    let lineStart = lineEnd;
    while (lineStart > 0 && isBase64Char(text.charCodeAt(lineStart - 1))) lineStart--;
    let before = lineStart;
    while (before > 0 && isIndent(text.charCodeAt(before - 1))) before--;
    if (lineEnd - lineStart < 16 || (before > 0 && text.charCodeAt(before - 1) !== 0x0a)) break;
    a = lineStart;
  }
  // Later lines, up to the one with the padding.
  while (text.charCodeAt(b - 1) !== 0x3d) {
    let q = b;
    if (text.charCodeAt(q) === 0x0d) q++;
    if (text.charCodeAt(q) !== 0x0a) break;
    q++;
    while (q < text.length && isIndent(text.charCodeAt(q))) q++;
    let lineEnd = q;
    while (lineEnd < text.length && isBase64Char(text.charCodeAt(lineEnd))) lineEnd++;
    let padded = lineEnd;
    for (let pad = 0; pad < 2 && text.charCodeAt(padded) === 0x3d; pad++) padded++;
    if (!fillsLine(text, q, padded) || (lineEnd - q < 16 && padded === lineEnd) || padded === q) break;
    b = padded;
  }
  return [a, b];
}

/** Whether [a, b) is all of its line but indentation before it and a carriage return after it. */
function fillsLine(text: string, a: number, b: number): boolean {
  let p = a;
  while (p > 0 && isIndent(text.charCodeAt(p - 1))) p--;
  if (p > 0 && text.charCodeAt(p - 1) !== 0x0a) return false;
  let q = b;
  if (text.charCodeAt(q) === 0x0d) q++;
  return q >= text.length || text.charCodeAt(q) === 0x0a;
}

