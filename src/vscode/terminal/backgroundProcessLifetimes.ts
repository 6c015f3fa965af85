// The chat's list of background processes, and when they end: with their conversation (the chat shows another one, or none), when the
// window closes (deactivate waits for stopAll), and, if the extension host dies first, through the watchdog
// each process has (src/node/backgroundProcesses.ts). Each running process is mirrored in a terminal of its
// own so the user sees its output; Ctrl+C there, or closing that terminal, stops it.
import * as vscode from 'vscode';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../common/protocol';
import type { BackgroundProcessInfo } from '../../common/tools/backgroundProcesses';
import type { NodeBackgroundProcesses } from '../../node/backgroundProcesses';
import { Disposable } from '../disposable';

let active: NodeBackgroundProcesses | undefined;

/** For deactivate(): every background process is stopped (its group killed) before the host exits. */
export function stopBackgroundProcesses(): Promise<void> {
  return active?.stopAll() ?? Promise.resolve();
}

export class BackgroundProcessLifetimes extends Disposable {
  private shown: string | undefined;
  private readonly mirrors = new Map<string, vscode.Terminal>();

  constructor(
    private readonly processes: NodeBackgroundProcesses,
    chat: { readonly onDidShowConversation: vscode.Event<string | undefined>; readonly conversationId: string | undefined },
    private readonly view: { post(message: HostToWebviewMessage): void; readonly onDidReceiveMessage: vscode.Event<WebviewToHostMessage> },
  ) {
    super();
    active = processes;
    this.shown = chat.conversationId;
    this.register(chat.onDidShowConversation((id) => this.conversationShown(id)));
    this.register(processes.onDidChange(() => {
      this.mirrorNew();
      this.postList();
    }));
    this.register(view.onDidReceiveMessage((message) => message.type === 'ready' && this.postList()));
  }

  override dispose(): void {
    void this.processes.stopAll();
    for (const terminal of this.mirrors.values()) terminal.dispose();
    super.dispose();
  }

  private conversationShown(id: string | undefined): void {
    if (this.shown !== undefined && this.shown !== id) void this.processes.stopOwnedBy(this.shown);
    this.shown = id;
    this.postList();
  }

  /** The open conversation's processes, and any other still running (one being stopped). */
  private postList(): void {
    const listed = this.processes.list().filter((info) => info.owner === this.shown || info.state === 'running');
    this.view.post({ type: 'backgroundProcesses', processes: listed.map(({ id, owner, command, state, exitCode }) => ({ id, owner, command: command.slice(0, 500), state, exitCode })) });
  }

  private mirrorNew(): void {
    for (const info of this.processes.list()) {
      const key = `${info.owner}/${info.id}`;
      if (info.state === 'running' && !this.mirrors.has(key)) this.mirrors.set(key, this.mirror(info, key));
    }
  }

  /** A read-only terminal that shows what the process prints (the pty only relays; it runs nothing). */
  private mirror(info: BackgroundProcessInfo, key: string): vscode.Terminal {
    const written = new vscode.EventEmitter<string>();
    const closed = new vscode.EventEmitter<number | void>();
    const output = this.processes.onOutput(info.id, info.owner, (text) => written.fire(text.replace(/\n/g, '\r\n')));
    const ended = this.processes.onDidChange(() => {
      const now = this.processes.list().find((entry) => entry.id === info.id && entry.owner === info.owner);
      if (now && now.state !== 'running') {
        written.fire(`\r\n[${now.state === 'stopped' ? 'stopped' : `exited with code ${now.exitCode ?? 'unknown'}`}]\r\n`);
        ended.dispose();
        output.dispose();
      }
    });
    const stop = () => void this.processes.stop(info.id, info.owner);
    const pty: vscode.Pseudoterminal = {
      onDidWrite: written.event,
      onDidClose: closed.event,
      open: () => written.fire(`$ ${info.command}\r\n`),
      close: () => {
        stop();
        this.mirrors.delete(key);
        output.dispose();
        ended.dispose();
      },
      handleInput: (data) => {
        if (data === '\x03') stop();
      },
    };
    const terminal = vscode.window.createTerminal({ name: `Kimi: ${info.command.slice(0, 40)}`, pty, isTransient: true, iconPath: new vscode.ThemeIcon('server-process') });
    terminal.show(true);
    return terminal;
  }
}
