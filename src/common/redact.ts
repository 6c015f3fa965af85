// Removes API keys from text bound for logs, errors or storage: the known keys verbatim, plus anything shaped like a key.

const KEY_SHAPES: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  // A value labelled as a key, as in `api_key=...`, `"apiKey": "..."` or an `x-api-key:` header.
  /\b((?:x-)?api[_-]?key["']?\s*[:=]\s*["']?)[A-Za-z0-9._~+/=-]{8,}/gi,
];

export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    // Keys are sent trimmed, so a stored key with a stray space or newline must still match what was sent.
    const trimmed = secret.trim();
    if (trimmed.length >= 6) result = result.split(trimmed).join('[redacted]');
  }
  for (const shape of KEY_SHAPES) {
    result = result.replace(shape, (_match, prefix: unknown) => `${typeof prefix === 'string' ? prefix : ''}[redacted]`);
  }
  return result;
}
