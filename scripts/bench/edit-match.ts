// Benchmarks edit_file on a generated 20,000-line TypeScript-like file: match + hunks, exact and
// indentation-tolerant, median of 7 runs each (after one warm-up run). Prints one JSON line per measurement.
import { computeEdit, computeHunks, type EditRequest } from '../../src/common/edits';
import { medianMs, report } from './measure';

const RUNS = 7;
const LINE_COUNT = 20_000;

function generateSource(lineCount: number): string {
  const lines: string[] = [];
  for (let index = 0; lines.length < lineCount; index++) {
    lines.push(`export async function handleRequest${index}(request: Request, context: Context): Promise<Response> {`);
    lines.push(`    const payload = await request.json() as Payload${index % 13};`);
    lines.push(`    if (!payload.id) return context.error('missing id in request ${index}');`);
    lines.push(`    return context.respond({ id: payload.id, value: payload.value * ${index + 1} });`);
    lines.push('}');
    lines.push('');
  }
  return lines.slice(0, lineCount).join('\n') + '\n';
}

function measure(name: string, document: string, edit: EditRequest, expectedKind: string): void {
  const value = medianMs(() => {
    const outcome = computeEdit(document, edit);
    if (!outcome.ok || outcome.matchKind !== expectedKind) throw new Error(`${name}: the edit did not apply as ${expectedKind}`);
    if (computeHunks(document, outcome.text).length !== 1) throw new Error(`${name}: expected one hunk`);
  }, RUNS);
  report(name, value, 'ms', RUNS, 2);
}

const document = generateSource(LINE_COUNT);
const target = Math.floor(LINE_COUNT / 6) - 10;
measure('edit_match_20k_lines_ms', document, {
  oldString: `    const payload = await request.json() as Payload${target % 13};\n    if (!payload.id) return context.error('missing id in request ${target}');\n`,
  newString: `    const payload = await request.json() as Payload${target % 13};\n    if (!payload?.id) return context.error('missing id in request ${target}');\n`,
}, 'exact');
measure('edit_match_tolerant_20k_lines_ms', document, {
  oldString: `const payload = await request.json() as Payload${target % 13};\nif (!payload.id) return context.error('missing id in request ${target}');`,
  newString: `const payload = await request.json() as Payload${target % 13};\nif (!payload?.id) {\n  return context.error('missing id in request ${target}');\n}`,
}, 'indentation');
