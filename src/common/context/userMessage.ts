// Builds the user turn: the attached context first (files, selection, problems, diffs), then the user's words,
// then images. Context lives here rather than in the system prompt so earlier turns stay cacheable.
import type { ChatMessage, UserContentPart } from '../llm/types';

export interface ContextBlock {
  /** What the model sees as the block's label, e.g. `src/app.ts:10-24 (typescript)` or `Problems`. */
  title: string;
  body: string;
}

export interface UserTurnInput {
  text: string;
  context: readonly ContextBlock[];
  imageDataUrls: readonly string[];
}

export function buildUserMessage(input: UserTurnInput): Extract<ChatMessage, { role: 'user' }> {
  const contextText = input.context.map((block) => `<context title="${escapeAttribute(block.title)}">\n${block.body}\n</context>`).join('\n\n');
  const text = contextText ? `${contextText}\n\n${input.text}` : input.text;
  if (!text.trim() && input.imageDataUrls.length === 0) {
    throw new Error('A message needs text or an image.');
  }
  if (input.imageDataUrls.length === 0) return { role: 'user', content: text };
  const parts: UserContentPart[] = [];
  if (text.trim()) parts.push({ type: 'text', text });
  for (const url of input.imageDataUrls) parts.push({ type: 'image_url', image_url: { url } });
  return { role: 'user', content: parts };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
