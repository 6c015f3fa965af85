import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOOL_CALL_MARKERS, ToolMarkupGuard } from '../../../src/common/llm/toolMarkupGuard';

function feed(pieces: string[]): { shown: string; guard: ToolMarkupGuard } {
  const guard = new ToolMarkupGuard();
  const shown = pieces.map((piece) => guard.push(piece)).join('') + guard.flush();
  return { shown, guard };
}

describe('ToolMarkupGuard', () => {
  test('plain text passes through unchanged', () => {
    const { shown, guard } = feed(['if (a < b) {', ' x |= 1; }']);
    assert.equal(shown, 'if (a < b) { x |= 1; }');
    assert.equal(guard.leaked, false);
  });

  test('every marker is caught, at every split point', () => {
    for (const marker of TOOL_CALL_MARKERS) {
      const text = `before ${marker} after`;
      for (let split = 1; split < text.length; split++) {
        const { shown, guard } = feed([text.slice(0, split), text.slice(split)]);
        assert.equal(guard.leaked, true, `${marker} split at ${split}`);
        assert.equal(shown, 'before ', `${marker} split at ${split}`);
        assert.equal(guard.leakedMarkup, `${marker} after`);
      }
    }
  });

  test('a marker arriving one character per chunk is caught', () => {
    const text = 'ok<|tool_call_begin|>x';
    const { shown, guard } = feed([...text]);
    assert.equal(shown, 'ok');
    assert.equal(guard.leaked, true);
  });
});
