// MCP prompts as `/` commands of the chat input. A ready server's prompt is `/mcp.<server>.<prompt>`; what follows
// is its arguments, `name=value` (quote a value with spaces: city="New York"), or, when no `name=` is written,
// the whole rest as its first argument (`/mcp.everything.args-prompt Paris`). The messages prompts/get returns
// become the user's message: their text in order (assistant messages marked as such), embedded resources as
// text, images as attachments. Every message is checked with zod: the server is untrusted.
import { z } from 'zod';
import { protocolLimits, type ImageAttachment, type SlashCommand } from '../protocol';
import { describeResourceContents } from './resourceContents';
import { truncateMiddle } from './results';
import type { McpPrompt } from './types';

export const PROMPT_COMMAND_PREFIX = 'mcp.';
/** The prompt text is the user's message: generous, but within what a message may carry. */
export const PROMPT_TEXT_LIMIT = 200_000;

export interface ServerPrompt {
  server: string;
  prompt: McpPrompt;
}

export function promptCommandName(server: string, prompt: string): string {
  return `${PROMPT_COMMAND_PREFIX}${server}.${prompt}`;
}

/** The commands whose name contains the query (case-insensitive), sorted; names with spaces cannot be typed and are left out. */
export function toSlashCommands(prompts: readonly ServerPrompt[], query: string, limit: number = protocolLimits.slashCommands): SlashCommand[] {
  const needle = query.toLowerCase();
  return prompts
    .map(({ server, prompt }) => ({ name: promptCommandName(server, prompt.name), prompt }))
    .filter(({ name }) => !/\s/.test(name) && name.length <= protocolLimits.labelChars && name.toLowerCase().includes(needle))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit)
    .map(({ name, prompt }) => {
      const detail = (prompt.description ?? prompt.title ?? '').trim().slice(0, protocolLimits.labelChars);
      return {
        name,
        ...(detail ? { detail } : {}),
        arguments: (prompt.arguments ?? []).slice(0, protocolLimits.promptArguments).map((argument) => ({
          name: argument.name.slice(0, protocolLimits.labelChars),
          required: argument.required === true,
          ...(argument.description ? { description: argument.description.slice(0, protocolLimits.labelChars) } : {}),
        })),
      };
    });
}

export type PromptInvocation =
  | { kind: 'none' }
  | { kind: 'invalid'; message: string }
  | { kind: 'prompt'; server: string; prompt: McpPrompt; args: Record<string, string> };

/** Whether the text is meant as an MCP prompt command (the host then starts the servers before matching it). */
export function looksLikePromptCommand(text: string): boolean {
  return text.trimStart().startsWith(`/${PROMPT_COMMAND_PREFIX}`);
}

/** Reads `/mcp.<server>.<prompt> args…` against the prompts the servers list now. */
export function parsePromptInvocation(text: string, prompts: readonly ServerPrompt[]): PromptInvocation {
  if (!looksLikePromptCommand(text)) return { kind: 'none' };
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  const command = (space < 0 ? trimmed : trimmed.slice(0, space)).slice(1);
  const rest = space < 0 ? '' : trimmed.slice(space).trim();
  const match = prompts.find(({ server, prompt }) => promptCommandName(server, prompt.name) === command);
  if (!match) return { kind: 'invalid', message: `No MCP prompt is called /${command.slice(0, 200)}. Type / to see the prompts of the running servers.` };
  const parsed = parseArguments(rest, match.prompt);
  if (!parsed.ok) return { kind: 'invalid', message: `/${command}: ${parsed.message}` };
  const missing = (match.prompt.arguments ?? []).filter((argument) => argument.required && !(parsed.args[argument.name] ?? '').trim());
  if (missing.length > 0) {
    const names = missing.map((argument) => `${argument.name}${argument.description ? ` (${argument.description})` : ''}`).join(', ');
    return { kind: 'invalid', message: `/${command} needs ${names}. Write it as /${command} ${missing.map((argument) => `${argument.name}=…`).join(' ')}` };
  }
  return { kind: 'prompt', server: match.server, prompt: match.prompt, args: parsed.args };
}

function parseArguments(rest: string, prompt: McpPrompt): { ok: true; args: Record<string, string> } | { ok: false; message: string } {
  const known = prompt.arguments ?? [];
  if (rest === '') return { ok: true, args: {} };
  const tokens = tokenize(rest);
  if (!tokens.ok) return tokens;
  const isPair = (token: string) => /^[^\s=]+=/.test(token);
  // No `name=`: the whole rest is the first argument (the first required one, else the first).
  if (!tokens.values.some((token) => isPair(token.raw))) {
    const target = known.find((argument) => argument.required) ?? known[0];
    if (!target) return { ok: false, message: 'this prompt takes no arguments' };
    return { ok: true, args: { [target.name]: unquote(rest) } };
  }
  const args: Record<string, string> = {};
  for (const token of tokens.values) {
    if (!isPair(token.raw)) return { ok: false, message: `"${token.raw.slice(0, 80)}" is not name=value (quote a value that has spaces)` };
    const name = token.raw.slice(0, token.raw.indexOf('='));
    if (!known.some((argument) => argument.name === name)) {
      return { ok: false, message: `it has no argument "${name.slice(0, 80)}"${known.length > 0 ? `; its arguments are ${known.map((argument) => argument.name).join(', ')}` : ''}` };
    }
    args[name] = token.value.slice(name.length + 1);
  }
  return { ok: true, args };
}

/** Splits at spaces outside quotes; `value` is the token with its quotes removed, `raw` as written. */
function tokenize(text: string): { ok: true; values: { raw: string; value: string }[] } | { ok: false; message: string } {
  const values: { raw: string; value: string }[] = [];
  let raw = '';
  let value = '';
  let quote: string | undefined;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
      else value += char;
      raw += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      raw += char;
    } else if (/\s/.test(char)) {
      if (raw) values.push({ raw, value });
      raw = '';
      value = '';
    } else {
      raw += char;
      value += char;
    }
  }
  if (quote) return { ok: false, message: `a ${quote} quote is not closed` };
  if (raw) values.push({ raw, value });
  return { ok: true, values };
}

function unquote(text: string): string {
  const match = /^(["'])([\s\S]*)\1$/.exec(text);
  return match ? match[2]! : text;
}

const TextContent = z.looseObject({ type: z.literal('text'), text: z.string() });
const ImageContent = z.looseObject({ type: z.literal('image'), data: z.string(), mimeType: z.string().max(200) });
const ResourceContent = z.looseObject({ type: z.literal('resource'), resource: z.unknown() });
const LinkContent = z.looseObject({ type: z.literal('resource_link'), uri: z.string().max(protocolLimits.urlChars), name: z.string().max(protocolLimits.labelChars).optional() });
const PromptMessageSchema = z.looseObject({ role: z.enum(['user', 'assistant']), content: z.looseObject({ type: z.string().max(100) }) });

export interface PromptMessageOptions {
  acceptImages: boolean;
  /** Prefix of the attachments' ids. */
  idPrefix: string;
}

/** The user's message made from a prompt's messages. */
export function promptMessagesToUserInput(messages: readonly unknown[], options: PromptMessageOptions): { text: string; images: ImageAttachment[] } {
  const pieces: string[] = [];
  const images: ImageAttachment[] = [];
  for (const raw of messages) {
    const message = PromptMessageSchema.safeParse(raw);
    if (!message.success) {
      pieces.push('[a prompt message that does not follow the protocol was left out]');
      continue;
    }
    const piece = describeContent(message.data.content, images, options);
    pieces.push(message.data.role === 'assistant' ? `Assistant:\n${piece}` : piece);
  }
  const text = pieces.filter((piece) => piece !== '').join('\n\n');
  return { text: truncateMiddle(text, PROMPT_TEXT_LIMIT), images };
}

function describeContent(content: { type: string }, images: ImageAttachment[], options: PromptMessageOptions): string {
  const idPrefix = `${options.idPrefix}-${images.length}`;
  switch (content.type) {
    case 'text': {
      const parsed = TextContent.safeParse(content);
      return parsed.success ? parsed.data.text : '[a text part without text]';
    }
    case 'image': {
      const parsed = ImageContent.safeParse(content);
      if (!parsed.success) return '[an image part without data]';
      // Same rules as a resource's image blob: the type, the size and the count per message are checked there.
      const described = describeResourceContents([{ uri: 'prompt image', mimeType: parsed.data.mimeType, blob: parsed.data.data }], { ...options, idPrefix, imagesSoFar: images.length });
      images.push(...described.images);
      return described.images.length > 0 ? '' : described.text;
    }
    case 'resource': {
      const parsed = ResourceContent.safeParse(content);
      if (!parsed.success) return '[an embedded resource without content]';
      const described = describeResourceContents([parsed.data.resource], { ...options, idPrefix, imagesSoFar: images.length });
      images.push(...described.images);
      const uri = typeof (parsed.data.resource as { uri?: unknown })?.uri === 'string' ? (parsed.data.resource as { uri: string }).uri : 'resource';
      return `<context title="${uri.replace(/"/g, '&quot;').replace(/</g, '&lt;')}">\n${described.text}\n</context>`;
    }
    case 'resource_link': {
      const parsed = LinkContent.safeParse(content);
      return parsed.success ? `Resource link: ${parsed.data.name ?? parsed.data.uri} <${parsed.data.uri}>` : '[a resource link without a uri]';
    }
    default:
      return `[a ${content.type.slice(0, 40)} part is not supported]`;
  }
}

/** What a `/` command became: nothing (not a command), a sentence for the user, or the message to send. */
export type SlashExpansion = { kind: 'none' } | { kind: 'invalid'; message: string } | { kind: 'expanded'; text: string; images: ImageAttachment[] };

/** The chat's source of `/` commands (the MCP servers' prompts). */
export interface SlashCommandSource {
  search(query: string): Promise<SlashCommand[]>;
  expand(text: string, options: { acceptImages: boolean }): Promise<SlashExpansion>;
}
