// Files whose content goes to the model without a tool call: an `@` file the user attached, and the rules files
// (AGENTS.md, .kimi/rules/*.md) read into every system prompt. The user chose a name, or chose nothing at all:
// a link that leads outside the workspace or to a secret, or a hard link whose other name is unknown, is not
// what they agreed to send.
import { isDeniedWithoutConsent } from './deniedFiles';
import { confineToolPath, type ToolPathFileSystem } from './toolPaths';

export type AttachedFileCheck = { ok: true } | { ok: false; reason: string };

export async function checkAttachedFile(root: string, relative: string, fileSystem: ToolPathFileSystem | undefined, options: { nameMustBeSafe?: boolean } = {}): Promise<AttachedFileCheck> {
  const confined = await confineToolPath(root, relative, fileSystem ? { fileSystem } : {});
  if (!confined.ok) return { ok: false, reason: confined.error };
  if (options.nameMustBeSafe) {
    const named = isDeniedWithoutConsent(confined.relative);
    if (named.denied) return { ok: false, reason: `${relative} is a sensitive file (${named.reason})` };
  }
  if (confined.realRelative !== confined.relative) {
    const real = isDeniedWithoutConsent(confined.realRelative);
    if (real.denied) return { ok: false, reason: `${relative} is a link to a sensitive file (${real.reason})` };
  }
  if (fileSystem) {
    const links = await fileSystem.linkCount(confined.absolutePath).catch(() => 1);
    if (links > 1) return { ok: false, reason: `${relative} is a hard link: the same bytes have another name, which may be a secret file` };
  }
  return { ok: true };
}
