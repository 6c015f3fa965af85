// The one line the tests module prints with its counts, and how the runner reads it back.
import { z } from 'zod';

export const RESULT_PREFIX = 'kimi-integration-result ';

const resultSchema = z.object({
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
  skipped: z.number().int().min(0),
  files: z.number().int().min(0),
});
export type IntegrationResult = z.infer<typeof resultSchema>;

export function formatResultLine(result: IntegrationResult): string {
  return `${RESULT_PREFIX}${JSON.stringify(result)}`;
}

/** Finds the result line in console text; undefined when the tests module never printed one. */
export function parseResultLine(text: string): IntegrationResult | undefined {
  const start = text.indexOf(RESULT_PREFIX);
  if (start < 0) return undefined;
  const json = text.slice(start + RESULT_PREFIX.length).split('\n')[0] ?? '';
  try {
    const parsed = resultSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
