// The `kimi` language-model vendor: Kimi for other extensions (vscode.lm.selectChatModels) and VS Code's own
// model picker. It uses the chat's settings, key and client; what VS Code's messages cannot carry (reasoning)
// is kept per window by tool-call id and put back on the way in, so thinking tool loops are never a 400.
import * as vscode from 'vscode';
import { keyOriginMismatchMessage } from '../../common/keyOrigin';
import { createKimiClient } from '../../common/llm/createKimiClient';
import { makeKimiError, noKeyError } from '../../common/llm/errors';
import type { KimiError } from '../../common/llm/types';
import { lmErrorKind } from '../../common/lm/lmErrors';
import { toKimiMessages } from '../../common/lm/lmMessages';
import { lmModels, lmProfileFor, type LmModelInfo } from '../../common/lm/lmModels';
import { streamLmResponse, type LmResponseOutcome } from '../../common/lm/lmResponse';
import { estimateLmTokens } from '../../common/lm/lmTokens';
import { ReasoningStore } from '../../common/lm/reasoningStore';
import type { ModelProfile } from '../../common/models';
import { originOf } from '../../common/workspaceSettings';
import type { ApiKeys } from '../apiKeys';
import type { Configuration } from '../configuration';
import { Disposable } from '../disposable';
import type { Logger } from '../log';
import { formatUsd } from '../statusBar';
import { fromVsCodeMessage, toToolDefinition, toVsCodePart } from './lmParts';

export interface KimiChatProviderDeps {
  configuration: Configuration;
  keys: ApiKeys;
  log: Logger;
}

function toInformation(model: LmModelInfo): vscode.LanguageModelChatInformation {
  return {
    id: model.id,
    name: model.name,
    family: model.family,
    version: model.version,
    detail: model.detail,
    tooltip: model.tooltip,
    maxInputTokens: model.maxInputTokens,
    maxOutputTokens: model.maxOutputTokens,
    capabilities: { imageInput: model.imageInput, toolCalling: model.toolCalling },
  };
}

/** Our sentence, as the LanguageModelError a calling extension can tell apart by `code`. */
export function toLanguageModelError(error: KimiError): Error {
  switch (lmErrorKind(error)) {
    case 'NoPermissions':
      return vscode.LanguageModelError.NoPermissions(error.message);
    case 'Blocked':
      return vscode.LanguageModelError.Blocked(error.message);
    case 'NotFound':
      return vscode.LanguageModelError.NotFound(error.message);
    case 'Cancelled':
      return new vscode.CancellationError();
    case 'Unknown':
      return new vscode.LanguageModelError(error.message);
  }
}

/** Which extension asked: VS Code passes it as a proposed option; only for the log, never for a decision. */
function requestInitiator(options: vscode.ProvideLanguageModelChatResponseOptions): string {
  const initiator = (options as { requestInitiator?: unknown }).requestInitiator;
  return typeof initiator === 'string' && initiator ? initiator : 'an extension';
}

export class KimiChatProvider extends Disposable implements vscode.LanguageModelChatProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly reasoning = new ReasoningStore();
  private spent = { usd: 0, estimated: false };

  constructor(private readonly deps: KimiChatProviderDeps) {
    super();
    this.register(deps.configuration.onDidChange(() => this.changed.fire()));
  }

  provideLanguageModelChatInformation(): vscode.LanguageModelChatInformation[] {
    return lmModels(this.deps.configuration.settings).map(toInformation);
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const settings = this.deps.configuration.settings;
    const profile = lmProfileFor(model.id, settings);
    if (!profile) {
      throw vscode.LanguageModelError.NotFound(`Kimi no longer offers "${model.id}" with the current settings: select the model again.`);
    }
    const apiKey = await this.keyFor(profile);
    const client = createKimiClient({ settings, profile, apiKey, log: (line) => this.deps.log.info(line) });
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    if (token.isCancellationRequested) abort.abort();
    let outcome: LmResponseOutcome;
    try {
      const tools = (options.tools ?? []).map(toToolDefinition);
      const stream = client.stream({
        messages: toKimiMessages(messages.map(fromVsCodeMessage), this.reasoning),
        tools,
        ...(tools.length > 0 && options.toolMode === vscode.LanguageModelChatToolMode.Required ? { toolChoice: 'required' as const } : {}),
        signal: abort.signal,
      });
      outcome = await streamLmResponse(stream, this.reasoning, (part) => progress.report(toVsCodePart(part)));
    } finally {
      cancelled.dispose();
    }
    this.logOutcome(requestInitiator(options), profile, outcome);
    if (outcome.error) throw toLanguageModelError(outcome.error);
  }

  async provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return estimateLmTokens(typeof text === 'string' ? text : fromVsCodeMessage(text));
  }

  /** The chat's key for the request's host; no key (or one stored for another host) fails before anything is sent. */
  private async keyFor(profile: ModelProfile): Promise<string> {
    const lookup = await this.deps.keys.lookup(profile.provider, originOf(profile.baseUrl));
    if (lookup.status === 'otherOrigin') {
      const message = keyOriginMismatchMessage(profile.preset.label, lookup);
      this.deps.log.warn(message);
      throw toLanguageModelError(makeKimiError('auth', message));
    }
    if (lookup.status === 'found') return lookup.key;
    if (profile.preset.requiresApiKey) throw toLanguageModelError(noKeyError(profile.preset.label));
    return '';
  }

  /** Requests of other extensions spend the user's key: each one, and the window's total, is in the log. */
  private logOutcome(initiator: string, profile: ModelProfile, outcome: LmResponseOutcome): void {
    if (outcome.cost) {
      this.spent = { usd: this.spent.usd + outcome.cost.usd, estimated: this.spent.estimated || outcome.cost.estimated };
    }
    const usage = outcome.usage ? `, ${outcome.usage.promptTokens} tokens in, ${outcome.usage.completionTokens} out` : '';
    const cost = outcome.cost ? `, ${outcome.cost.estimated ? '≈' : ''}$${formatUsd(outcome.cost.usd)}` : '';
    const total = this.spent.usd > 0 ? `; language-model requests this window: ${this.spent.estimated ? '≈' : ''}$${formatUsd(this.spent.usd)}` : '';
    const ending = outcome.error ? `failed: ${outcome.error.message}` : `${outcome.finishReason}, ${outcome.toolCalls} tool call(s)`;
    this.deps.log.info(`Language model ${profile.modelId} for ${initiator}: ${ending}${usage}${cost}${total}`);
  }
}
