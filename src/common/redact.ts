// Removes API keys from text bound for logs, errors or storage: the known keys verbatim, plus anything shaped like a key.

const KEY_SHAPES: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
];

export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 6) result = result.split(secret).join('[redacted]');
  }
  for (const shape of KEY_SHAPES) {
    result = result.replace(shape, (_match, prefix: unknown) => `${typeof prefix === 'string' ? prefix : ''}[redacted]`);
  }
  return result;
}
