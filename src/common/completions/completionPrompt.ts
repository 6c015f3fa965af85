// The request behind one ghost-text completion. Where the preset supports Moonshot's partial mode, the code
// before the cursor is the start of the assistant's own answer, so the model simply continues it; elsewhere the
// code goes into the user turn with a cursor marker and the model is asked for the inserted text only.
import type { ChatMessage } from '../llm/types';
import type { CompletionContext } from './completionContext';

export const CURSOR_MARKER = '<CURSOR>';

export type CompletionPromptMode = 'partial' | 'prefixSuffix';

export interface CompletionPrompt {
  mode: CompletionPromptMode;
  messages: ChatMessage[];
}

// Byte-stable across requests, so the provider's prefix cache keeps it.
const partialSystemPrompt =
  'You are a code completion engine inside an editor. Your answer continues the code in the last message exactly ' +
  'from where it stops (the cursor). Write only code that belongs at the cursor, usually the rest of the line or a ' +
  'few lines; stop where the code after the cursor takes over. Never repeat the code after the cursor, never explain, ' +
  'never use Markdown fences.';

const prefixSuffixSystemPrompt =
  `You are a code completion engine inside an editor. The user shows a file with the cursor marked ${CURSOR_MARKER}. ` +
  `Reply with only the text to insert at ${CURSOR_MARKER}: usually the rest of the line or a few lines, ending where the ` +
  'code after the cursor takes over. No explanation, no Markdown fences, no repetition of the code before or after the cursor.';

function fence(languageId: string, text: string): string {
  // A fence longer than any backtick run inside, so the code cannot close it.
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${languageId}\n${text}\n${marks}`;
}

function surroundings(context: CompletionContext): string[] {
  const parts: string[] = [];
  for (const snippet of context.recentSnippets) parts.push(`Recently edited, ${snippet.path}:\n${fence('', snippet.text)}`);
  if (context.imports.length > 0) parts.push(`Imports of ${context.path}:\n${fence(context.languageId, context.imports.join('\n'))}`);
  return parts;
}

export function buildCompletionPrompt(context: CompletionContext, mode: CompletionPromptMode): CompletionPrompt {
  const partial = mode === 'partial';
  const request = partial
    ? [
        context.suffix.trim()
          ? `The code after the cursor in ${context.path}, which follows your answer (do not repeat it):\n${fence(context.languageId, context.suffix)}`
          : `The cursor is at the end of ${context.path}.`,
        `Continue ${context.path} (${context.languageId}) from the cursor.`,
      ]
    : [
        `${context.path} (${context.languageId}):\n${fence(context.languageId, `${context.prefix}${CURSOR_MARKER}${context.suffix}`)}`,
        `The text to insert at ${CURSOR_MARKER}:`,
      ];
  const messages: ChatMessage[] = [
    { role: 'system', content: partial ? partialSystemPrompt : prefixSuffixSystemPrompt },
    { role: 'user', content: [...surroundings(context), ...request].join('\n\n') },
  ];
  if (partial) messages.push({ role: 'assistant', content: context.prefix, partial: true });
  return { mode, messages };
}
