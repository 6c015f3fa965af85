// `/compact [instruction]`, the chat's built-in `/` command: listed in the `/` popup before the MCP prompts, and
// recognized when the message is sent, so it never reaches the model as text.
import type { SlashCommand } from '../protocol';

export const builtinSlashCommands: readonly SlashCommand[] = [
  {
    name: 'compact',
    detail: 'Summarize the older part of the conversation to free the context window',
    arguments: [{ name: 'instruction', required: false, description: 'What the summary should keep in focus' }],
  },
];

/** The built-in commands whose name starts with what follows the `/`. */
export function matchBuiltinCommands(query: string): SlashCommand[] {
  const wanted = query.trim().toLowerCase();
  return builtinSlashCommands.filter((command) => command.name.startsWith(wanted));
}

/** `/compact` with its optional instruction; undefined for any other message. */
export function parseCompactCommand(text: string): { instruction?: string } | undefined {
  const match = /^\s*\/compact(?:\s+([\s\S]*))?$/.exec(text);
  if (!match) return undefined;
  const instruction = match[1]?.trim();
  return instruction ? { instruction } : {};
}
