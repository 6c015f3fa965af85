// What the chat needs once it is drawn, as a chunk of its own: zod with the protocol's schemas, which validate
// every message across the webview boundary and the state VS Code keeps for the webview, and the markdown
// renderer (markdown-it, DOMPurify). main.ts starts loading it before building the UI, so the chat's first
// script draws the conversation and the input without parsing either (they are most of the webview's code).
// zod is configured first: the CSP forbids eval, so it must not probe for it (see cspSafeZod.ts).
import './cspSafeZod';
import { z } from 'zod';
import { parseHostToWebview, parseWebviewToHost, protocolLimits, type ParseResult } from '../common/protocol';
import { MarkdownRenderer } from './markdown/renderer';

const PersistedStateSchema = z.object({ draft: z.string().max(protocolLimits.textChars).catch(''), wrapCode: z.boolean().catch(false) });
/** What VS Code keeps for the webview across reloads: the unsent draft and the code wrap choice. */
export type PersistedState = z.infer<typeof PersistedStateSchema>;

export interface ProtocolValidators {
  parseHostToWebview: typeof parseHostToWebview;
  parseWebviewToHost: typeof parseWebviewToHost;
  parsePersistedState(raw: unknown): ParseResult<PersistedState>;
}

export interface ChatRuntime {
  validators: ProtocolValidators;
  renderer: MarkdownRenderer;
}

export function createChatRuntime(): ChatRuntime {
  return {
    validators: {
      parseHostToWebview,
      parseWebviewToHost,
      parsePersistedState: (raw) => {
        const parsed = PersistedStateSchema.safeParse(raw);
        return parsed.success ? { ok: true, message: parsed.data } : { ok: false, error: parsed.error.message };
      },
    },
    renderer: new MarkdownRenderer(),
  };
}
