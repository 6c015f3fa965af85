// Token estimates without a tokenizer: close enough to budget context and show a meter, never used for billing.

/** About 4 characters per token for code and English; CJK characters count about one token each. */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  let wide = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x2e80) wide++;
  }
  return Math.ceil((text.length - wide) / 4 + wide);
}

/** Images are billed by size on the provider; a flat figure keeps the meter honest enough. */
export const IMAGE_TOKEN_ESTIMATE = 1000;
