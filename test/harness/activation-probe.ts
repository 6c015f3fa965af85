// A tests module (`extensionTestsPath`) that only activates the extension and reports how long it took,
// for scripts/bench/activation.ts. Runs inside the extension host.
import * as vscode from 'vscode';
import { ACTIVATION_PREFIX } from './activation-line';

const EXTENSION_ID = 'kimi-assistant.kimi-assistant';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const started = performance.now();
  const exports: unknown = await extension.activate();
  const callMs = performance.now() - started;
  const reported = typeof exports === 'object' && exports !== null && 'activationTimeMs' in exports ? exports.activationTimeMs : undefined;
  console.log(`${ACTIVATION_PREFIX}${JSON.stringify({ activationTimeMs: typeof reported === 'number' ? reported : null, callMs })}`);
}
