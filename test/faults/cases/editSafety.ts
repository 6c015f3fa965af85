// Data safety of the edit pipeline on real files: a proposal computed by computeEdit, decided through the
// product's review state machine on the Node workspace (re-based onto the file as it is now, nothing written
// on a conflict, hunk by hunk where the case says so). Every case knows the exact text the file must end
// with, built independently, and counts the bytes that differ.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { computeEdit, ReviewState } from '../../../src/common/edits/index';
import type { ReviewOutcome } from '../../../src/common/tools/workspace';
import { NodeWorkspace, type NodePendingReview } from '../../../src/node/nodeWorkspace';
import { sha256 } from '../harness/workspace';
import { bytesLost, checkedCase, Checks, type FaultCase } from '../suite';

let folderCounter = 0;

type DiskResult = { kind: 'written' } | { kind: 'rejected' } | { kind: 'conflict'; detail: string };

/** What the review did to the file: an accepted or partly accepted change was written. */
function onDisk(outcome: ReviewOutcome): DiskResult {
  if (outcome.kind === 'conflict') return { kind: 'conflict', detail: outcome.detail };
  return outcome.kind === 'rejected' ? { kind: 'rejected' } : { kind: 'written' };
}

/** Opens the product's review of `file` on the Node workspace. */
function reviewOnDisk(file: string, baseText: string, proposedText: string, isNewFile: boolean): Promise<NodePendingReview> {
  return new NodeWorkspace(dirname(file)).propose({ relativePath: basename(file), baseText, proposedText, isNewFile });
}

/** Accepts a whole proposal for `file` through the product's review on the Node workspace. */
async function acceptOnDisk(file: string, baseText: string, proposedText: string, isNewFile: boolean): Promise<DiskResult> {
  const review = await reviewOnDisk(file, baseText, proposedText, isNewFile);
  review.acceptAll();
  return onDisk(await review.done);
}

interface DataOutcome {
  observed: string;
  /** What the file must hold at the end. */
  expected: string;
  actual: string | undefined;
}

function dataCase(name: string, expected: string, body: (file: string, checks: Checks) => Promise<DataOutcome>): FaultCase {
  return checkedCase({ name, kind: 'data', expected }, async (context, checks) => {
    const folder = join(context.tempRoot, `edits-${++folderCounter}`);
    await mkdir(folder, { recursive: true });
    try {
      const outcome = await body(join(folder, 'file.txt'), checks);
      const lost = outcome.actual === undefined ? Buffer.byteLength(outcome.expected) : bytesLost(outcome.expected, outcome.actual);
      checks.that(outcome.actual === outcome.expected, `the file does not hold the expected text (${lost} bytes lost or altered)`);
      return checks.result(`${outcome.observed}; ${lost} bytes lost`, { bytesLost: lost });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
}

const numbered = (count: number, width = 0) => Array.from({ length: count }, (_, index) => `line ${index + 1}: value ${index * 7}${'.'.repeat(width)}`);
const LF_TEXT = `${numbered(40).join('\n')}\n`;

/** A proposal for one replacement, failing the case when computeEdit refuses it. */
function propose(checks: Checks, text: string, oldString: string, newString: string): string {
  const edit = computeEdit(text, { oldString, newString });
  checks.that(edit.ok, `computeEdit refused ${JSON.stringify(oldString)}`);
  return edit.ok ? edit.text : text;
}

async function proposeAndAccept(checks: Checks, file: string, base: string, oldString: string, newString: string): Promise<string | undefined> {
  await writeFile(file, base);
  const outcome = await acceptOnDisk(file, base, propose(checks, base, oldString, newString), false);
  checks.that(outcome.kind === 'written', `accept did not write: ${outcome.kind === 'conflict' ? outcome.detail : ''}`);
  return readFile(file, 'utf8');
}

/** The model proposes line 30 of LF_TEXT changed; the user saves `userText` before the proposal is accepted. */
async function acceptAfterUserEdit(checks: Checks, file: string, userText: string): Promise<DiskResult> {
  await writeFile(file, LF_TEXT);
  const proposal = propose(checks, LF_TEXT, 'line 30: value 203', 'line 30: value 999');
  await writeFile(file, userText);
  return acceptOnDisk(file, LF_TEXT, proposal, false);
}

export const editSafetyCases: FaultCase[] = [
  dataCase('file edited elsewhere before accept', 'the proposal is re-based; the user edit and the change both kept', async (file, checks) => {
    const userText = LF_TEXT.replace('line 3: value 14', 'line 3: value 14 // checked by hand');
    const outcome = await acceptAfterUserEdit(checks, file, userText);
    return { observed: `accept ${outcome.kind}`, expected: userText.replace('line 30: value 203', 'line 30: value 999'), actual: await readFile(file, 'utf8') };
  }),
  dataCase('file edited on the same lines before accept', 'conflict; nothing written; the user edit intact', async (file, checks) => {
    const userText = LF_TEXT.replace('line 30: value 203', 'line 30: value 204 // mine');
    const outcome = await acceptAfterUserEdit(checks, file, userText);
    checks.that(outcome.kind === 'conflict', 'a conflicting change was written');
    return { observed: `accept ${outcome.kind}`, expected: userText, actual: await readFile(file, 'utf8') };
  }),
  dataCase('CRLF file, model sends LF', 'CRLF kept on every line, only the target lines change', async (file, checks) => {
    const base = `${numbered(40).join('\r\n')}\r\n`;
    const actual = await proposeAndAccept(checks, file, base, 'line 10: value 63\nline 11: value 70', 'line 10: value 63\nline 10b: inserted\nline 11: value 70');
    checks.that(!/(?<!\r)\n/.test(actual ?? ''), 'a bare LF appeared');
    return { observed: 'CRLF kept', expected: base.replace('line 10: value 63\r\n', 'line 10: value 63\r\nline 10b: inserted\r\n'), actual };
  }),
  dataCase('UTF-8 BOM', 'the byte order mark survives the edit', async (file, checks) => {
    const base = '\uFEFFconst a = 1;\nconst b = 2;\n';
    const actual = await proposeAndAccept(checks, file, base, 'const b = 2;', 'const b = 3;');
    return { observed: `starts with BOM: ${actual?.startsWith('\uFEFF')}`, expected: base.replace('const b = 2;', 'const b = 3;'), actual };
  }),
  dataCase('tab indentation, model sends spaces', 'matched tolerantly; the file keeps its tabs', async (file, checks) => {
    const base = 'function f(x) {\n\tif (x) {\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n';
    const actual = await proposeAndAccept(checks, file, base, '    if (x) {\n        return 1;\n    }', '    if (x) {\n        return 2;\n    }');
    return { observed: 'tabs kept', expected: base.replace('\t\treturn 1;', '\t\treturn 2;'), actual };
  }),
  dataCase('no final newline', 'still no final newline after the edit', async (file, checks) => {
    const base = 'first\nsecond\nlast line';
    const actual = await proposeAndAccept(checks, file, base, 'last line', 'final line');
    return { observed: `ends with newline: ${actual?.endsWith('\n')}`, expected: 'first\nsecond\nfinal line', actual };
  }),
  dataCase('5 MB file', 'one line changes; every other byte identical (hashes); reject-all restores exactly', async (file, checks) => {
    const base = `${numbered(60_000, 60).join('\n')}\n`;
    const started = performance.now();
    const proposal = propose(checks, base, 'line 30000: value 209993', 'line 30000: value -1');
    const review = ReviewState.open({ relativePath: 'file.txt', baseText: base, proposedText: proposal, isNewFile: false });
    const hunks = review.hunks();
    checks.that(hunks.length === 1, `${hunks.length} hunks for a one-line change`);
    const rejected = hunks[0] ? review.rejectHunk(proposal, hunks[0].id) : undefined;
    checks.that(rejected?.kind === 'revise-proposal' && rejected.proposalText === base, 'rejecting every hunk does not give back the original');
    checks.that(rejected?.kind === 'revise-proposal' && rejected.next.outcome?.kind === 'rejected', 'rejecting every hunk does not end the review rejected');
    await writeFile(file, base);
    const outcome = await acceptOnDisk(file, base, proposal, false);
    const ms = performance.now() - started;
    const actual = await readFile(file, 'utf8');
    const expected = base.replace('line 30000: value 209993', 'line 30000: value -1');
    checks.that(sha256(actual) === sha256(expected), 'hash differs');
    checks.that(ms < 10_000, `took ${Math.round(ms)} ms`);
    return { observed: `${(Buffer.byteLength(base) / 1e6).toFixed(1)} MB, ${outcome.kind} in ${Math.round(ms)} ms, hash equal`, expected, actual };
  }),
  dataCase('same file proposed twice in a row', 'the second proposal is computed on the first result; both kept', async (file, checks) => {
    const first = await proposeAndAccept(checks, file, LF_TEXT, 'line 5: value 28', 'line 5: value 0');
    const second = propose(checks, first ?? '', 'line 35: value 238', 'line 35: value 1');
    const outcome = await acceptOnDisk(file, first ?? '', second, false);
    const expected = LF_TEXT.replace('line 5: value 28', 'line 5: value 0').replace('line 35: value 238', 'line 35: value 1');
    return { observed: `second accept ${outcome.kind}`, expected, actual: await readFile(file, 'utf8') };
  }),
  dataCase('second proposal from a stale base', 'accepting it never reverts the first change (re-based, or conflict on the same line)', async (file, checks) => {
    const first = await proposeAndAccept(checks, file, LF_TEXT, 'line 5: value 28', 'line 5: value 0');
    const elsewhere = await acceptOnDisk(file, LF_TEXT, propose(checks, LF_TEXT, 'line 35: value 238', 'line 35: value 1'), false);
    const sameLine = await acceptOnDisk(file, LF_TEXT, propose(checks, LF_TEXT, 'line 5: value 28', 'line 5: value 5'), false);
    checks.that(first?.includes('line 5: value 0') === true, 'the first change was not applied');
    checks.that(elsewhere.kind === 'written' && sameLine.kind === 'conflict', `outcomes ${elsewhere.kind}, ${sameLine.kind}`);
    const expected = LF_TEXT.replace('line 5: value 28', 'line 5: value 0').replace('line 35: value 238', 'line 35: value 1');
    return { observed: `other line ${elsewhere.kind}, same line ${sameLine.kind}`, expected, actual: await readFile(file, 'utf8') };
  }),
  dataCase('one hunk of three accepted', 'only the accepted hunk lands; rejected regions byte-identical', async (file, checks) => {
    let proposal = LF_TEXT;
    for (const line of [5, 20, 35]) proposal = propose(checks, proposal, `line ${line}: value ${(line - 1) * 7}`, `line ${line}: CHANGED`);
    await writeFile(file, LF_TEXT);
    const review = await reviewOnDisk(file, LF_TEXT, proposal, false);
    const hunks = review.hunks();
    checks.that(hunks.length === 3, `${hunks.length} hunks`);
    const middle = hunks.find((hunk) => hunk.originalStart === 20);
    checks.that(middle !== undefined, 'no hunk at line 20');
    await review.acceptHunks(middle ? [middle.id] : []);
    checks.that(review.hunks().length === 2, `${review.hunks().length} hunks still open after accepting one`);
    review.rejectAll();
    const outcome = await review.done;
    checks.that(
      outcome.kind === 'partial' && outcome.acceptedHunks === 1 && outcome.rejectedHunks === 2,
      `the review ended ${outcome.kind}${outcome.kind === 'partial' ? ` (${outcome.acceptedHunks} accepted, ${outcome.rejectedHunks} rejected)` : ''}`,
    );
    return { observed: `accepted 1 of ${hunks.length}: ${onDisk(outcome).kind}`, expected: LF_TEXT.replace('line 20: value 133', 'line 20: CHANGED'), actual: await readFile(file, 'utf8') };
  }),
  dataCase('file deleted before accept', 'conflict; the file is not re-created from the proposal', async (file, checks) => {
    await writeFile(file, LF_TEXT);
    const proposal = propose(checks, LF_TEXT, 'line 5: value 28', 'line 5: value 0');
    await rm(file);
    const outcome = await acceptOnDisk(file, LF_TEXT, proposal, false);
    checks.that(outcome.kind === 'conflict', 'accepted onto a deleted file');
    const exists = await readFile(file, 'utf8').then(() => true, () => false);
    checks.that(!exists, 'the file was re-created');
    return { observed: `accept ${outcome.kind}, file exists: ${exists}`, expected: '', actual: exists ? await readFile(file, 'utf8') : '' };
  }),
];
