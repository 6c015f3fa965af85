// The vocabulary MCP support shares across layers: what a server offers (tools, prompts, resources), how it is
// doing, and the outcome of a call, as plain data. The node client manager produces these; the editor-free
// core (tool adaptation, results, the AgentTools adapter) consumes them without importing the SDK.

/** A server's state as the servers view shows it. `failed` carries a sentence for the user. */
export type McpServerStatus =
  | { state: 'starting' }
  | { state: 'ready' }
  | { state: 'failed'; reason: string }
  | { state: 'stopped' };

/** Where a server's configuration came from: the user's own settings, or a file in the opened project. */
export type McpConfigSource = 'user' | 'project';

/** Hints a server gives about a tool. They come from the server, so they never decide approval. */
export interface McpToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** A tool as the server lists it (structurally a subset of the SDK's `Tool`). */
export interface McpTool {
  name: string;
  title?: string;
  description?: string;
  /** The server's JSON Schema, untouched; `toolSchema.ts` makes it Kimi-safe. */
  inputSchema: unknown;
  annotations?: McpToolAnnotations;
  /** `taskSupport: "required"` tools only run as MCP tasks, which this client does not drive: they are left out. */
  execution?: { taskSupport?: string };
}

export interface McpPromptArgument {
  name: string;
  description?: string;
  required?: boolean;
}

export interface McpPrompt {
  name: string;
  title?: string;
  description?: string;
  arguments?: McpPromptArgument[];
}

export interface McpResource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

export interface McpResourceTemplate {
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

/** One server as of a snapshot: its status and what it offered then. */
export interface McpServerSnapshot {
  server: string;
  source: McpConfigSource;
  status: McpServerStatus;
  tools: McpTool[];
}

/**
 * The tools of every server, frozen: the agent's tool list is built from one snapshot and changes only when the
 * host asks for a new one between turns, so the request prefix stays byte-identical within a conversation.
 */
export interface McpToolSnapshot {
  servers: McpServerSnapshot[];
}

export interface McpProgress {
  progress: number;
  total?: number;
  message?: string;
}

/** A content block of a tool result or a resource, loosely typed: results.ts checks every field it reads. */
export type McpContentBlock = { type: string } & Record<string, unknown>;

/** A `CallToolResult` (structurally a subset of the SDK's). */
export interface McpCallResult {
  content?: McpContentBlock[];
  structuredContent?: unknown;
  isError?: boolean;
}

/** Errors as values: a call never throws into the caller's turn. */
export type McpCallOutcome =
  | { kind: 'result'; result: McpCallResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export interface McpCallOptions {
  signal: AbortSignal;
  onProgress?(progress: McpProgress): void;
}

/** What the AgentTools adapter needs from the client manager. */
export interface McpToolCaller {
  callTool(server: string, tool: string, args: Record<string, unknown>, options: McpCallOptions): Promise<McpCallOutcome>;
}

/** A message of a prompt (`prompts/get`), for a slash command to insert. */
export interface McpPromptMessage {
  role: 'user' | 'assistant';
  content: McpContentBlock;
}

/** One part of a resource (`resources/read`), for an @ mention to attach. */
export interface McpResourceContents {
  uri: string;
  mimeType?: string;
  text?: string;
  /** Base64. */
  blob?: string;
}

/** A request to a server that may fail, as a value with a sentence for the user. */
export type McpRequestOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };
