// The one log line per HTTP attempt: ids, provider, model, status, timings and token counts. By construction
// it has no field for the key or the prompt; the prompt is logged only when the user asks (logPrompts).
import type { KimiError, Usage } from './types';

export interface AttemptRecord {
  requestId: string;
  provider: string;
  model: string;
  attempt: number;
  status: number | undefined;
  firstTokenMs: number | undefined;
  totalMs: number;
  usage: Usage | undefined;
  error: KimiError | undefined;
  streamed: boolean;
}

export function formatAttemptLog(record: AttemptRecord): string {
  const usage = record.usage;
  const tokens = usage
    ? `in=${usage.promptTokens} cached=${usage.cachedTokens} out=${usage.completionTokens}` +
      (usage.reasoningTokens !== undefined ? ` reasoning=${usage.reasoningTokens}` : '')
    : 'tokens=-';
  const outcome = record.error ? `error=${record.error.category}` : 'ok';
  return [
    `[kimi] request=${record.requestId}`,
    `provider=${record.provider}`,
    `model=${record.model}`,
    `attempt=${record.attempt}`,
    `mode=${record.streamed ? 'stream' : 'single'}`,
    `status=${record.status ?? '-'}`,
    outcome,
    `ttft=${record.firstTokenMs === undefined ? '-' : `${Math.round(record.firstTokenMs)}ms`}`,
    `total=${Math.round(record.totalMs)}ms`,
    tokens,
  ].join(' ');
}

const MAX_PROMPT_LOG_CHARS = 200_000;

/** The request body as the provider receives it, with images shortened to their size, for kimiAssistant.logPrompts. */
export function formatPromptLog(body: unknown): string {
  const text = JSON.stringify(body, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith('data:') ? `${value.slice(0, value.indexOf(',') + 1)}… (${value.length} characters)` : value,
  );
  const shown = text.length > MAX_PROMPT_LOG_CHARS ? `${text.slice(0, MAX_PROMPT_LOG_CHARS)}… (${text.length - MAX_PROMPT_LOG_CHARS} more characters)` : text;
  return `[kimi] prompt: ${shown}`;
}
