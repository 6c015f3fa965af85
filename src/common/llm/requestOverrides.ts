// Validates the user's `requestOverrides` setting before it is merged into a request: protected
// fields are refused, malformed values of known fields are dropped, and sampling values a locked
// provider would reject (Moonshot answers 400) become warnings instead of requests that fail.
import { z } from 'zod';

/** Fields the client owns: overriding them would break streaming or the conversation itself. */
const protectedFields = new Set(['model', 'messages', 'stream', 'stream_options']);

const stopSchema = z.union([z.string(), z.array(z.string()).max(4)]);

/** Known fields whose shape is checked; any other field passes through unchanged. */
const knownFieldSchemas: Record<string, z.ZodType> = {
  temperature: z.number().min(0).max(2),
  top_p: z.number().min(0).max(1),
  n: z.number().int().min(1),
  presence_penalty: z.number().min(-2).max(2),
  frequency_penalty: z.number().min(-2).max(2),
  max_tokens: z.number().int().positive(),
  max_completion_tokens: z.number().int().positive(),
  seed: z.number().int(),
  stop: stopSchema,
  parallel_tool_calls: z.boolean(),
  thinking: z.looseObject({ type: z.enum(['enabled', 'disabled']) }),
  response_format: z.looseObject({ type: z.enum(['text', 'json_object', 'json_schema']) }),
};

/** The only values Moonshot accepts for its locked sampling fields. */
export function lockedSamplingValues(thinking: boolean): Record<string, number> {
  return { temperature: thinking ? 1 : 0.6, top_p: 0.95, n: 1, presence_penalty: 0, frequency_penalty: 0 };
}

/**
 * Checks a sampling value against a locked preset. Returns a warning when the provider would reject
 * it (the caller then leaves it out), undefined when it may be sent.
 */
export function lockedSamplingWarning(
  field: string,
  value: unknown,
  context: { locked: boolean; thinking: boolean; providerLabel: string },
): string | undefined {
  if (!context.locked) return undefined;
  const allowed = lockedSamplingValues(context.thinking)[field];
  if (allowed === undefined || value === allowed) return undefined;
  return (
    `${field} ${JSON.stringify(value)} was not sent: ${context.providerLabel} accepts only ${allowed} ` +
    `for this model${field === 'temperature' ? (context.thinking ? ' with thinking on' : ' with thinking off') : ''}.`
  );
}

export interface ValidatedOverrides {
  fields: Record<string, unknown>;
  warnings: string[];
}

/** Sorts the overrides into fields to merge and warnings; sampling checks happen later, once thinking is known. */
export function validateRequestOverrides(overrides: Record<string, unknown> | undefined): ValidatedOverrides {
  const fields: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const [field, value] of Object.entries(overrides ?? {})) {
    if (protectedFields.has(field)) {
      warnings.push(`requestOverrides.${field} was ignored: the client sets it itself.`);
      continue;
    }
    const schema = knownFieldSchemas[field];
    const checked = schema?.safeParse(value);
    if (checked && !checked.success) {
      const reason = checked.error.issues.map((issue) => issue.message).join('; ');
      warnings.push(`requestOverrides.${field} was ignored: ${reason}.`);
      continue;
    }
    fields[field] = value;
  }
  return { fields, warnings };
}
