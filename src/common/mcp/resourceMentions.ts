// MCP resources as `@` mentions: each resource a ready server lists becomes a chip whose id is a hash of its
// server and uri (chip ids are short; a uri may not be). The host finds the resource again from the id in the
// current listing, never from webview-supplied text, and reads it when the message is sent. A resource template
// of simple `{name}` parts is offered when the `@` query is a uri it matches (`@demo://resource/dynamic/text/3`).
import { fuzzyFilter } from '../context/fuzzy';
import type { ContextBlock } from '../context/userMessage';
import { protocolLimits, type ContextChip } from '../protocol';
import { describeResourceContents, type ResourceContentOptions } from './resourceContents';
import { shortHash } from './toolCatalog';
import type { McpResource, McpResourceTemplate } from './types';

export const RESOURCE_CHIP_PREFIX = 'mcp:';

export interface ServerResources {
  server: string;
  resources: readonly McpResource[];
  templates?: readonly McpResourceTemplate[];
}

export interface ListedResource {
  server: string;
  resource: McpResource;
}

export function resourceChipId(server: string, uri: string): string {
  return `${RESOURCE_CHIP_PREFIX}${shortHash(`${server}\u0000${uri}`)}${shortHash(`${uri}\u0000${server}`)}`;
}

export function resourceChip(server: string, resource: McpResource): ContextChip {
  return {
    id: resourceChipId(server, resource.uri),
    kind: 'mcpResource',
    label: (resource.title ?? resource.name).slice(0, protocolLimits.labelChars) || resource.uri.slice(0, protocolLimits.labelChars),
    detail: `${server} · ${resource.uri}`.slice(0, protocolLimits.labelChars),
    tokens: 0,
  };
}

/** Resources whose name or uri matches the query, best first. */
export function matchingResources(listing: readonly ServerResources[], query: string, limit = 20): ListedResource[] {
  const all = listing.flatMap(({ server, resources }) => resources.map((resource) => ({ server, resource })));
  return fuzzyFilter(query.trim(), all, ({ server, resource }) => `${resource.title ?? resource.name} ${server} ${resource.uri}`, limit);
}

export function matchingResourceChips(listing: readonly ServerResources[], query: string, limit = 20): ContextChip[] {
  return matchingResources(listing, query, limit).map(({ server, resource }) => resourceChip(server, resource));
}

/**
 * The resources the query names through a template: the query must be a whole uri the template matches, each
 * `{name}` standing for one path segment. Templates with other expressions (`{+path}`, `{?query}`) are not matched.
 */
export function templateResources(listing: readonly ServerResources[], query: string): ListedResource[] {
  const uri = query.trim();
  if (uri === '' || uri.length > protocolLimits.urlChars) return [];
  const found: ListedResource[] = [];
  for (const { server, templates = [] } of listing) {
    for (const template of templates) {
      const pattern = simpleTemplatePattern(template.uriTemplate);
      if (!pattern?.test(uri)) continue;
      const resource: McpResource = { uri, name: `${template.title ?? template.name}: ${uri}`, ...(template.mimeType ? { mimeType: template.mimeType } : {}) };
      found.push({ server, resource });
    }
  }
  return found;
}

function simpleTemplatePattern(uriTemplate: string): RegExp | undefined {
  const parts = uriTemplate.split(/(\{[^}]*\})/);
  if (!parts.some((part) => part.startsWith('{'))) return undefined;
  let source = '';
  for (const part of parts) {
    if (part.startsWith('{')) {
      if (!/^\{[A-Za-z0-9_]+\}$/.test(part)) return undefined;
      source += '[^/?#{}\\s]+';
    } else {
      source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** The listed resource a chip id stands for, if a ready server still lists it. */
export function findResource(listing: readonly ServerResources[], chipId: string): ListedResource | undefined {
  if (!chipId.startsWith(RESOURCE_CHIP_PREFIX)) return undefined;
  for (const { server, resources } of listing) {
    const resource = resources.find((candidate) => resourceChipId(server, candidate.uri) === chipId);
    if (resource) return { server, resource };
  }
  return undefined;
}

/** The context block of a read resource, titled like a file mention, and its image parts. */
export function resourceContextBlock(listed: ListedResource, contents: readonly unknown[], options: ResourceContentOptions): { block: ContextBlock; images: ResourceBlockImages } {
  const { text, images } = describeResourceContents(contents, options);
  const mime = listed.resource.mimeType ? `, ${listed.resource.mimeType}` : '';
  return { block: { title: `${listed.resource.uri} (MCP resource of "${listed.server}"${mime})`, body: text }, images };
}

type ResourceBlockImages = ReturnType<typeof describeResourceContents>['images'];
