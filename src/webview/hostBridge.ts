// The webview's side of the message channel: validated posts to the host, validated messages from it,
// and the little state VS Code keeps for a webview across reloads (the unsent draft, the code wrap choice).
import { z } from 'zod';
import {
  parseHostToWebview,
  parseWebviewToHost,
  protocolLimits,
  type HostToWebviewMessage,
  type WebviewToHostMessage,
} from '../common/protocol';

interface VsCodeWebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeWebviewApi;

const PersistedStateSchema = z.object({ draft: z.string().max(protocolLimits.textChars).catch(''), wrapCode: z.boolean().catch(false) });
type PersistedState = z.infer<typeof PersistedStateSchema>;

export class HostBridge {
  private readonly api = acquireVsCodeApi();

  /** Posts a message after checking it against the protocol; false when it was invalid (e.g. too large). */
  post(message: WebviewToHostMessage): boolean {
    const parsed = parseWebviewToHost(message);
    if (!parsed.ok) {
      console.warn(`Kimi: not sending an invalid message (${parsed.error})`);
      return false;
    }
    this.api.postMessage(parsed.message);
    return true;
  }

  onMessage(handler: (message: HostToWebviewMessage) => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const parsed = parseHostToWebview(event.data);
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
    this.api.setState({ ...this.state(), draft });
  }

  /** Whether code blocks wrap long lines instead of scrolling sideways (a narrow side bar's choice). */
  loadWrapCode(): boolean {
    return this.state().wrapCode;
  }

  saveWrapCode(wrapCode: boolean): void {
    this.api.setState({ ...this.state(), wrapCode });
  }

  private state(): PersistedState {
    const parsed = PersistedStateSchema.safeParse(this.api.getState() ?? {});
    return parsed.success ? parsed.data : { draft: '', wrapCode: false };
  }
}
