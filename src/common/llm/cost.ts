// What a call cost: the provider's own figure when it reports one, else an estimate from the catalog price.
import type { ModelPrice } from '../models';
import type { Cost, Usage } from './types';

export function estimateCost(usage: Usage, price: ModelPrice): Cost {
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const usd =
    ((usage.promptTokens - cached) * price.input + cached * price.cachedInput + usage.completionTokens * price.output) /
    1_000_000;
  return { usd: Math.round(usd * 1e9) / 1e9, estimated: true };
}

/** Prefers the provider's reported spend; estimates only when it is absent and a price is known. */
export function resolveCost(
  reported: { usd?: number; credits?: number } | undefined,
  usage: Usage | undefined,
  price: ModelPrice | undefined,
): Cost | undefined {
  if (reported?.usd !== undefined) {
    return { usd: reported.usd, estimated: false, ...(reported.credits !== undefined ? { credits: reported.credits } : {}) };
  }
  return usage && price ? estimateCost(usage, price) : undefined;
}
