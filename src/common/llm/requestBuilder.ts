// Turns a conversation and its options into the chat-completions body one provider preset accepts:
// the multi-turn rules of Kimi (reasoning_content echoed back, ids kept, no empty user turn) and the
// preset's field choices (thinking switch, output-token field name, locked sampling).
import type { ModelProfile } from '../models';
import { invalidRequestError } from './errors';
import { lockedSamplingWarning, validateRequestOverrides } from './requestOverrides';
import type { ChatMessage, KimiError, ToolDefinition, UserContentPart } from './types';
import type { ChatCompletionRequestBody, ResponseFormat, WireMessage, WireTool, WireToolChoice } from './wireTypes';

/** `{ name }` forces that function. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** What one call asks for, beyond the conversation. */
export interface ChatRequestOptions {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  /** Offer Kimi's built-in `$web_search` (run by the provider). */
  webSearch?: boolean;
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  /** Up to 4 stop sequences. */
  stop?: string[];
  responseFormat?: ResponseFormat;
  seed?: number;
  /** Overrides the configured thinking switch for this request only. */
  thinking?: boolean;
  /** Overrides the configured output budget for this request only. */
  maxOutputTokens?: number;
}

/** The user's standing choices (from settings). */
export interface RequestSettings {
  thinking: boolean;
  maxOutputTokens: number;
  /** null or undefined: not set, so not sent. */
  temperature?: number | null;
  requestOverrides?: Record<string, unknown>;
}

export interface BuiltChatRequest {
  body: ChatCompletionRequestBody;
  /** Things the host should log: values left out, switches changed for this request. */
  warnings: string[];
  /** Whether the model will think on this request (decides the reasoning_content rule). */
  thinking: boolean;
}

export type BuildOutcome = { ok: true; request: BuiltChatRequest } | { ok: false; error: KimiError };

export const MAX_TOOLS = 128;
export const MAX_STOP_SEQUENCES = 4;
export const EMPTY_USER_CONTENT_PLACEHOLDER = '(empty message)';

export const WEB_SEARCH_TOOL_NAME = '$web_search';
const webSearchTool: WireTool = { type: 'builtin_function', function: { name: WEB_SEARCH_TOOL_NAME } };

function userContentToWire(content: string | UserContentPart[], warnings: string[]): string | UserContentPart[] {
  if (typeof content === 'string') {
    if (content.trim()) return content;
    warnings.push('An empty user message was sent as a placeholder: the API rejects empty user content.');
    return EMPTY_USER_CONTENT_PLACEHOLDER;
  }
  const parts = content.filter((part) => part.type !== 'text' || part.text.trim() !== '');
  if (parts.length > 0) return parts.map((part) => ({ ...part }));
  warnings.push('An empty user message was sent as a placeholder: the API rejects empty user content.');
  return [{ type: 'text', text: EMPTY_USER_CONTENT_PLACEHOLDER }];
}

/**
 * Which assistant turns must carry `reasoning_content`: none (thinking off), tool-call turns (thinking
 * on), or every turn (K2.6 preserved thinking, `thinking.keep: "all"`).
 */
export type ReasoningEcho = 'none' | 'toolCallTurns' | 'allTurns';

/** One history message on the wire. A turn that must carry reasoning but has none stored gets `""`. */
export function messageToWire(message: ChatMessage, echo: ReasoningEcho, warnings: string[] = []): WireMessage {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: userContentToWire(message.content, warnings) };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant': {
      const toolCalls = message.toolCalls ?? [];
      const wire: Extract<WireMessage, { role: 'assistant' }> = { role: 'assistant' };
      if (message.content) wire.content = message.content;
      if (message.reasoningContent !== undefined) wire.reasoning_content = message.reasoningContent;
      else if (echo === 'allTurns' || (echo === 'toolCallTurns' && toolCalls.length > 0)) wire.reasoning_content = '';
      if (toolCalls.length > 0) {
        wire.tool_calls = toolCalls.map((call) => ({
          id: call.id,
          type: call.name === WEB_SEARCH_TOOL_NAME ? 'builtin_function' : 'function',
          // Chat templates parse the arguments as JSON: an empty string would break them.
          function: { name: call.name, arguments: call.argumentsText === '' ? '{}' : call.argumentsText },
        }));
      } else if (!message.content) {
        wire.content = '';
      }
      if (message.partial) wire.partial = true;
      return wire;
    }
  }
}

function toolChoiceToWire(choice: ToolChoice): WireToolChoice {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

function isForcedToolChoice(choice: ToolChoice | undefined): boolean {
  return choice === 'required' || typeof choice === 'object';
}

function keepsAllReasoning(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'keep' in value && value.keep === 'all';
}

function thinkingFromOverride(value: unknown): boolean | undefined {
  if (typeof value !== 'object' || value === null || !('type' in value)) return undefined;
  return value.type === 'enabled' ? true : value.type === 'disabled' ? false : undefined;
}

/**
 * Whether the chat's thinking switch changes anything for this profile, and if not, why: a control that
 * looks like it works and does not is worse than one that says it is unavailable.
 */
export function thinkingSwitch(profile: ModelProfile, requestOverrides: Record<string, unknown>): { available: true } | { available: false; reason: string; thinking: boolean } {
  const fromOverride = thinkingFromOverride(requestOverrides.thinking);
  if (fromOverride !== undefined) {
    return { available: false, thinking: fromOverride, reason: `Thinking is ${fromOverride ? 'on' : 'off'} by kimiAssistant.requestOverrides, which this switch cannot change.` };
  }
  if (profile.preset.sendsThinkingField) return { available: true };
  if (!profile.catalogModel) {
    return { available: false, thinking: false, reason: `${profile.preset.label} takes no thinking switch; add the field your server expects to kimiAssistant.requestOverrides.` };
  }
  return {
    available: false,
    thinking: profile.thinksByDefault,
    reason: `${profile.preset.label} has no thinking switch for Kimi, so ${profile.label} always reasons before answering. Choose the Moonshot provider to turn it off.`,
  };
}

/**
 * Decides whether this request thinks. Where the preset cannot send the switch, the model's default
 * applies (K2.5/K2.6 think), unless requestOverrides carry an explicit `thinking` field.
 */
function resolveThinking(
  profile: ModelProfile,
  requested: boolean,
  overrideThinking: boolean | undefined,
  warnings: string[],
): { thinking: boolean; controllable: boolean } {
  if (overrideThinking !== undefined) return { thinking: overrideThinking, controllable: false };
  if (profile.preset.sendsThinkingField) return { thinking: requested, controllable: true };
  if (!profile.catalogModel) return { thinking: requested, controllable: false };
  if (!requested && profile.thinksByDefault) {
    warnings.push(
      `Thinking cannot be switched off on ${profile.preset.label} (it takes no thinking field); ` +
        `${profile.label} thinks by default. Add {"thinking":{"type":"disabled"}} to requestOverrides to try anyway.`,
    );
  }
  return { thinking: profile.thinksByDefault, controllable: false };
}

/** Builds the request body, or explains why the request cannot be made as asked. */
export function buildChatRequest(
  profile: ModelProfile,
  settings: RequestSettings,
  options: ChatRequestOptions,
  mode: { stream: boolean },
): BuildOutcome {
  const warnings: string[] = [];
  const overrides = validateRequestOverrides(settings.requestOverrides);
  warnings.push(...overrides.warnings);

  const tools = options.tools ?? [];
  if (tools.length + (options.webSearch ? 1 : 0) > MAX_TOOLS) {
    return { ok: false, error: invalidRequestError(`At most ${MAX_TOOLS} tools can be offered in one request.`) };
  }
  if (options.stop && options.stop.length > MAX_STOP_SEQUENCES) {
    return { ok: false, error: invalidRequestError(`At most ${MAX_STOP_SEQUENCES} stop sequences are allowed.`) };
  }
  if (options.messages.length === 0) {
    return { ok: false, error: invalidRequestError('A request needs at least one message.') };
  }

  const requestedThinking = options.thinking ?? settings.thinking;
  let { thinking, controllable } = resolveThinking(
    profile,
    requestedThinking,
    thinkingFromOverride(overrides.fields.thinking),
    warnings,
  );
  if (thinking && isForcedToolChoice(options.toolChoice)) {
    // Kimi rejects a forced tool while thinking; turning thinking off is the documented way to force one.
    if (!controllable) {
      return {
        ok: false,
        error: invalidRequestError(
          `Forcing a tool call needs thinking off, and ${profile.preset.label} does not let the client switch ` +
            `thinking off: use tool choice "auto" instead.`,
        ),
      };
    }
    thinking = false;
    controllable = true;
    warnings.push('Thinking was turned off for this request: Kimi cannot force a tool call while thinking.');
  }

  const echo: ReasoningEcho = !thinking ? 'none' : keepsAllReasoning(overrides.fields.thinking) ? 'allTurns' : 'toolCallTurns';
  const body: ChatCompletionRequestBody = {
    model: profile.modelId,
    messages: options.messages.map((message) => messageToWire(message, echo, warnings)),
    stream: mode.stream,
  };
  if (mode.stream) body.stream_options = { include_usage: true };
  body[profile.preset.outputTokenField] = options.maxOutputTokens ?? settings.maxOutputTokens;
  if (profile.preset.sendsThinkingField) body.thinking = { type: thinking ? 'enabled' : 'disabled' };

  const samplingContext = { locked: profile.preset.lockedSampling, thinking, providerLabel: profile.preset.label };
  if (settings.temperature !== null && settings.temperature !== undefined) {
    const warning = lockedSamplingWarning('temperature', settings.temperature, samplingContext);
    if (warning) warnings.push(warning);
    else body.temperature = settings.temperature;
  }

  const wireTools: WireTool[] = tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
  if (options.webSearch) wireTools.push(webSearchTool);
  if (wireTools.length > 0) body.tools = wireTools;
  if (options.toolChoice !== undefined) body.tool_choice = toolChoiceToWire(options.toolChoice);
  if (options.parallelToolCalls !== undefined) body.parallel_tool_calls = options.parallelToolCalls;
  if (options.stop && options.stop.length > 0) body.stop = [...options.stop];
  if (options.responseFormat) body.response_format = options.responseFormat;
  if (options.seed !== undefined) body.seed = options.seed;

  if (!profile.acceptsImages && options.messages.some(hasImage)) {
    warnings.push(`${profile.label} is not known to accept images; the request includes some.`);
  }

  for (const [field, value] of Object.entries(overrides.fields)) {
    const warning = lockedSamplingWarning(field, value, samplingContext);
    if (warning) warnings.push(`requestOverrides: ${warning}`);
    else body[field] = value;
  }
  return { ok: true, request: { body, warnings, thinking } };
}

function hasImage(message: ChatMessage): boolean {
  return message.role === 'user' && Array.isArray(message.content) && message.content.some((part) => part.type === 'image_url');
}
