// What every part of the chat UI needs: the host channel, the markdown renderer, the frame scheduler,
// and a way to tell the user something.
import type { FrameScheduler } from './frameScheduler';
import type { HostBridge } from './hostBridge';
import type { MarkdownRenderer } from './markdown/renderer';

export type NoticeLevel = 'info' | 'warning' | 'error';

export interface ChatContext {
  host: HostBridge;
  renderer: MarkdownRenderer;
  scheduler: FrameScheduler;
  notify(level: NoticeLevel, message: string): void;
}
