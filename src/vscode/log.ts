// The "Kimi Assistant" output channel. Every line passes through the redactor so an API key never lands in a log.
import * as vscode from 'vscode';
import { redactSecrets } from '../common/redact';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  show(): void;
}

export function createLogger(channel: vscode.LogOutputChannel, knownSecrets: () => readonly string[]): Logger {
  const clean = (message: string) => redactSecrets(message, knownSecrets());
  return {
    info: (message) => channel.info(clean(message)),
    warn: (message) => channel.warn(clean(message)),
    error: (message) => channel.error(clean(message)),
    debug: (message) => channel.debug(clean(message)),
    show: () => channel.show(true),
  };
}
