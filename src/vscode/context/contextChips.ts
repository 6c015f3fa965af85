// Context the user attaches to the next message: the active selection (offered automatically), @-mentioned
// files and folders, and the built-ins @problems, @openEditors, @gitDiff. Chips cross the webview boundary
// only as ids and labels; what they stand for is resolved here, from the id, never from webview-supplied text.
import * as vscode from 'vscode';
import type { ContextBlock } from '../../common/context/userMessage';
import { builtInMention, SELECTION_MENTION_ID } from '../../common/context/builtinMentions';
import { fuzzyFilter } from '../../common/context/fuzzy';
import { estimateTokens } from '../../common/context/tokens';
import { protocolLimits, type ContextChip, type ImageAttachment } from '../../common/protocol';
import { checkAttachedFile } from '../../common/tools/attachedFiles';
import { nodeFileSystem } from '../../node/nodeWorkspace';
import { Disposable } from '../disposable';
import type { WorkspaceFiles } from '../workspace/workspaceFiles';
import { readDiagnostics, readGitDiff, readOpenEditors } from './builtinContext';

/** One file's share of the prompt; larger files are cut with a note so one mention cannot eat the window. */
const MAX_FILE_CHARS = 120_000;
const MAX_FOLDER_ENTRIES = 400;

/** A read resource as the message carries it, or why it cannot go. */
export type McpResourceRead = { ok: true; block: ContextBlock; images: ImageAttachment[] } | { ok: false; reason: string };

/** The MCP servers' resources, for the `@` list (see vscode/mcp/mcpChatSources). */
export interface McpMentionSource {
  search(query: string): Promise<ContextChip[]>;
  /** The chip of a resource a ready server lists now, found from the id alone. */
  verify(chipId: string): ContextChip | undefined;
  read(chipId: string, options: { acceptImages: boolean; imagesSoFar: number }): Promise<McpResourceRead>;
}

interface SelectionSource {
  uri: vscode.Uri;
  range: vscode.Range;
  languageId: string;
}

export class ContextChips extends Disposable {
  private attached: ContextChip[] = [];
  private offeredSelection: ContextChip | undefined;
  private readonly selections = new Map<string, SelectionSource>();
  private readonly changed = this.register(new vscode.EventEmitter<ContextChip[]>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly files: WorkspaceFiles,
    private readonly mcp?: McpMentionSource,
  ) {
    super();
    this.register(vscode.window.onDidChangeTextEditorSelection((event) => this.offerSelection(event.textEditor)));
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => this.offerSelection(editor)));
    this.offerSelection(vscode.window.activeTextEditor);
  }

  /** Chips that go with the next message: the offered selection first, then what the user attached. */
  current(): ContextChip[] {
    return this.offeredSelection ? [this.offeredSelection, ...this.attached] : [...this.attached];
  }

  /** Attaches a selection explicitly (inline commands), replacing an offered one. */
  attachSelection(editor: vscode.TextEditor, range: vscode.Range): ContextChip {
    const chip = this.selectionChip(editor.document, range);
    this.offeredSelection = undefined;
    this.attached = [chip, ...this.attached.filter((existing) => existing.id !== chip.id)];
    this.fire();
    return chip;
  }

  /** Attaches a chip the user picked; returns why it could not be attached, if it could not. */
  async add(requested: ContextChip): Promise<string | undefined> {
    const chip = await this.verify(requested);
    if (!chip) return requested.id === SELECTION_MENTION_ID ? 'Nothing is selected in the editor, so @selection has nothing to attach.' : `${requested.label} is not in the workspace any more.`;
    const refusal = await this.linkRefusal(chip);
    if (refusal) return `${refusal}: attach the file under its own name if you mean to send it.`;
    if (this.current().some((existing) => existing.id === chip.id)) return undefined;
    this.attached.push({ ...chip, tokens: await this.estimate(chip) });
    this.fire();
    return undefined;
  }

  /** A quick size-based estimate for the chip's label; the exact text is measured when the message is sent. */
  private async estimate(chip: ContextChip): Promise<number> {
    const root = this.files.root;
    if (chip.kind !== 'file' || !root) return chip.tokens;
    try {
      const { size } = await vscode.workspace.fs.stat(vscode.Uri.joinPath(root, chip.id.slice('file:'.length)));
      return Math.ceil(Math.min(size, MAX_FILE_CHARS) / 4);
    } catch {
      return 0;
    }
  }

  remove(id: string): void {
    if (this.offeredSelection?.id === id) this.offeredSelection = undefined;
    this.attached = this.attached.filter((chip) => chip.id !== id);
    this.fire();
  }

  /** After a message is sent its chips are spent; a selection is offered again when it changes. */
  clear(): void {
    this.attached = [];
    this.offeredSelection = undefined;
    this.fire();
  }

  /** Files, folders and MCP resources for the `@` menu; the webview lists the built-ins itself (common/context/builtinMentions). */
  async search(query: string): Promise<ContextChip[]> {
    const trimmed = query.trim();
    const [files, folders, resources] = await Promise.all([this.files.list(), this.files.folders(), this.mcp?.search(trimmed) ?? []]);
    const entries = [...files.map((path) => ({ path, folder: false })), ...folders.map((path) => ({ path, folder: true }))];
    const matches = fuzzyFilter(trimmed, entries, (entry) => entry.path, 40);
    return [...matches.map((entry) => pathChip(entry.path, entry.folder)), ...resources];
  }

  /**
   * Turns the chips of a sent message into prompt context, re-deriving everything from the chip ids. MCP resources
   * are read now; their images join the message's (`imagesSoFar` it already has), and one that cannot be read is
   * left out with the reason in `problems`.
   */
  async resolve(chips: readonly ContextChip[], options: { acceptImages: boolean; imagesSoFar: number }): Promise<{ chips: ContextChip[]; blocks: ContextBlock[]; images: ImageAttachment[]; problems: string[] }> {
    const verified: ContextChip[] = [];
    const blocks: ContextBlock[] = [];
    const images: ImageAttachment[] = [];
    const problems: string[] = [];
    for (const requested of chips) {
      const chip = await this.verify(requested);
      if (!chip || (await this.linkRefusal(chip))) continue;
      if (chip.kind === 'mcpResource') {
        const read = await this.mcp?.read(chip.id, { acceptImages: options.acceptImages, imagesSoFar: options.imagesSoFar + images.length });
        if (!read?.ok) {
          problems.push(`${chip.label} was not attached: ${read?.reason ?? 'MCP is not available'}.`);
          continue;
        }
        verified.push({ ...chip, tokens: estimateTokens(read.block.body) });
        blocks.push(read.block);
        images.push(...read.images.slice(0, Math.max(0, protocolLimits.imagesPerMessage - options.imagesSoFar - images.length)));
        continue;
      }
      const block = await this.blockFor(chip);
      if (!block) continue;
      verified.push({ ...chip, tokens: estimateTokens(block.body) });
      blocks.push(block);
    }
    return { chips: verified, blocks, images, problems };
  }

  /** A file chip whose name leads elsewhere (outside, to a secret, a hard link) is not what the user picked. */
  private async linkRefusal(chip: ContextChip): Promise<string | undefined> {
    const root = this.files.root;
    if (chip.kind !== 'file' || !root) return undefined;
    const local = root.scheme === 'file';
    const check = await checkAttachedFile(local ? root.fsPath : root.path, chip.id.slice('file:'.length), local ? nodeFileSystem : undefined);
    return check.ok ? undefined : check.reason;
  }

  private offerSelection(editor: vscode.TextEditor | undefined): void {
    const previous = this.offeredSelection?.id;
    const selection = editor?.selection;
    const eligible = editor && selection && !selection.isEmpty && editor.document.uri.scheme !== 'output';
    this.offeredSelection = eligible ? this.selectionChip(editor.document, selection) : undefined;
    if (this.offeredSelection?.id !== previous) this.fire();
  }

  private activeSelection(): ContextChip | undefined {
    const editor = vscode.window.activeTextEditor;
    return editor && !editor.selection.isEmpty ? this.selectionChip(editor.document, editor.selection) : undefined;
  }

  private selectionChip(document: vscode.TextDocument, range: vscode.Range): ContextChip {
    const path = vscode.workspace.asRelativePath(document.uri, false);
    const start = range.start.line + 1;
    const end = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
    const id = `selection:${path}:${start}-${end}`;
    this.selections.set(id, { uri: document.uri, range: new vscode.Range(start - 1, 0, end, 0), languageId: document.languageId });
    return {
      id,
      kind: 'selection',
      label: `${path.split('/').pop()}:${start}-${end}`,
      detail: `${path}, lines ${start}-${end}`,
      tokens: estimateTokens(document.getText(range)),
    };
  }

  /** Accepts a chip only when its id names something real: a known selection, a listed file or folder, a built-in. */
  private async verify(chip: ContextChip): Promise<ContextChip | undefined> {
    // @selection stands for the selection at the time it is picked.
    if (chip.id === SELECTION_MENTION_ID) return this.offeredSelection ?? this.activeSelection();
    if (chip.kind === 'selection') {
      return this.selections.has(chip.id) ? chip : undefined;
    }
    if (chip.kind === 'mcpResource') return this.mcp?.verify(chip.id);
    const builtin = builtInMention(chip.id);
    if (builtin) return builtin;
    const match = /^(file|folder):(.+)$/.exec(chip.id);
    if (!match?.[2]) return undefined;
    const path = match[2];
    const listed = match[1] === 'file' ? (await this.files.list()).includes(path) : (await this.files.folders()).includes(path);
    return listed ? pathChip(path, match[1] === 'folder') : undefined;
  }

  private async blockFor(chip: ContextChip): Promise<ContextBlock | undefined> {
    switch (chip.kind) {
      case 'selection': {
        const source = this.selections.get(chip.id);
        if (!source) return undefined;
        const document = await vscode.workspace.openTextDocument(source.uri);
        const title = `${chip.detail ?? chip.label} (${source.languageId})`;
        return { title, body: clip(document.getText(source.range)) };
      }
      case 'file': {
        const path = chip.id.slice('file:'.length);
        const root = this.files.root;
        if (!root) return undefined;
        const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, path));
        return { title: `${path} (${document.languageId})`, body: clip(document.getText()) };
      }
      case 'folder': {
        const path = chip.id.slice('folder:'.length);
        const inside = (await this.files.list()).filter((file) => file.startsWith(`${path}/`));
        const shown = inside.slice(0, MAX_FOLDER_ENTRIES).join('\n');
        const more = inside.length > MAX_FOLDER_ENTRIES ? `\n(${inside.length - MAX_FOLDER_ENTRIES} more files)` : '';
        return { title: `Files in ${path}/`, body: shown + more };
      }
      case 'problems':
        return { title: 'Problems (errors and warnings)', body: readDiagnostics() || 'No problems reported.' };
      case 'openEditors':
        return { title: 'Open editors', body: readOpenEditors() || 'No files are open.' };
      case 'gitDiff':
        return { title: 'git diff HEAD', body: clip(await readGitDiff(this.files.root)) };
      case 'mcpResource':
        // Read in resolve(), which also takes its images.
        return undefined;
    }
  }

  private fire(): void {
    this.changed.fire(this.current());
  }
}

function pathChip(path: string, folder: boolean): ContextChip {
  return {
    id: `${folder ? 'folder' : 'file'}:${path}`,
    kind: folder ? 'folder' : 'file',
    label: folder ? `${path.split('/').pop()}/` : path.split('/').pop() ?? path,
    detail: path,
    tokens: 0,
  };
}

function clip(text: string): string {
  if (text.length <= MAX_FILE_CHARS) return text;
  return `${text.slice(0, MAX_FILE_CHARS)}\n[... cut: ${text.length - MAX_FILE_CHARS} more characters. Use read_file with an offset to see the rest.]`;
}
