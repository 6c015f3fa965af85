// What the host parses when the extension activates: the openai SDK and zod's locales stay out of the
// extension bundle (the SDK is a file beside it, loaded on the first request; the locales are never used).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';

const dist = join(process.cwd(), 'dist');

describe('extension bundles', () => {
  let extension: string;
  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'ignore' });
    extension = readFileSync(join(dist, 'extension.js'), 'utf8');
  });

  test('the openai SDK is not in the extension bundle, which requires it from beside itself on demand', () => {
    // Every request the SDK sends carries its X-Stainless-* headers: the string is in its code, not in ours.
    assert.equal(/x-stainless-/i.test(extension), false, 'the SDK was bundled into dist/extension.js');
    assert.match(extension, /require\("\.\/openai\.js"\)/);
    const sdk = createRequire(join(dist, 'extension.js'))('./openai.js') as Record<string, unknown>;
    assert.equal(typeof sdk.default, 'function', 'dist/openai.js exports the client class as default');
    assert.equal(typeof sdk.APIError, 'function', 'and the error classes the client classifies');
  });

  test("zod's error-message locales are left out (only English is used)", () => {
    assert.equal(extension.includes('Ongeldige invoer'), false, "zod's Dutch locale is in the bundle");
  });
});
