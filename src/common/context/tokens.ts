// Token estimates without a tokenizer: close enough to budget context and show a meter, never used for billing.

/** About 4 characters per token for code and English; CJK characters count about one token each. */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  // Counted by code point: an emoji is one character (two UTF-16 units) and counts once, as a wide one.
  let narrow = 0;
  let wide = 0;
  for (const char of text) {
    if ((char.codePointAt(0) ?? 0) >= 0x2e80) wide++;
    else narrow++;
  }
  return Math.ceil(narrow / 4 + wide);
}

/** Images are billed by size on the provider; a flat figure keeps the meter honest enough. */
export const IMAGE_TOKEN_ESTIMATE = 1000;
