// The Kimi client's public surface, in one import for the host and the agent loop.
export { KimiClient, DEFAULT_TIMEOUT_MS, type ChatRequest, type KimiClientConfig, type ListModelsResult } from './kimiClient';
export { CompletionCollector, collectCompletion, toHistoryMessage } from './completion';
export { StreamAssembler, makeToolCallId, type StreamAssemblerOptions } from './streamAssembler';
export {
  buildChatRequest,
  messageToWire,
  MAX_STOP_SEQUENCES,
  MAX_TOOLS,
  WEB_SEARCH_TOOL_NAME,
  type BuildOutcome,
  type BuiltChatRequest,
  type ChatRequestOptions,
  type ReasoningEcho,
  type RequestSettings,
  type ToolChoice,
} from './requestBuilder';
export { cancelledError, classifyHttpError, makeKimiError, noKeyError, redactSecret } from './errors';
export { RetryPolicy, DEFAULT_MAX_ATTEMPTS, parseRetryAfter, type RetryClock, type RetryPolicyOptions } from './retryPolicy';
export type { ChatCompletionRequestBody, ResponseFormat, WireMessage } from './wireTypes';
export type * from './types';
