// Shared lookups for the integration tests: the extension under test, its public API and the sample workspace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { KimiAssistantApi } from '../../src/vscode/api';

export const EXTENSION_ID = 'kimi-assistant.kimi-assistant';

export function kimiExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return extension;
}

/** What activate() returns (src/vscode/api.ts), checked at runtime because this is the contract under test. */
export async function activateKimi(): Promise<KimiAssistantApi> {
  const exports: unknown = await kimiExtension().activate();
  if (!isKimiAssistantApi(exports)) {
    throw new Error(`activate() returned ${JSON.stringify(exports)}, not { activationTimeMs, hasApiKey }`);
  }
  return exports;
}

function isKimiAssistantApi(value: unknown): value is KimiAssistantApi {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof KimiAssistantApi, unknown>>;
  return typeof candidate.activationTimeMs === 'number' && typeof candidate.hasApiKey === 'function' && typeof candidate.currentConversation === 'function';
}

/** Contributed command ids, read from the manifest VS Code loaded (not from a copy in the test). */
export function contributedCommands(): string[] {
  const manifest = kimiExtension().packageJSON as { contributes?: { commands?: Array<{ command: string }> } };
  return (manifest.contributes?.commands ?? []).map((entry) => entry.command);
}

/** The integration workspace's folder: a copy of test/fixtures/workspaces/basic that the suites change. */
export function workspaceRoot(): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('the integration workspace has no folder open');
  return root;
}

/** A file as the sample workspace ships it, read from the repository (these tests run from out/integration). */
export function shippedText(relativePath: string): string {
  return readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'workspaces', 'basic', relativePath), 'utf8');
}
