// The confirmation before a workspace's endpoint (kimiAssistant.provider / baseUrl from .vscode/settings.json
// or a .code-workspace file) is used. It names the host; "Allow" is remembered for this workspace under the
// exact values, so a changed value asks again; "Keep my settings" (or closing the message) keeps the user's
// endpoint for this window. Never asked in Restricted Mode (Configuration does not ask then).
import * as vscode from 'vscode';
import { PendingQuestions } from '../common/pendingQuestions';
import { endpointConsentMessage, type ConsentState, type WorkspaceEndpoint } from '../common/workspaceSettings';
import { Disposable } from './disposable';
import type { Logger } from './log';

const STATE_KEY = 'kimiAssistant.allowedWorkspaceEndpoints';
export const ALLOW = 'Allow';
export const KEEP = 'Keep my settings';

export type ConsentAnswer = 'allow' | 'keep';

export interface PendingEndpointConsent {
  message: string;
  baseUrl: string;
  origin: string | undefined;
  consentKey: string;
}

/** Shows the question; resolves with the answer, or undefined when dismissed. Injectable for tests. */
export type AskEndpointConsent = (message: string) => Thenable<ConsentAnswer | undefined>;

const askWithNotification: AskEndpointConsent = async (message) => {
  const choice = await vscode.window.showWarningMessage(`Kimi: ${message}`, ALLOW, KEEP);
  return choice === ALLOW ? 'allow' : choice === KEEP ? 'keep' : undefined;
};

export class WorkspaceEndpointConsent extends Disposable {
  /** Consent keys already asked about in this window (answered or not): never asked twice per window. */
  private readonly asked = new Set<string>();
  private readonly keptThisWindow = new Set<string>();
  private readonly pending = new PendingQuestions<PendingEndpointConsent, ConsentAnswer | undefined>();
  private readonly decided = this.register(new vscode.EventEmitter<void>());
  /** Fires after an answer changed what is allowed (Configuration then reads settings again). */
  readonly onDidDecide = this.decided.event;

  constructor(
    private readonly memento: vscode.Memento | undefined,
    private readonly log: Logger,
    private readonly ask: AskEndpointConsent = askWithNotification,
  ) {
    super();
  }

  state(consentKey: string): ConsentState {
    if (this.allowed().includes(consentKey)) return 'allowed';
    return this.keptThisWindow.has(consentKey) ? 'declined' : 'undecided';
  }

  /** Asks about a workspace endpoint once per value per window; the answer arrives later through onDidDecide. */
  request(workspace: WorkspaceEndpoint, file: string): void {
    if (this.asked.has(workspace.consentKey) || this.state(workspace.consentKey) !== 'undecided') return;
    this.asked.add(workspace.consentKey);
    const message = endpointConsentMessage(workspace, file);
    const prompt: PendingEndpointConsent = { message, baseUrl: workspace.resolvedBaseUrl, origin: workspace.origin, consentKey: workspace.consentKey };
    this.log.info(`Asking whether this workspace may send requests to ${workspace.resolvedBaseUrl} (${workspace.setBy.join(', ')} in ${file}).`);
    const settle = this.pending.open(prompt, (answer) => void this.record(workspace, answer));
    this.ask(message).then(settle, (error: unknown) => {
      this.log.warn(`The workspace endpoint question failed: ${error instanceof Error ? error.message : String(error)}`);
      settle(undefined);
    });
  }

  /** The question waiting for an answer, if any (for tests and automation; never exposes a key). */
  pendingPrompt(): PendingEndpointConsent | undefined {
    return this.pending.latest();
  }

  /** Answers the waiting question as the user would; false when none is waiting. */
  answerPending(answer: ConsentAnswer): boolean {
    return this.pending.answer(answer);
  }

  /** Forgets every "Allow" of this workspace and every answer of this window. */
  async forgetAll(): Promise<void> {
    this.asked.clear();
    this.keptThisWindow.clear();
    await this.memento?.update(STATE_KEY, undefined);
    this.decided.fire();
  }

  private async record(workspace: WorkspaceEndpoint, answer: ConsentAnswer | undefined): Promise<void> {
    if (answer === 'allow') {
      await this.memento?.update(STATE_KEY, [...this.allowed().filter((key) => key !== workspace.consentKey), workspace.consentKey]);
      this.log.info(`Allowed for this workspace: requests go to ${workspace.resolvedBaseUrl} (from the workspace's ${workspace.setBy.join(', ')}).`);
    } else {
      this.keptThisWindow.add(workspace.consentKey);
      this.log.info(
        `${answer === 'keep' ? 'Kept' : 'No answer; keeping'} the user's endpoint: the workspace's ${workspace.setBy.join(', ')} (${workspace.resolvedBaseUrl}) is not used in this window.`,
      );
    }
    this.decided.fire();
  }

  private allowed(): string[] {
    const stored = this.memento?.get<unknown>(STATE_KEY);
    return Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
  }
}
