// Tool schemas made Kimi-safe: the real everything server's schemas (captured in test/fixtures/mcp), each
// transformation on its own, and hostile inputs (recursive and fanned-out $ref, 10k-deep nesting of every kind,
// huge enums, __proto__), all held to kimiSchemaProblems, bounded in time, and byte-stable.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kimiSchemaProblems, toKimiSchema, type JsonSchema } from '../../../src/common/mcp/toolSchema';

const everything = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'mcp', 'everything-tools.json'), 'utf8')) as { tools: { name: string; inputSchema: unknown }[] };

/** Converts and checks the result is Kimi-safe and the input untouched; returns the schema. */
function convert(input: unknown, checkUnchanged = true): JsonSchema {
  // JSON.stringify itself overflows on the 10k-deep inputs, so those skip the check that the input is unchanged.
  const before = checkUnchanged ? JSON.stringify(input) : '';
  const { schema } = toKimiSchema(input);
  assert.deepEqual(kimiSchemaProblems(schema), [], JSON.stringify(schema).slice(0, 500));
  if (checkUnchanged) assert.equal(JSON.stringify(input), before, 'the input is not changed');
  return schema;
}

const property = (input: JsonSchema, name = 'p'): JsonSchema => (convert({ type: 'object', properties: { [name]: input } }).properties as Record<string, JsonSchema>)[name]!;

describe('the everything server\'s real schemas', () => {
  for (const tool of everything.tools) {
    test(`${tool.name} converts to a Kimi-safe schema`, () => {
      const schema = convert(tool.inputSchema);
      assert.equal(schema.$schema, undefined);
      assert.ok(Array.isArray(schema.required));
    });
  }

  test('get-annotated-message, exactly', () => {
    const tool = everything.tools.find((candidate) => candidate.name === 'get-annotated-message')!;
    assert.deepEqual(convert(tool.inputSchema), {
      type: 'object',
      properties: {
        messageType: { type: 'string', description: 'Type of message to demonstrate different annotation patterns', enum: ['error', 'success', 'debug'] },
        includeImage: { type: 'boolean', description: 'Whether to include an example image. Default: false.' },
      },
      required: ['messageType'],
    });
  });

  test('the raw schemas break Kimi\'s rules the conversion fixes', () => {
    const raw = everything.tools.flatMap((tool) => kimiSchemaProblems(tool.inputSchema));
    assert.ok(raw.some((problem) => problem.includes('keyword "$schema"')));
    assert.ok(raw.some((problem) => problem.includes('without a "required" list')));
  });
});

describe('each transformation', () => {
  test('a missing type is inferred: enum values, properties, items, string and number keywords', () => {
    assert.deepEqual(property({ enum: ['a', 'b'] }), { type: 'string', enum: ['a', 'b'] });
    assert.deepEqual(property({ enum: [1, 2] }), { type: 'integer', enum: [1, 2] });
    assert.deepEqual(property({ enum: [1, 2.5] }), { type: 'number', enum: [1, 2.5] });
    assert.deepEqual(property({ properties: { a: { type: 'string' } } }), { type: 'object', properties: { a: { type: 'string' } }, required: [] });
    assert.deepEqual(property({ items: { type: 'string' } }), { type: 'array', items: { type: 'string' } });
    assert.deepEqual(property({ maxLength: 3 }), { type: 'string', maxLength: 3 });
    assert.deepEqual(property({ minimum: 0 }), { type: 'number', minimum: 0 });
  });

  test('a schema that says nothing is "any value": a union of every type', () => {
    for (const input of [{}, true, { description: 'whatever' }, { type: 'any' }]) {
      const schema = property(input as JsonSchema);
      assert.deepEqual((schema.anyOf as JsonSchema[]).map((branch) => branch.type), ['string', 'number', 'boolean', 'object', 'array']);
      assert.equal(schema.type, undefined);
    }
  });

  test('enum values: null, "" and other types are dropped; mixed types become typed enums', () => {
    assert.deepEqual(property({ type: 'string', enum: ['a', '', null, 3] }), { type: 'string', enum: ['a'] });
    assert.deepEqual(property({ type: 'string', enum: [null] }), { type: 'string' });
    assert.deepEqual(property({ enum: ['a', 1] }), { anyOf: [{ type: 'string', enum: ['a'] }, { type: 'integer', enum: [1] }] });
    assert.deepEqual(property({ const: 'fixed' }), { type: 'string', enum: ['fixed'] });
  });

  test('a huge enum is described instead of listed', () => {
    const values = Array.from({ length: 10_000 }, (_, index) => `value-${index}`);
    const schema = property({ type: 'string', enum: values, description: 'Pick one.' });
    assert.equal(schema.enum, undefined);
    assert.match(schema.description as string, /^Pick one\. One of 10000 values, e\.g\. "value-0", "value-1",/);
    assert.ok(JSON.stringify(schema).length < 600);
    const long = Array.from({ length: 50 }, (_, index) => `${'x'.repeat(200)}${index}`);
    assert.equal(property({ type: 'string', enum: long }).enum, undefined, 'too many characters in all');
  });

  test('$ref is inlined from $defs and definitions, with JSON-pointer escapes; siblings override', () => {
    const schema = convert({
      type: 'object',
      $defs: { Point: { type: 'object', description: 'A point.', properties: { x: { type: 'number' } }, required: ['x'] } },
      definitions: { 'a/b': { type: 'string' } },
      properties: { at: { $ref: '#/$defs/Point', description: 'Where.' }, slashed: { $ref: '#/definitions/a~1b' } },
    });
    assert.deepEqual(schema.properties, {
      at: { type: 'object', description: 'Where.', properties: { x: { type: 'number' } }, required: ['x'] },
      slashed: { type: 'string' },
    });
    assert.equal(JSON.stringify(schema).includes('$ref'), false);
    assert.equal(JSON.stringify(schema).includes('$defs'), false);
  });

  test('a recursive $ref is cut at its first repetition; a remote one is "any value"', () => {
    const tree = convert({
      type: 'object',
      $defs: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } },
      properties: { root: { $ref: '#/$defs/Node' } },
    });
    const children = ((tree.properties as Record<string, JsonSchema>).root!.properties as Record<string, JsonSchema>).children!;
    assert.deepEqual(children.items, { type: 'object', description: 'Recursive: the same structure as Node.', properties: {}, required: [] });
    const mutual = convert({ type: 'object', $defs: { A: { properties: { b: { $ref: '#/$defs/B' } } }, B: { properties: { a: { $ref: '#/$defs/A' } } } }, properties: { a: { $ref: '#/$defs/A' } } });
    assert.ok(JSON.stringify(mutual).includes('Recursive'));
    const self = convert({ type: 'object', properties: { again: { $ref: '#' } } });
    assert.ok(JSON.stringify(self).includes('Recursive'));
    const remote = property({ $ref: 'https://example.com/schema.json' });
    assert.ok(Array.isArray(remote.anyOf));
    assert.ok(Array.isArray(property({ $ref: '#/$defs/constructor' }).anyOf), 'a pointer never reads the prototype');
  });

  test('nullable forms become the non-null type', () => {
    assert.deepEqual(property({ anyOf: [{ type: 'string' }, { type: 'null' }] }), { type: 'string' });
    assert.deepEqual(property({ type: ['integer', 'null'], minimum: 1 }), { type: 'integer', minimum: 1 });
    assert.deepEqual(property({ oneOf: [{ type: 'null' }, { type: 'string', description: 'A name.' }], description: 'Optional name.' }), { type: 'string', description: 'Optional name. A name.' });
  });

  test('unions that agree are flattened; different types stay anyOf with a type on every branch only', () => {
    assert.deepEqual(property({ anyOf: [{ const: 'a' }, { const: 'b' }, { enum: ['c'] }] }), { type: 'string', enum: ['a', 'b', 'c'] });
    assert.deepEqual(property({ anyOf: [{ type: 'integer' }, { type: 'number' }] }), { type: 'number' });
    assert.deepEqual(property({ type: ['string', 'array'], items: { type: 'string' } }), { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] });
    assert.deepEqual(property({ type: 'string', anyOf: [{ minLength: 1 }, { format: 'uri' }] }), { type: 'string' }, 'the parent type goes into the branches');
    const objects = property({
      oneOf: [
        { type: 'object', properties: { kind: { const: 'file' }, path: { type: 'string' } }, required: ['kind', 'path'] },
        { type: 'object', properties: { kind: { const: 'url' }, url: { type: 'string' } }, required: ['kind', 'url'] },
      ],
    });
    assert.deepEqual(objects, {
      type: 'object',
      description: 'Accepts one of 2 shapes: {kind, path} | {kind, url}.',
      properties: { kind: { type: 'string', enum: ['file', 'url'] }, path: { type: 'string' }, url: { type: 'string' } },
      required: ['kind'],
    });
  });

  test('constraint-only branches become a sentence', () => {
    const schema = convert({ type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, anyOf: [{ required: ['id'] }, { required: ['name'] }] });
    assert.equal(schema.description, 'Give id, or name.');
    assert.deepEqual(schema.required, []);
  });

  test('allOf is merged: properties and required united', () => {
    assert.deepEqual(property({ allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'number' } }, required: ['b'] }] }), {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number' } },
      required: ['a', 'b'],
    });
  });

  test('additionalProperties is dropped; a map of values is described', () => {
    assert.deepEqual(convert({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }), { type: 'object', properties: { a: { type: 'string' } }, required: [] });
    assert.deepEqual(property({ type: 'object', additionalProperties: { type: 'number' } }), { type: 'object', description: 'Other keys are allowed; each value is of type number.', properties: {}, required: [] });
  });

  test('tuples become items of their element types, with the positions described', () => {
    assert.deepEqual(property({ type: 'array', items: [{ type: 'string' }, { type: 'number' }] }), {
      type: 'array',
      description: 'Positions: 1: string, 2: number.',
      items: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    });
    assert.deepEqual(property({ type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], minItems: 2 }), { type: 'array', description: 'Positions: 1: number, 2: number.', items: { type: 'number' }, minItems: 2 });
  });

  test('defaults are folded into the description; draft-4 exclusive bounds become numbers; noise keywords go', () => {
    assert.deepEqual(property({ type: 'integer', default: 3, description: 'How many' }), { type: 'integer', description: 'How many. Default: 3.' });
    assert.deepEqual(property({ type: 'number', minimum: 0, exclusiveMinimum: true }), { type: 'number', exclusiveMinimum: 0 });
    assert.deepEqual(property({ type: 'string', title: 'Name', examples: ['x'], $comment: 'c', readOnly: true, nullable: true }), { type: 'string', description: 'Name' });
  });

  test('required names without a property are dropped; the root is always an object', () => {
    assert.deepEqual(convert({ type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'ghost', 7] }).required, ['a']);
    for (const root of [null, 'text', [1], { type: 'string' }, { anyOf: [{ type: 'string' }, { type: 'number' }] }]) {
      assert.deepEqual(convert(root), { type: 'object', properties: {}, required: [] }, JSON.stringify(root));
    }
  });

  test('a property named __proto__ stays a property and pollutes nothing', () => {
    const input = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"number"}},"required":["__proto__"]}') as unknown;
    const schema = convert(input);
    assert.deepEqual(Object.keys(schema.properties as object), ['__proto__', 'constructor']);
    assert.deepEqual(schema.required, ['__proto__']);
    assert.equal(({} as Record<string, unknown>).type, undefined);
    assert.match(JSON.stringify(schema), /"__proto__":\{"type":"string"\}/);
  });
});

describe('hostile schemas', () => {
  const deep = (levels: number, wrap: (inner: unknown) => unknown): unknown => {
    let schema: unknown = { type: 'string' };
    for (let level = 0; level < levels; level++) schema = wrap(schema);
    return schema;
  };
  const bounded = (input: unknown, checkUnchanged = false) => {
    const started = performance.now();
    const schema = convert(input, checkUnchanged);
    const ms = performance.now() - started;
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    assert.ok(JSON.stringify(schema).length < 200_000, `${JSON.stringify(schema).length} bytes`);
    return schema;
  };

  for (const [kind, wrap] of [
    ['properties', (inner: unknown) => ({ type: 'object', properties: { next: inner } })],
    ['items', (inner: unknown) => ({ type: 'array', items: inner })],
    ['anyOf', (inner: unknown) => ({ anyOf: [inner, { type: 'null' }] })],
    ['allOf', (inner: unknown) => ({ allOf: [inner] })],
    ['oneOf of objects', (inner: unknown) => ({ oneOf: [{ type: 'object', properties: { a: inner } }, { type: 'object', properties: { b: { type: 'string' } } }] })],
  ] as const) {
    test(`10,000 levels of ${kind} end in a placeholder, without overflowing the stack`, () => {
      bounded({ type: 'object', properties: { root: deep(10_000, wrap) } });
    });
  }

  test('a $ref chain 10,000 long', () => {
    const $defs = Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`d${index}`, index === 9_999 ? { type: 'string' } : { $ref: `#/$defs/d${index + 1}` }]));
    bounded({ type: 'object', $defs, properties: { start: { $ref: '#/$defs/d0' } } });
  });

  test('$ref fan-out that would inline 2^40 nodes stops at the node budget', () => {
    const $defs = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`L${index}`, index === 39 ? { type: 'string' } : { type: 'object', properties: { left: { $ref: `#/$defs/L${index + 1}` }, right: { $ref: `#/$defs/L${index + 1}` } } }]));
    const schema = bounded({ type: 'object', $defs, properties: { top: { $ref: '#/$defs/L0' } } });
    assert.ok(JSON.stringify(schema).includes('Nested structure'));
  });

  test('thousands of properties are capped', () => {
    const properties = Object.fromEntries(Array.from({ length: 5000 }, (_, index) => [`p${index}`, { type: 'string' }]));
    const schema = bounded({ type: 'object', properties, required: Object.keys(properties) });
    assert.equal(Object.keys(schema.properties as object).length, 100);
    assert.equal((schema.required as string[]).length, 100);
  });

  test('a huge description is cut', () => {
    assert.ok((property({ type: 'string', description: 'x'.repeat(100_000) }).description as string).length <= 1000);
  });

  test('the same input gives the same bytes', () => {
    const input = { type: 'object', $defs: { A: { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] } }, properties: { a: { $ref: '#/$defs/A' }, b: { enum: [3, 1, 2] } } };
    assert.equal(JSON.stringify(toKimiSchema(structuredClone(input)).schema), JSON.stringify(toKimiSchema(structuredClone(input)).schema));
    for (const tool of everything.tools) assert.equal(JSON.stringify(toKimiSchema(tool.inputSchema)), JSON.stringify(toKimiSchema(structuredClone(tool.inputSchema))));
  });

  test('notes say what changed', () => {
    const { notes } = toKimiSchema({ type: 'object', $defs: { A: { type: 'string' } }, properties: { a: { $ref: '#/$defs/A' }, b: { enum: ['x'] } } });
    assert.deepEqual(notes, ['$ref definitions were inlined', 'a schema without "type" was given one (string)']);
  });
});
