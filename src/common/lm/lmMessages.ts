// The messages another extension sends through VS Code's language-model API, in an editor-free shape, and
// their conversion to Kimi's history: tool results become `tool` messages right after their call, images
// become `image_url` parts, and each tool-call turn gets back the reasoning it was answered with (or "").
import type { ChatMessage, ToolCall, UserContentPart } from '../llm/types';
import type { ReasoningStore } from './reasoningStore';

export type LmMediaPart = { kind: 'text'; text: string } | { kind: 'image'; mimeType: string; base64: string };

export type LmContentPart =
  | LmMediaPart
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  | { kind: 'toolResult'; callId: string; content: LmMediaPart[] };

export interface LmMessage {
  role: 'system' | 'user' | 'assistant';
  content: LmContentPart[];
}

function imageDataUrl(part: Extract<LmMediaPart, { kind: 'image' }>): string {
  return `data:${part.mimeType};base64,${part.base64}`;
}

/** Whether the caller's input still says what the streamed text said (unparsable text reached the caller as {}). */
function sameArguments(input: unknown, streamed: string): boolean {
  const given = JSON.stringify(input ?? {});
  try {
    return JSON.stringify(JSON.parse(streamed)) === given;
  } catch {
    return given === '{}';
  }
}

function assistantToKimi(message: LmMessage, store: ReasoningStore): ChatMessage {
  const text = message.content.flatMap((part) => (part.kind === 'text' ? [part.text] : [])).join('');
  let reasoning: string | undefined;
  const toolCalls: ToolCall[] = message.content.flatMap((part) => {
    if (part.kind !== 'toolCall') return [];
    const remembered = store.recall(part.callId);
    // Only the call we streamed, unchanged, brings its reasoning and exact text back; anything else goes as the
    // caller has it, with "" for reasoning: lost thinking at worst, never another conversation's.
    const ours = remembered && remembered.name === part.name && sameArguments(part.input, remembered.argumentsText) ? remembered : undefined;
    reasoning ??= ours?.reasoning;
    return [{ id: remembered?.providerId ?? part.callId, name: part.name, argumentsText: ours?.argumentsText ?? JSON.stringify(part.input ?? {}) }];
  });
  return {
    role: 'assistant',
    ...(text ? { content: text } : {}),
    // Left out when unknown: the request builder then sends "" wherever thinking requires the field.
    ...(reasoning !== undefined ? { reasoningContent: reasoning } : {}),
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
  };
}

function mediaToUserParts(parts: LmMediaPart[]): UserContentPart[] {
  return parts.map((part) => (part.kind === 'text' ? { type: 'text', text: part.text } : { type: 'image_url', image_url: { url: imageDataUrl(part) } }));
}

/** User content as a string when it is only text (what every server accepts), as parts when it has images. */
function userContent(parts: UserContentPart[]): string | UserContentPart[] {
  return parts.every((part) => part.type === 'text') ? parts.map((part) => (part.type === 'text' ? part.text : '')).join('') : parts;
}

/** A user message: its tool results first (they answer the turn before), then what the user said. */
function userToKimi(message: LmMessage, store: ReasoningStore): ChatMessage[] {
  const out: ChatMessage[] = [];
  const said: UserContentPart[] = [];
  for (const part of message.content) {
    if (part.kind === 'toolResult') {
      const text = part.content.flatMap((item) => (item.kind === 'text' ? [item.text] : [])).join('');
      const images = part.content.filter((item) => item.kind === 'image');
      out.push({ role: 'tool', toolCallId: store.recall(part.callId)?.providerId ?? part.callId, content: text || (images.length > 0 ? '(the result is the image below)' : '(no output)') });
      // A tool message holds a string only: its images follow in the user turn, named by the call.
      if (images.length > 0) said.push({ type: 'text', text: `Images returned by tool call ${part.callId}:` }, ...mediaToUserParts(images));
    } else if (part.kind === 'text' || part.kind === 'image') {
      said.push(...mediaToUserParts([part]));
    }
  }
  if (said.length > 0) out.push({ role: 'user', content: userContent(said) });
  return out;
}

/** Kimi's history for the caller's messages; system text is gathered into one leading system message. */
export function toKimiMessages(messages: readonly LmMessage[], store: ReasoningStore): ChatMessage[] {
  const system = messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content.flatMap((part) => (part.kind === 'text' ? [part.text] : [])).join(''))
    .filter((text) => text !== '');
  const history = messages.flatMap((message): ChatMessage[] => {
    if (message.role === 'assistant') return [assistantToKimi(message, store)];
    if (message.role === 'user') return userToKimi(message, store);
    return [];
  });
  return system.length > 0 ? [{ role: 'system', content: system.join('\n\n') }, ...history] : history;
}
