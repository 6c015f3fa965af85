// The question before a project's MCP server (from .kimi/mcp.json or .vscode/mcp.json) starts: a modal that names
// the exact command line or URL. "Allow" is remembered for this workspace under the core's `approvalKey`, so a
// changed command line asks again; a refusal holds for this window. Never asked in an untrusted workspace.
import * as vscode from 'vscode';
import { approvalKey, describeLaunch, type McpServerConfig } from '../../common/mcp/config';
import { PendingQuestions } from '../../common/pendingQuestions';

const STATE_KEY = 'kimiAssistant.allowedMcpServers';
export const ALLOW_SERVER = 'Allow and Start';

export interface PendingServerApproval {
  server: string;
  launch: string;
  approvalKey: string;
}

/** Shows the question; true for Allow. Injectable for tests. */
export type AskServerApproval = (prompt: PendingServerApproval) => Thenable<boolean>;

const askWithModal: AskServerApproval = async (prompt) => {
  const choice = await vscode.window.showWarningMessage(
    `Kimi: this workspace wants to start the MCP server "${prompt.server}".`,
    { modal: true, detail: `It would run with your permissions:\n\n${prompt.launch}\n\nAllow it only if you trust this repository.` },
    ALLOW_SERVER,
  );
  return choice === ALLOW_SERVER;
};

export class ProjectServerApproval {
  private readonly refusedThisWindow = new Set<string>();
  private readonly pending = new PendingQuestions<PendingServerApproval, boolean>();

  constructor(
    private readonly memento: vscode.Memento,
    private readonly ask: AskServerApproval = askWithModal,
  ) {}

  /** The manager's `mayStart`: user servers start; project servers only when trusted and approved. */
  async mayStart(config: McpServerConfig): Promise<boolean> {
    if (config.source === 'user') return true;
    if (!vscode.workspace.isTrusted) return false;
    const key = approvalKey(config);
    if (this.allowed().includes(key)) return true;
    if (this.refusedThisWindow.has(key)) return false;
    const prompt: PendingServerApproval = { server: config.name, launch: describeLaunch(config), approvalKey: key };
    const allowed = await new Promise<boolean>((resolve) => {
      const answer = this.pending.open(prompt, resolve);
      this.ask(prompt).then(answer, () => answer(false));
    });
    if (allowed) await this.memento.update(STATE_KEY, [...this.allowed().filter((known) => known !== key), key]);
    else this.refusedThisWindow.add(key);
    return allowed;
  }

  /** True when mayStart would answer yes at once, without a question (what typing `/` or `@` may start). */
  startsWithoutAsking(config: McpServerConfig): boolean {
    return config.source === 'user' || (vscode.workspace.isTrusted && this.allowed().includes(approvalKey(config)));
  }

  /** Questions waiting for an answer (for tests and automation). */
  pendingPrompts(): PendingServerApproval[] {
    return this.pending.questions();
  }

  /** Answers a waiting question as the user would; false when none is waiting for that server. */
  answerPending(server: string, allowed: boolean): boolean {
    return this.pending.answer(allowed, (prompt) => prompt.server === server);
  }

  /** Lets a refused server be asked about again (the servers view's Restart). */
  forgetRefusal(config: McpServerConfig): void {
    this.refusedThisWindow.delete(approvalKey(config));
  }

  async forgetAll(): Promise<void> {
    this.refusedThisWindow.clear();
    await this.memento.update(STATE_KEY, undefined);
  }

  private allowed(): string[] {
    const stored = this.memento.get<unknown>(STATE_KEY);
    return Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
  }
}
