// The `/` list of the chat input opens only while the message is a bare `/word`, and picking a command writes its
// name and the first required argument to fill in.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { slashCommandText, slashQueryAt } from '../../../src/webview/composer/slashCommands';

describe('the / list', () => {
  test('opens for a leading /word before the caret, and only then', () => {
    assert.deepEqual(slashQueryAt('/', 1), { query: '' });
    assert.deepEqual(slashQueryAt('/mcp.ev', 7), { query: 'mcp.ev' });
    assert.deepEqual(slashQueryAt('/mcp.ev more', 7), { query: 'mcp.ev' }, 'what is after the caret does not matter');
    assert.equal(slashQueryAt('/mcp.everything.args-prompt city', 32), undefined, 'arguments are being typed');
    assert.equal(slashQueryAt('see /usr/bin', 12), undefined, 'a slash inside a sentence');
    assert.equal(slashQueryAt(' /mcp', 5), undefined);
  });

  test('picking writes the name, then the first required argument', () => {
    assert.equal(slashCommandText({ name: 'mcp.everything.simple-prompt', arguments: [] }), '/mcp.everything.simple-prompt ');
    assert.equal(
      slashCommandText({ name: 'mcp.everything.args-prompt', arguments: [{ name: 'state', required: false }, { name: 'city', required: true }] }),
      '/mcp.everything.args-prompt city=',
    );
  });
});
