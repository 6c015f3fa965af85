// An MCP tool result in the shape the agent loop needs: one text for the model (every content block in order,
// long text cut in the middle with the count of what was cut), images kept aside as data URIs for the model to
// see, `isError` as a tool error. Every field is checked before it is read: a server's result is untrusted.
import type { ToolOutcome } from '../agent/agentLoop';
import type { McpCallOutcome, McpCallResult, McpContentBlock } from './types';

/** About 7,500 tokens: enough for a page of output, small enough to keep a long session going. */
export const TOOL_RESULT_LIMIT = 30_000;
/** Images the model can read; anything else is described in the text instead. */
const MODEL_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_IMAGES = 4;

export interface McpImage {
  mimeType: string;
  /** `data:<mime>;base64,<data>`, ready for an `image_url` part. */
  dataUri: string;
  bytes: number;
}

/** A ToolOutcome plus the images of the result (see the report: the loop would send them as image parts). */
export interface McpToolOutcome extends ToolOutcome {
  images?: McpImage[];
}

export interface ConvertedResult {
  text: string;
  images: McpImage[];
  isError: boolean;
}

export interface ResultOptions {
  /** Characters of text kept (head and tail). */
  limit?: number;
  /** False for a model that cannot read images: they are described in the text instead. */
  acceptImages?: boolean;
}

export function convertCallResult(result: McpCallResult, options: ResultOptions = {}): ConvertedResult {
  const limit = options.limit ?? TOOL_RESULT_LIMIT;
  const acceptImages = options.acceptImages ?? true;
  const pieces: string[] = [];
  const images: McpImage[] = [];
  const blocks = Array.isArray(result.content) ? result.content : [];
  let sawText = false;
  for (const block of blocks) {
    if (!isObject(block)) {
      pieces.push('[a content block that is not an object was skipped]');
      continue;
    }
    if (block.type === 'text') sawText = true;
    pieces.push(describeBlock(block, images, acceptImages));
  }
  // Structured output is also meant to be sent as text by the server; shown only when it was not.
  if (result.structuredContent !== undefined && !sawText) pieces.push(safeJson(result.structuredContent));
  const joined = pieces.filter((piece) => piece !== '').join('\n');
  return { text: truncateMiddle(joined === '' ? '(no output)' : joined, limit), images, isError: result.isError === true };
}

function describeBlock(block: McpContentBlock, images: McpImage[], acceptImages: boolean): string {
  switch (block.type) {
    case 'text':
      return typeof block.text === 'string' ? block.text : '[a text block without text]';
    case 'image':
      return takeImage(block.mimeType, block.data, images, 'image', acceptImages);
    case 'audio':
      return `[audio (${mimeOf(block.mimeType)}, ${formatBytes(base64Bytes(block.data))}) not shown: audio is not supported]`;
    case 'resource': {
      const resource: Record<string, unknown> = isObject(block.resource) ? block.resource : {};
      const uri = typeof resource.uri === 'string' ? resource.uri : '(no uri)';
      if (typeof resource.text === 'string') return `Resource ${uri}${typeof resource.mimeType === 'string' ? ` (${resource.mimeType})` : ''}:\n${resource.text}`;
      if (typeof resource.blob === 'string') {
        if (MODEL_IMAGE_TYPES.has(mimeOf(resource.mimeType))) return takeImage(resource.mimeType, resource.blob, images, `resource ${uri}`, acceptImages);
        return `[resource ${uri} (${mimeOf(resource.mimeType)}, ${formatBytes(base64Bytes(resource.blob))} binary) not shown]`;
      }
      return `[resource ${uri} without content]`;
    }
    case 'resource_link': {
      const uri = typeof block.uri === 'string' ? block.uri : '(no uri)';
      const name = typeof block.name === 'string' ? block.name : uri;
      const mime = typeof block.mimeType === 'string' ? ` (${block.mimeType})` : '';
      const description = typeof block.description === 'string' && block.description ? ` — ${block.description}` : '';
      return `Resource link: ${name} <${uri}>${mime}${description}`;
    }
    default:
      return `[content of type ${JSON.stringify(String(block.type).slice(0, 40))} is not supported]`;
  }
}

function takeImage(mimeType: unknown, data: unknown, images: McpImage[], what: string, acceptImages: boolean): string {
  const mime = mimeOf(mimeType);
  if (typeof data !== 'string') return `[${what} without data]`;
  const compact = data.replace(/\s+/g, '');
  const bytes = base64Bytes(compact);
  if (!acceptImages) return `[${what} (${mime}, ${formatBytes(bytes)}) not shown: this model does not read images]`;
  if (!MODEL_IMAGE_TYPES.has(mime)) return `[${what} (${mime}, ${formatBytes(bytes)}) not shown: the format is not supported]`;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length === 0) return `[${what} (${mime}) not shown: its data is not base64]`;
  if (bytes > MAX_IMAGE_BYTES) return `[${what} (${mime}, ${formatBytes(bytes)}) not shown: larger than ${formatBytes(MAX_IMAGE_BYTES)}]`;
  if (images.length >= MAX_IMAGES) return `[${what} (${mime}, ${formatBytes(bytes)}) not shown: at most ${MAX_IMAGES} images per result]`;
  images.push({ mimeType: mime, dataUri: `data:${mime};base64,${compact}`, bytes });
  return `[image ${images.length} (${mime}, ${formatBytes(bytes)}) is attached]`;
}

/** The outcome for the agent loop: a result, a tool error, a failure or a stop, never an exception. */
export function toToolOutcome(label: string, outcome: McpCallOutcome, options: ResultOptions = {}): McpToolOutcome {
  if (outcome.kind === 'cancelled') return { content: `Not finished: the user stopped ${label}.`, status: 'rejected', summary: 'stopped' };
  if (outcome.kind === 'failed') return { content: `Error: ${label} failed: ${truncateMiddle(outcome.message, 2000)}`, status: 'error', summary: 'failed' };
  const converted = convertCallResult(outcome.result, options);
  const images = converted.images.length > 0 ? { images: converted.images } : {};
  if (converted.isError) {
    return { content: `Error: ${converted.text}`, status: 'error', summary: `error: ${firstLine(converted.text)}`, ...images };
  }
  const parts = [`${converted.text.length.toLocaleString('en-US')} characters`];
  if (converted.images.length > 0) parts.push(`${converted.images.length} image${converted.images.length === 1 ? '' : 's'}`);
  return { content: converted.text, status: 'done', summary: parts.join(', '), ...images };
}

/**
 * Keeps the head and the tail (errors and summaries tend to be at the end), cut at line breaks when one is near,
 * with the number of characters and lines left out in between.
 */
export function truncateMiddle(text: string, limit = TOOL_RESULT_LIMIT): string {
  if (text.length <= limit) return text;
  const headBudget = Math.floor(limit * 0.6);
  const tailBudget = limit - headBudget - 80;
  let headEnd = headBudget;
  const headBreak = text.lastIndexOf('\n', headEnd);
  if (headBreak > headEnd - 500 && headBreak > 0) headEnd = headBreak + 1;
  let tailStart = text.length - tailBudget;
  const tailBreak = text.indexOf('\n', tailStart);
  if (tailBreak !== -1 && tailBreak < tailStart + 500) tailStart = tailBreak + 1;
  // Never split a surrogate pair.
  if (isLowSurrogate(text.charCodeAt(headEnd))) headEnd--;
  if (isLowSurrogate(text.charCodeAt(tailStart))) tailStart++;
  const cut = text.slice(headEnd, tailStart);
  const lines = cut.split('\n').length - 1;
  const marker = `[… ${cut.length.toLocaleString('en-US')} characters${lines > 0 ? ` (${lines.toLocaleString('en-US')} lines)` : ''} cut …]`;
  return `${text.slice(0, headEnd)}${headEnd > 0 && text[headEnd - 1] !== '\n' ? '\n' : ''}${marker}\n${text.slice(tailStart)}`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function base64Bytes(data: unknown): number {
  if (typeof data !== 'string') return 0;
  const compact = data.replace(/\s+/g, '');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((compact.length * 3) / 4) - padding);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function mimeOf(value: unknown): string {
  return typeof value === 'string' && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i.test(value) ? value.toLowerCase() : 'unknown type';
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return '[structured content that cannot be shown as JSON]';
  }
}

function isObject(value: unknown): value is Record<string, unknown> & { type: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
