// The Kimi language server's own messages beyond LSP, shared by the server and the VS Code client, each with
// a runtime schema: both ends are separate processes, so nothing crossing is trusted unchecked.
import { z } from 'zod';
import { providerIds } from '../settings';

/** Server → client request: the key for the endpoint in effect. The client answers only for that endpoint's origin. */
export const apiKeyRequest = {
  method: 'kimi/apiKey',
  params: z.object({ provider: z.enum(providerIds), baseUrl: z.string() }),
  result: z.object({ key: z.string().nullable() }),
} as const;

/** Server → client notification: what one completion cost. */
export const completionCostNotification = {
  method: 'kimi/completionCost',
  params: z.object({ usd: z.number().nonnegative(), estimated: z.boolean() }),
} as const;

/** The command a selection code action runs; its argument names the action and the range. */
export const selectionActionCommand = 'kimi.selectionAction';

/** What a client may pass as `initializationOptions` (Neovim, Helix, or our VS Code client). */
export const initializationOptionsSchema = z
  .looseObject({
    /** The key, for editors without a secret store; otherwise the environment or `kimi/apiKey`. */
    apiKey: z.string().optional(),
    /** Settings for clients that do not answer `workspace/configuration`, in the `kimiAssistant` shape. */
    settings: z.record(z.string(), z.unknown()).optional(),
    /** The client answers `kimi/apiKey` (our VS Code client does). */
    keyFromClient: z.boolean().optional(),
    /** Offer the selection code actions (VS Code has its own, through the chat and the review). */
    codeActions: z.boolean().optional(),
  })
  .catch({});

export type InitializationOptions = z.infer<typeof initializationOptionsSchema>;
