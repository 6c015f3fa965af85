// write_file guards: placeholder comments and truncated rewrites are refused; ordinary code that merely
// contains dots or similar words is not.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFullFileWrite } from '../../../src/common/edits';

const LONG_EXISTING = Array.from({ length: 40 }, (_, index) => `export const value${index} = ${index};`).join('\n');

const refused: Array<{ name: string; content: string; path?: string }> = [
  { name: '// ... rest of the code', content: 'import x;\n\nfunction a() {}\n// ... rest of the code\n' },
  { name: '// ... existing code ...', content: 'class A {\n  // ... existing code ...\n  b() {}\n}\n' },
  { name: '# rest of the file unchanged (python)', content: 'import os\n# rest of the file unchanged\n', path: 'tool.py' },
  { name: '/* ... remaining methods ... */', content: 'class A {\n  /* ... remaining methods ... */\n}\n' },
  { name: '<!-- ... rest of the content ... --> (html)', content: '<body>\n  <!-- ... rest of the content ... -->\n</body>\n', path: 'index.html' },
  { name: '// ... (unchanged)', content: 'const a = 1;\n// ... (unchanged)\n' },
  { name: '[rest of file]', content: 'first line\n[rest of file]\n' },
  { name: '{/* ... other components ... */} (jsx)', content: 'return (\n  <div>\n    {/* ... other components ... */}\n  </div>\n);\n', path: 'App.tsx' },
  { name: '-- ... existing code (sql)', content: 'SELECT 1;\n-- ... existing code\n', path: 'schema.sql' },
  { name: '// remaining methods', content: 'class Service {\n  start() {}\n  // remaining methods\n}\n' },
  { name: '// Rest of the implementation remains the same', content: 'function f() {\n  // Rest of the implementation remains the same\n}\n' },
  { name: '# keep existing code', content: 'x = 1\n# keep existing code\n', path: 'x.py' },
  { name: '// other methods unchanged', content: 'class A {\n  // other methods unchanged\n}\n' },
  { name: 'trailing comment after code', content: 'const a = 1; // ... rest of the file\n' },
  { name: 'unicode ellipsis', content: 'fn main() {\n    // … existing code …\n}\n', path: 'main.rs' },
  { name: 'markdown html comment', content: '# Title\n\n<!-- rest of the document unchanged -->\n', path: 'README.md' },
];

const allowed: Array<{ name: string; content: string; path?: string; existing?: string }> = [
  { name: 'spread arguments', content: 'function f(...args) {\n  return g(...args);\n}\n' },
  { name: 'array spread', content: 'const all = [...items, ...more];\n' },
  { name: 'ellipsis in a string', content: 'console.log("Loading...");\n' },
  { name: 'placeholder words inside a string', content: 'const note = "The rest of the code lives in another module";\n' },
  { name: 'markdown heading', content: '# Guide\n\n## Rest of the code\n\nExplained below.\n', path: 'docs/guide.md' },
  { name: 'python stub ellipsis', content: 'class P(Protocol):\n    def run(self) -> None: ...\n    ...\n', path: 'proto.pyi' },
  { name: 'descriptive comment mentioning the rest', content: '// the rest of the code handles retries\nretry();\n' },
  { name: 'section comment "Other methods"', content: 'class A {\n  // Other methods\n  b() {}\n}\n' },
  { name: 'comment about keeping behaviour', content: '// keep existing behaviour for old clients\nlegacy();\n' },
  { name: 'bare ellipsis comment in a new file', content: 'function f() {\n  // ...\n}\n' },
  { name: 'bare ellipsis without a big shrink', content: `${LONG_EXISTING.split('\n').slice(0, 30).join('\n')}\n// ...\n`, existing: LONG_EXISTING },
  { name: 'tuple rest type', content: 'type Joined = [...A, ...B];\n' },
  { name: 'range in a comment', content: '// accepts values 1...10\ncheck(v);\n' },
  { name: 'go variadic parameter', content: 'func f(args ...string) {}\n', path: 'main.go' },
  { name: 'rust struct update syntax', content: 'let c = Config { debug: true, ..Default::default() };\n', path: 'lib.rs' },
  { name: 'jsx props spread', content: '<Button {...props} />\n', path: 'b.tsx' },
  { name: 'a complete rewrite that is shorter but honest', content: 'export const value = 1;\n', existing: LONG_EXISTING },
];

describe('checkFullFileWrite refuses placeholders', () => {
  for (const { name, content, path } of refused) {
    test(name, () => {
      const result = checkFullFileWrite(content, { path });
      assert.equal(result.ok, false, `not refused: ${name}`);
      if (!result.ok) {
        assert.equal(result.reason, 'placeholder');
        assert.ok(result.markers.length > 0);
        assert.match(result.message, /Refused to write/);
      }
    });
  }

  test('a bare elision in a drastically shorter rewrite is refused as truncation', () => {
    const result = checkFullFileWrite('export const value0 = 0;\n// ...\nexport const value39 = 39;\n', { existingContent: LONG_EXISTING, path: 'values.ts' });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.reason, 'truncated');
      assert.deepEqual(result.markers.map((marker) => marker.line), [2]);
      assert.match(result.message, /from 40 to 3 non-blank lines/);
    }
  });

  test('the message quotes the offending line with its number', () => {
    const result = checkFullFileWrite('a();\nb();\n// ... rest of the code\n', { path: 'src/a.ts' });
    assert.ok(!result.ok);
    assert.match(result.message, /src\/a\.ts/);
    assert.match(result.message, /line 3: "\/\/ \.\.\. rest of the code"/);
    assert.match(result.message, /edit_file/);
  });
});

describe('checkFullFileWrite allows ordinary code', () => {
  for (const { name, content, path, existing } of allowed) {
    test(name, () => {
      assert.deepEqual(checkFullFileWrite(content, { path, existingContent: existing }), { ok: true });
    });
  }
});
