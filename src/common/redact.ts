// Removes API keys from text bound for logs, errors or storage, in two layers:
//
// - known keys, in every form a server may echo one: verbatim; percent-encoded (any subset of the characters, also
//   double-encoded as %25XX); JSON/JS-escaped (`\u0073`, `\x73`, `\/`) or HTML-escaped (`&#115;`, `&#x73;`); wrapped
//   across lines (by newlines, indentation, spaces or literal `\n` escapes); hex-encoded; base64 (standard or
//   URL-safe, padded or not, MIME-wrapped, alone or at any byte offset inside a longer blob such as `user:key` or a
//   JSON body); and any fragment of 12 or more consecutive characters of a key, in any of those forms;
// - anything shaped like a key: `sk-...`, `Bearer ...`, `api_key=...` and `Basic <base64 of user:password>`.
//
// Known keys are found in a decoded "view" of the text: its UTF-8 bytes with every escape decoded and every space
// and line break dropped (in rounds, so double-encoded forms come out too), each byte mapped back to the original
// characters it came from, so a match in the view redacts exactly those characters. Base64 and hex are not decoded:
// the key is encoded instead, at each of the three byte offsets a 3-byte base64 block allows and in both alphabets
// (and hex in both cases), keeping the characters that depend on the key's bytes alone; those appear unchanged in
// any blob holding the key, at any offset. A match inside base64 or hex redacts the whole encoded run around it.
// The key, its encodings and their 12-character (15 for base64, 24 for hex) windows are all looked for in one
// rolling-hash pass over the view, so the cost is linear in the text whatever the forms.

import { findKnownSecrets } from './redaction/knownSecrets';
import { BASE64_VALUE } from './redaction/decodedView';

const MARKER = '[redacted]';

const KEY_SHAPES: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  // A value labelled as a key, as in `api_key=...`, `"apiKey": "..."` or an `x-api-key:` header.
  /\b((?:x-)?api[_-]?key["']?\s*[:=]\s*["']?)[A-Za-z0-9._~+/=-]{8,}/gi,
];
/** `Authorization: Basic <base64>`; the credential is redacted when it decodes to `user:password`. */
const BASIC_CREDENTIAL = /\b(Basic\s+)([A-Za-z0-9+/_-]{4,}={0,2})/gi;

/** Removes known secrets (in every encoded form, see above) and anything shaped like a key. */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  const ranges = findKnownSecrets(text, knownSecrets);
  for (const shape of KEY_SHAPES) {
    for (const match of text.matchAll(shape)) {
      const prefix = typeof match[1] === 'string' ? match[1].length : 0;
      ranges.push(match.index + prefix, match.index + match[0].length);
    }
  }
  for (const match of text.matchAll(BASIC_CREDENTIAL)) {
    if (isUserPassword(match[2])) ranges.push(match.index + match[1].length, match.index + match[0].length);
  }
  return replaceRanges(text, ranges, MARKER);
}

/**
 * Removes only the known secrets, in every form `redactSecrets` finds them, each covered range replaced by `marker`;
 * no shape-based rules. For callers that apply their own shapes and markers.
 */
export function redactKnownSecrets(text: string, knownSecrets: readonly string[], marker = MARKER): string {
  return replaceRanges(text, findKnownSecrets(text, knownSecrets), marker);
}

// ---------------------------------------------------------------------------------------------------------------
// Replacing ranges

/** `ranges` holds [start, end) pairs of `text`; overlapping or touching ones become a single marker. */
function replaceRanges(text: string, ranges: number[], marker: string): string {
  if (ranges.length === 0) return text;
  // Sorted by start through one number per range, start and index packed (exact below 2 ** 53).
  const pairs = ranges.length / 2;
  const order = new Float64Array(pairs);
  for (let i = 0; i < pairs; i++) order[i] = ranges[i * 2] * pairs + i;
  order.sort();
  const parts: string[] = [];
  let done = 0;
  let start = -1;
  let end = -1;
  for (const key of order) {
    const i = key % pairs;
    if (ranges[i * 2 + 1] <= ranges[i * 2]) continue;
    if (start >= 0 && ranges[i * 2] <= end) {
      end = Math.max(end, ranges[i * 2 + 1]);
      continue;
    }
    if (start >= 0) {
      parts.push(text.slice(done, start), marker);
      done = end;
    }
    start = ranges[i * 2];
    end = ranges[i * 2 + 1];
  }
  if (start < 0) return text;
  parts.push(text.slice(done, start), marker, text.slice(end));
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Basic credentials

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether a base64 credential decodes to `something:something` in printable text. */
function isUserPassword(credential: string): boolean {
  const digits = credential.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((digits.length * 3) / 4));
  let o = 0;
  let bits = 0;
  let value = 0;
  for (let i = 0; i < digits.length; i++) {
    value = (value << 6) | BASE64_VALUE[digits.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (value >> bits) & 0xff;
    }
  }
  let decoded: string;
  try {
    decoded = strictUtf8.decode(bytes.subarray(0, o));
  } catch {
    return false;
  }
  return /^[^:\u0000-\u001f\u007f]+:[^\u0000-\u001f\u007f]+$/.test(decoded);
}

