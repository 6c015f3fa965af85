// Finds the key in a text in any form a server may echo it in: verbatim, wrapped across lines, percent- or
// JSON-escaped, inside base64 (a Basic header) or hex. Written apart from the product's redaction, so the
// suite does not grade the product with its own code.
const PIECE = 12;

function percentDecode(text: string): string {
  let current = text;
  for (let round = 0; round < 3; round++) {
    const next = current.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === current) break;
    current = next;
  }
  return current;
}

function unescape(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\x([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_match, digits: string) => String.fromCharCode(Number(digits)))
    .replace(/\\\//g, '/');
}

function base64Views(text: string): string[] {
  const views: string[] = [];
  for (const run of text.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []) {
    const standard = run.replace(/-/g, '+').replace(/_/g, '/');
    for (let skip = 0; skip < 4; skip++) views.push(Buffer.from(standard.slice(skip), 'base64').toString('latin1'));
  }
  return views;
}

function hexViews(text: string): string[] {
  return (text.match(/[0-9a-fA-F]{16,}/g) ?? []).flatMap((run) => [0, 1].map((skip) => Buffer.from(run.slice(skip).replace(/^((?:..)*).?$/, '$1'), 'hex').toString('latin1')));
}

/** The first form in which a piece of the secret shows, or undefined when it shows in none. */
export function findEncodedSecret(text: string, secret: string): string | undefined {
  const pieces: string[] = [];
  for (let start = 0; start + PIECE <= secret.length; start += 4) pieces.push(secret.slice(start, start + PIECE));
  const compact = text.replace(/\\[nrt]|\s+/g, '');
  const decoded = unescape(percentDecode(compact));
  const views: [string, string][] = [
    ['verbatim', text],
    ['wrapped across lines', compact],
    ['percent- or JSON-escaped', decoded],
    ...base64Views(compact).map((view): [string, string] => ['base64', view]),
    ...base64Views(decoded).map((view): [string, string] => ['base64 of escaped text', view]),
    ...hexViews(compact).map((view): [string, string] => ['hex', view]),
  ];
  for (const [form, view] of views) if (pieces.some((piece) => view.includes(piece))) return form;
  return undefined;
}
