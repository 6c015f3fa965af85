// "Test Connection": one model listing and one tiny completion, turned into a verdict that names exactly
// what is wrong (no key, bad key, no credits, unreachable host, unknown model id) and what to do about it.
import type { CompletionResult, KimiError } from './types';

export interface ConnectionProbe {
  listModels(signal?: AbortSignal): Promise<{ ok: true; ids: string[] } | { ok: false; error: KimiError }>;
  /** A minimal request: a few output tokens, thinking off where the provider allows it. */
  ping(signal?: AbortSignal): Promise<CompletionResult>;
}

export type ConnectionProblem = 'noKey' | 'badKey' | 'noCredits' | 'unreachable' | 'unknownModel' | 'rateLimited' | 'other';

export type ConnectionReport =
  | { ok: true; summary: string; latencyMs: number; modelIds: string[] }
  | { ok: false; problem: ConnectionProblem; summary: string; error?: KimiError; suggestions: string[] };

export interface ConnectionTarget {
  providerLabel: string;
  baseUrl: string;
  modelId: string;
}

export async function checkConnection(probe: ConnectionProbe, target: ConnectionTarget, now: () => number = Date.now, signal?: AbortSignal): Promise<ConnectionReport> {
  const listed = await probe.listModels(signal);
  let modelIds: string[] = [];
  if (listed.ok) {
    modelIds = listed.ids;
    if (modelIds.length > 0 && !modelIds.includes(target.modelId)) {
      const kimi = modelIds.filter((id) => /kimi/i.test(id)).slice(0, 5);
      return {
        ok: false,
        problem: 'unknownModel',
        summary: `${target.providerLabel} has no model "${target.modelId}".${kimi.length ? ` Kimi models there: ${kimi.join(', ')}.` : ''} Pick another model, or check the provider setting.`,
        suggestions: kimi,
      };
    }
  } else if (listed.error.category !== 'invalidRequest' && listed.error.category !== 'server') {
    // Some OpenAI-compatible servers have no /models route; only the ping can tell then.
    return fromError(listed.error, target);
  }
  const started = now();
  const result = await probe.ping(signal);
  if (result.error) return fromError(result.error, target);
  const latencyMs = now() - started;
  return {
    ok: true,
    latencyMs,
    modelIds,
    summary: `Connected to ${target.providerLabel}: ${target.modelId} answered in ${(latencyMs / 1000).toFixed(1)} s.`,
  };
}

function fromError(error: KimiError, target: ConnectionTarget): ConnectionReport {
  const problem = problemOf(error);
  const summaries: Record<ConnectionProblem, string> = {
    noKey: `No API key is set for ${target.providerLabel}. Run "Kimi: Set API Key".`,
    badKey: `${target.providerLabel} rejected the API key. Set a valid key with "Kimi: Set API Key" (keys of Moonshot's .ai and .cn platforms do not work on each other).`,
    noCredits: `The ${target.providerLabel} account has no credits or quota left. Top up the balance, then try again.`,
    unreachable: `Cannot reach ${target.baseUrl}. Check the base URL, your network or proxy.`,
    unknownModel: `${target.providerLabel} does not know the model "${target.modelId}". Pick another model or check the provider setting.`,
    rateLimited: `${target.providerLabel} is rate-limiting or overloaded right now; the key works. Try again in a moment.`,
    other: error.message,
  };
  return { ok: false, problem, summary: summaries[problem], error, suggestions: [] };
}

function problemOf(error: KimiError): ConnectionProblem {
  switch (error.category) {
    case 'noKey':
      return 'noKey';
    case 'auth':
      return 'badKey';
    case 'quota':
      return 'noCredits';
    case 'network':
    case 'timeout':
      return 'unreachable';
    case 'rateLimited':
    case 'overloaded':
      return 'rateLimited';
    default:
      return error.status === 404 ? 'unknownModel' : 'other';
  }
}
