// provideTokenCount for the `kimi` vendor: the same estimate the chat budgets with (context/tokens.ts), over
// what Kimi will actually read of a message (text, tool names and arguments, tool results, images at a flat rate).
import { estimateTokens, IMAGE_TOKEN_ESTIMATE } from '../context/tokens';
import type { LmContentPart, LmMessage } from './lmMessages';

function partTokens(part: LmContentPart): number {
  switch (part.kind) {
    case 'text':
      return estimateTokens(part.text);
    case 'image':
      return IMAGE_TOKEN_ESTIMATE;
    case 'toolCall':
      return estimateTokens(part.name) + estimateTokens(JSON.stringify(part.input ?? {}));
    case 'toolResult':
      return part.content.reduce((sum, item) => sum + partTokens(item), 0);
  }
}

export function estimateLmTokens(input: string | LmMessage): number {
  if (typeof input === 'string') return estimateTokens(input);
  return input.content.reduce((sum, part) => sum + partTokens(part), 0);
}
