// Posts waiting for a chat webview that has not said `ready` yet. Pure, so the queueing rules are unit-tested.
import type { HostToWebviewMessage } from '../../common/protocol';

/** Messages kept when a `state` snapshot makes everything queued before it redundant. */
const survivesSnapshot = new Set<HostToWebviewMessage['type']>(['focusInput', 'setInput', 'notice']);

export class PendingPosts {
  private messages: HostToWebviewMessage[] = [];

  constructor(private readonly maxMessages = 5_000) {}

  add(message: HostToWebviewMessage): void {
    if (message.type === 'state') {
      this.messages = this.messages.filter((queued) => survivesSnapshot.has(queued.type));
    }
    this.messages.push(message);
    // The webview asks for a full `state` on `ready`, so losing the oldest messages of a long backlog is safe.
    if (this.messages.length > this.maxMessages) this.messages.splice(0, this.messages.length - this.maxMessages);
  }

  takeAll(): HostToWebviewMessage[] {
    return this.messages.splice(0);
  }
}
