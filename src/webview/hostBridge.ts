// The webview's side of the message channel: validated posts to the host, validated messages from it,
// and the little state VS Code keeps for a webview across reloads (the unsent draft, the code wrap choice).
// The validators arrive with the chat's second chunk (chatRuntime.ts) a moment after the UI is drawn: what is
// posted or saved before then waits for them, and is validated like everything else before it leaves.
import type { HostToWebviewMessage, WebviewToHostMessage } from '../common/protocol';
import type { PersistedState, ProtocolValidators } from './chatRuntime';

interface VsCodeWebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeWebviewApi;

const emptyState: PersistedState = { draft: '', wrapCode: false };

export class HostBridge {
  private readonly api = acquireVsCodeApi();
  private validators: ProtocolValidators | undefined;
  /** Posted before the validators had loaded, in order. */
  private readonly waitingPosts: WebviewToHostMessage[] = [];
  /** Saved before then: the stored state can only be read (validated) once they have. */
  private waitingState: Partial<PersistedState> = {};

  /** Takes the loaded validators, then sends and saves what waited for them. */
  connect(validators: ProtocolValidators): void {
    this.validators = validators;
    for (const message of this.waitingPosts.splice(0)) this.post(message);
    if (Object.keys(this.waitingState).length > 0) this.saveState(this.waitingState);
    this.waitingState = {};
  }

  /**
   * Posts a message after checking it against the protocol; false when it was invalid (e.g. too large). Before
   * the validators have loaded (the first instants after the view opens) it is kept and checked when they
   * have; one found invalid then is dropped with the same warning.
   */
  post(message: WebviewToHostMessage): boolean {
    if (!this.validators) {
      this.waitingPosts.push(message);
      return true;
    }
    const parsed = this.validators.parseWebviewToHost(message);
    if (!parsed.ok) {
      console.warn(`Kimi: not sending an invalid message (${parsed.error})`);
      return false;
    }
    this.api.postMessage(parsed.message);
    return true;
  }

  /** Call once connected: the host answers `ready`, and only then, so nothing arrives before. */
  onMessage(handler: (message: HostToWebviewMessage) => void): void {
    const validators = this.validators;
    if (!validators) throw new Error('the host bridge reads messages only once its validators have loaded');
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const parsed = validators.parseHostToWebview(event.data);
      if (parsed.ok) {
        handler(parsed.message);
      } else {
        console.warn(`Kimi: ignored an invalid message from the host (${parsed.error})`);
      }
    });
  }

  loadDraft(): string {
    return this.state().draft;
  }

  saveDraft(draft: string): void {
    this.saveState({ draft });
  }

  /** Whether code blocks wrap long lines instead of scrolling sideways (a narrow side bar's choice). */
  loadWrapCode(): boolean {
    return this.state().wrapCode;
  }

  saveWrapCode(wrapCode: boolean): void {
    this.saveState({ wrapCode });
  }

  private saveState(change: Partial<PersistedState>): void {
    if (!this.validators) {
      this.waitingState = { ...this.waitingState, ...change };
      return;
    }
    this.api.setState({ ...this.state(), ...change });
  }

  /** The stored state, validated; empty until the validators have loaded. */
  private state(): PersistedState {
    const parsed = this.validators?.parsePersistedState(this.api.getState() ?? {});
    return parsed?.ok ? parsed.message : { ...emptyState, ...this.waitingState };
  }
}
