// Lists what a server offers, page by page. The SDK checks a whole tools/list answer against the protocol, so
// one malformed tool would lose every other tool of the server: then the list is read again loosely and each
// tool is checked on its own, the bad ones logged and left out.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { McpPrompt, McpResource, McpResourceTemplate, McpTool } from '../../common/mcp/types';

/** A server that pages forever must not hold the start-up hostage (the time limit would end it anyway). */
const MAX_PAGES = 20;

const looseToolList = z.object({ tools: z.array(z.unknown()), nextCursor: z.string().optional() }).loose();

export async function listTools(client: Client, signal: AbortSignal, log: (line: string) => void): Promise<McpTool[]> {
  try {
    return await paged((cursor) => client.listTools(cursor ? { cursor } : undefined, { signal }).then((page) => ({ items: page.tools, nextCursor: page.nextCursor })), toTool);
  } catch (error) {
    if (signal.aborted) throw error;
    log(`the tool list does not follow the protocol; reading each tool on its own (${firstLine(error)})`);
  }
  const tools: McpTool[] = [];
  await paged(
    async (cursor) => {
      const page = await client.request({ method: 'tools/list', params: cursor ? { cursor } : {} }, looseToolList, { signal });
      return { items: page.tools, nextCursor: page.nextCursor };
    },
    (raw: unknown) => {
      const parsed = ToolSchema.safeParse(raw);
      if (parsed.success) tools.push(toTool(parsed.data));
      else log(`left out a malformed tool ${JSON.stringify(nameOf(raw))}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'tool'}: ${issue.message}`).join('; ').slice(0, 300)}`);
      return undefined;
    },
  );
  return tools;
}

/**
 * Prompts, resources and resource templates, as far as the server offers them. They are extras: a list that fails
 * is reported to `onFailure` and left empty, so the server still serves its tools; only an abort throws.
 */
export async function listPromptsAndResources(
  client: Client,
  signal: AbortSignal,
  onFailure: (what: string, error: unknown) => void,
): Promise<{ prompts: McpPrompt[]; resources: McpResource[]; resourceTemplates: McpResourceTemplate[] }> {
  const capabilities = client.getServerCapabilities() ?? {};
  const optional = async <T>(what: string, offered: unknown, list: () => Promise<T[]>): Promise<T[]> => {
    if (!offered) return [];
    try {
      return await list();
    } catch (error) {
      if (signal.aborted) throw error;
      onFailure(what, error);
      return [];
    }
  };
  return {
    prompts: await optional('prompts', capabilities.prompts, () => listPrompts(client, signal)),
    resources: await optional('resources', capabilities.resources, () => listResources(client, signal)),
    resourceTemplates: await optional('resource templates', capabilities.resources, () => listResourceTemplates(client, signal)),
  };
}

function listPrompts(client: Client, signal: AbortSignal): Promise<McpPrompt[]> {
  return paged(
    (cursor) => client.listPrompts(cursor ? { cursor } : undefined, { signal }).then((page) => ({ items: page.prompts, nextCursor: page.nextCursor })),
    (prompt): McpPrompt => ({
      name: prompt.name,
      ...optional('title', prompt.title),
      ...optional('description', prompt.description),
      ...(prompt.arguments ? { arguments: prompt.arguments.map((arg) => ({ name: arg.name, ...optional('description', arg.description), ...optional('required', arg.required) })) } : {}),
    }),
  );
}

function listResources(client: Client, signal: AbortSignal): Promise<McpResource[]> {
  return paged(
    (cursor) => client.listResources(cursor ? { cursor } : undefined, { signal }).then((page) => ({ items: page.resources, nextCursor: page.nextCursor })),
    (resource): McpResource => ({ uri: resource.uri, name: resource.name, ...optional('title', resource.title), ...optional('description', resource.description), ...optional('mimeType', resource.mimeType) }),
  );
}

function listResourceTemplates(client: Client, signal: AbortSignal): Promise<McpResourceTemplate[]> {
  return paged(
    (cursor) => client.listResourceTemplates(cursor ? { cursor } : undefined, { signal }).then((page) => ({ items: page.resourceTemplates, nextCursor: page.nextCursor })),
    (template): McpResourceTemplate => ({
      uriTemplate: template.uriTemplate,
      name: template.name,
      ...optional('title', template.title),
      ...optional('description', template.description),
      ...optional('mimeType', template.mimeType),
    }),
  );
}

type Tool = z.infer<typeof ToolSchema>;

function toTool(tool: Tool): McpTool {
  return {
    name: tool.name,
    ...optional('title', tool.title),
    ...optional('description', tool.description),
    inputSchema: tool.inputSchema,
    ...(tool.annotations ? { annotations: tool.annotations } : {}),
    ...(tool.execution ? { execution: tool.execution } : {}),
  };
}

async function paged<Raw, Item>(fetchPage: (cursor: string | undefined) => Promise<{ items: Raw[]; nextCursor?: string | undefined }>, map: (raw: Raw) => Item | undefined): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(cursor);
    for (const raw of result.items) {
      const item = map(raw);
      if (item !== undefined) items.push(item);
    }
    if (!result.nextCursor || result.nextCursor === cursor) break;
    cursor = result.nextCursor;
  }
  return items;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function firstLine(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
  const path = /"path":\s*\[([^\]]*)\]/.exec(text)?.[1]?.replace(/["\s]/g, '').replace(/,/g, '.');
  const message = /"message":\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
  return path !== undefined && message !== undefined ? `${path}: ${message.replace(/\\"/g, '"')}` : text.slice(0, 200);
}

function nameOf(raw: unknown): string {
  return typeof raw === 'object' && raw !== null && typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name : '(unnamed)';
}
