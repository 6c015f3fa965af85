// The MCP servers' part of the chat input: their prompts for the `/` list and for messages that start with
// `/mcp.`, their resources for the `@` list and, when a message is sent, the resources' contents.
import { looksLikePromptCommand, parsePromptInvocation, promptMessagesToUserInput, toSlashCommands, type SlashCommandSource, type SlashExpansion } from '../../common/mcp/promptCommands';
import { findResource, matchingResources, resourceChip, resourceChipId, resourceContextBlock, templateResources, type ListedResource } from '../../common/mcp/resourceMentions';
import type { ContextChip, SlashCommand } from '../../common/protocol';
import type { McpMentionSource, McpResourceRead } from '../context/contextChips';
import type { McpServers } from './mcpServers';

/** A prompt or a resource that takes longer than this fails with a sentence, and the message is not sent. */
const REQUEST_TIMEOUT_MS = 60_000;
/**
 * How long a list waits for servers that are starting (a hung one may take its whole start-up limit): the `/` list
 * shows only prompts, so it waits longer than the `@` list, whose files must not lag. What comes later shows on
 * the next keystroke.
 */
const SLASH_WAIT_MS = 3000;
const MENTION_WAIT_MS = 500;
/** Resources offered through a template are remembered (their uri is not in any listing) up to this many. */
const MAX_OFFERED_FROM_TEMPLATES = 200;

export class McpSlashCommands implements SlashCommandSource {
  constructor(private readonly servers: McpServers) {}

  async search(query: string): Promise<SlashCommand[]> {
    await waitAtMost(this.servers.warm(), SLASH_WAIT_MS);
    return toSlashCommands(this.servers.prompts(), query);
  }

  async expand(text: string, options: { acceptImages: boolean }): Promise<SlashExpansion> {
    if (!looksLikePromptCommand(text)) return { kind: 'none' };
    const manager = await this.servers.warm(true);
    if (!manager) return { kind: 'invalid', message: 'No MCP server is configured, so /mcp. commands have nothing to run. See "Kimi: MCP Servers".' };
    const invocation = parsePromptInvocation(text, this.servers.prompts());
    if (invocation.kind !== 'prompt') return invocation;
    const { server, prompt, args } = invocation;
    const result = await manager.getPrompt(server, prompt.name, args, AbortSignal.timeout(REQUEST_TIMEOUT_MS));
    if (!result.ok) return { kind: 'invalid', message: `The MCP server "${server}" could not give its prompt "${prompt.name}": ${result.reason}` };
    const input = promptMessagesToUserInput(result.value.messages, { acceptImages: options.acceptImages, idPrefix: 'mcp-prompt' });
    if (!input.text.trim() && input.images.length === 0) return { kind: 'invalid', message: `The prompt "${prompt.name}" of "${server}" is empty.` };
    return { kind: 'expanded', ...input };
  }
}

export class McpResourceMentions implements McpMentionSource {
  /** Resources the `@` list offered through a template, by chip id: what the id stands for, found here only. */
  private readonly fromTemplates = new Map<string, ListedResource>();

  constructor(private readonly servers: McpServers) {}

  async search(query: string): Promise<ContextChip[]> {
    await waitAtMost(this.servers.warm(), MENTION_WAIT_MS);
    const listing = this.servers.resources();
    const offered = templateResources(listing, query);
    for (const listed of offered) {
      this.fromTemplates.delete(resourceChipId(listed.server, listed.resource.uri));
      this.fromTemplates.set(resourceChipId(listed.server, listed.resource.uri), listed);
      if (this.fromTemplates.size > MAX_OFFERED_FROM_TEMPLATES) this.fromTemplates.delete(this.fromTemplates.keys().next().value!);
    }
    return [...offered, ...matchingResources(listing, query)].map(({ server, resource }) => resourceChip(server, resource));
  }

  verify(chipId: string): ContextChip | undefined {
    const listed = this.find(chipId);
    return listed ? resourceChip(listed.server, listed.resource) : undefined;
  }

  /** A listed resource, or one offered through a template of a server that is still running. */
  private find(chipId: string): ListedResource | undefined {
    const listing = this.servers.resources();
    const listed = findResource(listing, chipId);
    if (listed) return listed;
    const offered = this.fromTemplates.get(chipId);
    return offered && listing.some(({ server }) => server === offered.server) ? offered : undefined;
  }

  async read(chipId: string, options: { acceptImages: boolean; imagesSoFar: number }): Promise<McpResourceRead> {
    const listed = this.find(chipId);
    const manager = await this.servers.warm();
    if (!listed || !manager) return { ok: false, reason: 'its MCP server is not running any more' };
    const result = await manager.readResource(listed.server, listed.resource.uri, AbortSignal.timeout(REQUEST_TIMEOUT_MS));
    if (!result.ok) return { ok: false, reason: result.reason };
    return { ok: true, ...resourceContextBlock(listed, result.value, { ...options, idPrefix: `mcp-resource-${options.imagesSoFar}` }) };
  }
}

function waitAtMost(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}
