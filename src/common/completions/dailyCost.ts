// What completions cost today: a running sum that starts again each local day, kept by the host.
import { z } from 'zod';

export const dailyCostSchema = z.object({ day: z.string(), usd: z.number().nonnegative(), estimated: z.boolean() });
export type DailyCost = z.infer<typeof dailyCostSchema>;

/** `YYYY-MM-DD` of the local day. */
export function localDay(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Today's total so far, from a stored value that may be from another day or damaged. */
export function costToday(stored: unknown, today: string): DailyCost {
  // Nothing stored yet (completions never ran): no parse, whose failure would build an error to throw away.
  if (stored === undefined) return { day: today, usd: 0, estimated: false };
  const parsed = dailyCostSchema.safeParse(stored);
  return parsed.success && parsed.data.day === today ? parsed.data : { day: today, usd: 0, estimated: false };
}

export function addCost(stored: unknown, cost: { usd: number; estimated: boolean }, today: string): DailyCost {
  const current = costToday(stored, today);
  return { day: today, usd: Math.round((current.usd + cost.usd) * 1e9) / 1e9, estimated: current.estimated || cost.estimated };
}
