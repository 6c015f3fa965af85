// axe-core in a page or frame: injected by the test driver (evaluated the way any test script is, so the
// page's own CSP stays as shipped) and run on its document. Used in the Chromium webview cases and inside
// the real chat webview of code-server.
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

export async function runAxe(target: Page | Frame): Promise<AxeViolation[]> {
  await target.evaluate(axeSource);
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  });
}

/** The violations that fail a check: serious and critical. */
export function blockingViolations(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((violation) => `${violation.impact} ${violation.id} (${violation.help}):\n${violation.nodes.map((node) => `  ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`).join('\n')}`)
    .join('\n');
}
