// What every part of the chat UI needs: the host channel, the markdown renderer, the frame scheduler,
// and ways to tell the user something: a visible notice, or a sentence only screen readers hear.
import type { FrameScheduler } from './frameScheduler';
import type { HostBridge } from './hostBridge';
import type { MarkdownRenderer } from './markdown/renderer';

export type NoticeLevel = 'info' | 'warning' | 'error';

export interface ChatContext {
  host: HostBridge;
  renderer: MarkdownRenderer;
  scheduler: FrameScheduler;
  notify(level: NoticeLevel, message: string): void;
  /** Read out politely by screen readers; nothing is shown. */
  announce(message: string): void;
}
