// One consent gate for every tool that returns or quotes a file's content (read_file, search, edit_file's
// closest text, write_file's comparison, diagnostics): keyed on the resolved file, not on the name the model
// used, so a symbolic link or a hard link with an innocent name leads to the same question.
import type { AssembledToolCall } from '../llm/types';
import { sensitiveToolPath } from './toolPaths';
import { askUser, resolveToolPath, type ToolContext } from './toolContext';

/** The files the user allowed the model to see during one turn, by their real workspace-relative name. */
export class SensitiveConsents {
  private readonly allowed = new Set<string>();

  has(realRelative: string): boolean {
    return this.allowed.has(realRelative);
  }

  add(realRelative: string): void {
    this.allowed.add(realRelative);
  }
}

export interface ContentTarget {
  relative: string;
  realRelative: string;
  absolutePath: string;
}

const HARD_LINK_REASON = 'a hard link: the same bytes have another name, which may be a secret file';

/** Why a file's content needs the user's yes: deny-listed under either name, or hard-linked (its other name is unknown). */
export async function sensitivityOf(context: ToolContext, target: ContentTarget): Promise<string | undefined> {
  const named = sensitiveToolPath(target);
  if (named.denied) return named.reason;
  const fileSystem = context.workspace.fileSystem;
  if (!fileSystem) return undefined;
  const stat = await context.workspace.stat(target.relative);
  if (stat?.kind !== 'file') return undefined;
  const links = await fileSystem.linkCount(target.absolutePath).catch(() => 1);
  return links > 1 ? HARD_LINK_REASON : undefined;
}

/**
 * Asks before a sensitive file's content reaches the model. Returns the refusal the model reads, or
 * undefined when the content may be used (not sensitive, or the user said yes).
 */
export async function consentToContent(context: ToolContext, call: AssembledToolCall, target: ContentTarget, verb: string): Promise<string | undefined> {
  const reason = await sensitivityOf(context, target);
  if (!reason || context.consents.has(target.realRelative)) return undefined;
  const approved = await askUser(context, call, { kind: 'sensitive', subject: target.relative, reason }, `sensitive file: ${reason}`);
  if (!approved) return `Not ${verb}: ${target.relative} is a sensitive file (${reason}) and the user did not allow it.`;
  context.consents.add(target.realRelative);
  return undefined;
}

/** Splits result paths (search matches, diagnostics) into those the model may see and the sensitive ones left out. */
export async function withholdSensitive(context: ToolContext, paths: Iterable<string>): Promise<{ shown: Set<string>; withheld: string[] }> {
  const unique = [...new Set(paths)];
  // At most a few hundred result files (the tools cap their matches): checked side by side, not one after another.
  const verdicts = await Promise.all(
    unique.map(async (path) => {
      const resolved = await resolveToolPath(context, path);
      // A result that cannot be confined (a link out of the workspace) is left out like a secret.
      return !resolved.ok || ((await sensitivityOf(context, resolved)) !== undefined && !context.consents.has(resolved.realRelative));
    }),
  );
  const shown = new Set(unique.filter((_, index) => !verdicts[index]));
  return { shown, withheld: unique.filter((_, index) => verdicts[index]).sort() };
}

/** The note a result carries when sensitive files were left out of it. */
export function withheldNote(withheld: readonly string[], what: string): string {
  if (withheld.length === 0) return '';
  const names = withheld.slice(0, 10).join(', ') + (withheld.length > 10 ? `, and ${withheld.length - 10} more` : '');
  return `\n[${what} in ${withheld.length} sensitive file${withheld.length === 1 ? '' : 's'} left out (${names}): read_file asks the user before showing one.]`;
}
