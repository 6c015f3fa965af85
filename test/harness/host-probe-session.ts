// Runs a tests module (`extensionTestsPath`) once in a fresh real extension host and returns what it printed:
// the way the benchmarks measure from inside VS Code.
import { format } from 'node:util';
import { openWorkbenchSession } from './session';
import { repoRoot } from './setup.mjs';
import { withTimeout } from './waits';

export interface HostProbeOptions {
  label: string;
  artifactsDir: string;
  /** Absolute path of the compiled probe module. */
  probe: string;
  timeoutMs: number;
}

export async function runProbeInHost(options: HostProbeOptions): Promise<string> {
  let hostConsole = '';
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const session = await openWorkbenchSession({
    label: options.label,
    artifactsDir: options.artifactsDir,
    workspaceFixture: 'basic',
    smokeTestDriver: true,
    payload: (server) => [
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(options.probe)],
    ],
    beforeNavigate: async (page) => {
      await page.exposeFunction('codeAutomationLog', (_level: unknown, message: unknown) => {
        hostConsole += `${Array.isArray(message) ? format(...(message as unknown[])) : String(message)}\n`;
      });
      await page.exposeFunction('codeAutomationExit', (code: unknown) => resolveExit(typeof code === 'number' ? code : 1));
    },
  });
  try {
    const code = await withTimeout(exited, options.timeoutMs, `the probe ${options.label} did not finish within ${options.timeoutMs / 1000} s`);
    if (code !== 0) throw new Error(`the probe ${options.label} failed (exit ${code}):\n${hostConsole.slice(-3000)}`);
    return hostConsole;
  } finally {
    await session.close();
  }
}
