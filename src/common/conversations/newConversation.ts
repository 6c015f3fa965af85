// How a conversation and its turns begin: ids, the title, the user turn as sent and an assistant turn
// waiting for its answer. Shared by the chat in VS Code and the fault suite, so both store the same shapes.
import { buildUserMessage, type ContextBlock } from '../context/userMessage';
import type { ChatMode } from '../modes/modeNames';
import type { ContextChip, ImageAttachment } from '../protocol';
import type { StoredAssistantTurn, StoredConversation, StoredUserTurn } from './model';
import { titleFrom } from './viewModel';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Ids become file names: only these characters, so no id can reach outside the conversations folder. */
export function isSafeConversationId(id: string): boolean {
  return SAFE_ID.test(id);
}

/** Time first, so ids sort roughly by creation; the random part keeps two windows from colliding. */
export function newConversationId(now: number = Date.now()): string {
  return `${now.toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
}

export function newConversation(firstText: string, now: number): StoredConversation {
  return { version: 1, id: newConversationId(now), title: titleFrom(firstText), createdAt: now, updatedAt: now, turns: [] };
}

export interface UserMessageInput {
  text: string;
  chips: ContextChip[];
  images: ImageAttachment[];
  /** The chips' content, as the model reads it in the message. */
  context: readonly ContextBlock[];
  /** The chat mode it is sent in; absent means Agent. */
  mode?: ChatMode;
}

export function newUserTurn(input: UserMessageInput): StoredUserTurn {
  return {
    role: 'user',
    id: newConversationId(),
    text: input.text,
    chips: input.chips,
    images: input.images,
    message: buildUserMessage({ text: input.text, context: input.context, imageDataUrls: input.images.map((image) => image.dataUrl) }),
    ...(input.mode ? { mode: input.mode } : {}),
  };
}

/** An answer about to stream, stored at once so a crash before its first event still shows it was asked. */
export function newAssistantTurn(model: string, now: number): StoredAssistantTurn {
  return { role: 'assistant', id: newConversationId(), messages: [], reasoning: '', text: '', toolCards: [], status: 'streaming', model, startedAt: now };
}
