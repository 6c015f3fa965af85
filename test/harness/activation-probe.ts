// A tests module (`extensionTestsPath`) that only activates the extension and reports how long it took,
// for scripts/bench/activation.ts. Runs inside the extension host.
import * as vscode from 'vscode';
import { ACTIVATION_PREFIX } from './activation-line';

const EXTENSION_ID = 'kimi-assistant.kimi-assistant';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  const exports: unknown = await extension.activate();
  const callMs = performance.now() - started;
  const callCpu = process.cpuUsage(startedCpu);
  const reported = (name: string): number | null => {
    const value = typeof exports === 'object' && exports !== null && name in exports ? (exports as Record<string, unknown>)[name] : undefined;
    return typeof value === 'number' ? value : null;
  };
  const sample = { activationTimeMs: reported('activationTimeMs'), activationCpuMs: reported('activationCpuMs'), callMs, callCpuMs: (callCpu.user + callCpu.system) / 1000 };
  console.log(`${ACTIVATION_PREFIX}${JSON.stringify(sample)}`);
}
