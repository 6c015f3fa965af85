// What the model reads of a command's output: terminal escape sequences removed (even when a chunk splits
// one), CR-redrawn lines reduced to their last state, and long output kept as head and tail with the count
// of lines left out and in all.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputCollector } from '../../../src/common/tools/commandOutput';
import { TerminalTextCleaner } from '../../../src/common/tools/terminalText';

function cleanAll(chunks: string[]): string {
  const cleaner = new TerminalTextCleaner();
  return chunks.map((chunk) => cleaner.push(chunk)).join('') + cleaner.flush();
}

describe('terminal text for the model', () => {
  test('colours, cursor moves, titles and shell integration marks are removed', () => {
    const raw = '\x1b]633;C\x07\x1b[1;31mred\x1b[0m plain\r\n\x1b[2K\x1b[1Gline two\x1b]0;title\x1b\\\r\n\x1b(Bend\x1b[?25h\r\n';
    assert.equal(cleanAll([raw]), 'red plain\nline two\nend\n');
  });

  test('a sequence split across chunks is held until it is complete', () => {
    const raw = 'a\x1b[31mb\x1b[0mc\x1b]633;D;0\x07\r\n';
    for (let cut = 1; cut < raw.length; cut++) {
      assert.equal(cleanAll([raw.slice(0, cut), raw.slice(cut)]), 'abc\n', `cut at ${cut}`);
    }
  });

  test('a progress line redrawn with CR keeps its last state; a CRLF split across chunks is one newline', () => {
    assert.equal(cleanAll(['10%\r50%\r100%\r\n', 'done\r', '\n']), '100%\ndone\n');
  });

  test('other control characters go, tabs stay', () => {
    assert.equal(cleanAll(['a\x07b\x08\tc\n']), 'ab\tc\n');
  });
});

describe('long output as head and tail', () => {
  test('short output is kept whole with its line count', () => {
    const output = new OutputCollector();
    output.add('one\ntwo\n');
    output.add('three');
    assert.equal(output.text(), 'one\ntwo\nthree');
    assert.equal(output.lineCount, 3);
    assert.equal(output.truncated, false);
  });

  test('1 MB in many chunks keeps the first and the last lines and says how many lines were left out', () => {
    const output = new OutputCollector();
    const lines = Array.from({ length: 10_000 }, (_, index) => `line ${String(index + 1).padStart(94, '0')}\n`);
    for (let index = 0; index < lines.length; index += 37) output.add(lines.slice(index, index + 37).join(''));
    const text = output.text();
    assert.equal(output.lineCount, 10_000);
    assert.equal(output.truncated, true);
    assert.ok(text.startsWith(lines[0] as string));
    assert.ok(text.endsWith((lines.at(-1) as string).trimEnd()));
    const omitted = /\[\.\.\. (\d+) lines \((\d+) characters\) of output omitted; 10000 lines in all \.\.\.\]/.exec(text);
    assert.ok(omitted, text.slice(0, 3000));
    assert.equal(Number(omitted[2]) + 2_000 + 16_000, 1_000_000, 'head, tail and what was left out add up');
    // The head ends part-way through line 21 and the tail starts part-way through a line: the omitted newlines are the lines between.
    assert.equal(Number(omitted[1]), 10_000 - 20 - 160, 'whole lines left out between head and tail');
  });

  test('no output counts no lines', () => {
    const output = new OutputCollector();
    assert.equal(output.lineCount, 0);
    assert.equal(output.text(), '');
  });
});
