// The system prompt. It must stay byte-identical across requests of a workspace (the provider's prefix cache
// depends on it), so nothing volatile goes here: selections, open files and chips travel in the user turn.

export interface RulesFile {
  /** Workspace-relative path, e.g. AGENTS.md or .kimi/rules/style.md */
  path: string;
  content: string;
}

const BASE_PROMPT = `You are Kimi Assistant, a coding assistant working inside the user's VS Code workspace.

How you work:
- Answer in GitHub-flavoured Markdown. Put code in fenced blocks with a language tag.
- Use the tools to look at the workspace instead of guessing: read files before changing them, search before assuming where something is.
- Change files only through the edit_file and write_file tools. Every change is shown to the user as a diff to accept or reject, so propose complete, working changes; never write placeholders such as "rest of the code unchanged".
- For edit_file, old_string must match the current file text exactly and uniquely; include enough surrounding lines to make it unique.
- Paths are relative to the workspace root. Do not try to reach files outside the workspace.
- run_command asks the user for approval. Explain briefly why a command is needed.
- Be concise. Lead with the answer; explain only what the user needs.`;

/** Rules files are appended in a fixed order (sorted by path) so the prompt is stable while they do not change. */
export function buildSystemPrompt(rules: readonly RulesFile[] = []): string {
  // Code-unit order, not localeCompare: the prompt must not depend on the machine's locale. The content breaks
  // ties between files of one path (multi-root workspaces) so the input order never matters.
  const sorted = [...rules].sort((a, b) => compareCodeUnits(a.path, b.path) || compareCodeUnits(a.content, b.content));
  const sections = sorted
    .filter((rule) => rule.content.trim())
    // CRLF checkouts of the same file give the same prompt.
    .map((rule) => `<rules file="${rule.path}">\n${rule.content.replace(/\r\n?/g, '\n').trim()}\n</rules>`);
  if (sections.length === 0) return BASE_PROMPT;
  return `${BASE_PROMPT}\n\nThe workspace gives these instructions; follow them unless the user says otherwise:\n\n${sections.join('\n\n')}`;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
