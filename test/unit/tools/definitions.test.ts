// The tool contract the model sees: plain JSON Schemas Moonshot accepts, argument checks that explain
// themselves, and a tool list that stays byte-identical between requests (prefix caching).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { allToolNames, isToolName, parseToolCall, readOnlyTools, toolDefinitions, toolSchemas, type ToolName } from '../../../src/common/tools/definitions';

const contract: Record<ToolName, { required: string[]; optional: string[] }> = {
  read_file: { required: ['path'], optional: ['offset', 'limit'] },
  list_files: { required: [], optional: ['path', 'recursive', 'glob'] },
  search: { required: ['pattern'], optional: ['path', 'glob', 'case_sensitive'] },
  get_diagnostics: { required: [], optional: ['path'] },
  edit_file: { required: ['path', 'old_string', 'new_string'], optional: ['replace_all'] },
  write_file: { required: ['path', 'content'], optional: [] },
  run_command: { required: ['command'], optional: ['cwd', 'background', 'ready_pattern'] },
  read_process_output: { required: ['id'], optional: [] },
  stop_process: { required: ['id'], optional: [] },
};

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every schema node below `properties` / `items`, with its JSON path. */
function propertySchemas(schema: JsonObject, path = '$'): { path: string; schema: JsonObject }[] {
  const found: { path: string; schema: JsonObject }[] = [];
  if (isObject(schema.properties)) {
    for (const [name, child] of Object.entries(schema.properties)) {
      assert.ok(isObject(child), `${path}.${name} is a schema object`);
      found.push({ path: `${path}.${name}`, schema: child }, ...propertySchemas(child, `${path}.${name}`));
    }
  }
  if (isObject(schema.items)) found.push({ path: `${path}[]`, schema: schema.items }, ...propertySchemas(schema.items, `${path}[]`));
  return found;
}

const definitions = toolDefinitions(allToolNames);

describe('tool definitions sent to the model', () => {
  test('every tool of the contract is defined, in a fixed order, with a description', () => {
    assert.deepEqual(
      definitions.map((definition) => definition.name),
      ['read_file', 'list_files', 'search', 'get_diagnostics', 'edit_file', 'write_file', 'run_command', 'read_process_output', 'stop_process'],
    );
    for (const definition of definitions) assert.ok(definition.description.length > 20, definition.name);
  });

  test('no $ref, $defs or $schema anywhere', () => {
    const text = JSON.stringify(definitions);
    assert.doesNotMatch(text, /"\$ref"|"\$defs"|"definitions"|"\$schema"/);
  });

  test('the top level is an object schema; every property has an explicit type', () => {
    for (const definition of definitions) {
      assert.equal(definition.parameters.type, 'object', definition.name);
      const properties = propertySchemas(definition.parameters, definition.name);
      assert.ok(properties.length > 0 || definition.name === 'get_diagnostics', definition.name);
      for (const { path, schema } of properties) {
        assert.ok(typeof schema.type === 'string' || Array.isArray(schema.type), `${path} has no type: ${JSON.stringify(schema)}`);
        assert.equal('anyOf' in schema || 'oneOf' in schema || 'allOf' in schema, false, `${path} uses a combinator`);
        if ('enum' in schema) assert.ok(schema.type, `${path} is enum-only`);
        assert.equal(typeof schema.description, 'string', `${path} has a description`);
      }
    }
  });

  test('required lists exactly the required arguments; optional ones are properties too', () => {
    for (const definition of definitions) {
      const expected = contract[definition.name as ToolName];
      const required = (definition.parameters.required as string[] | undefined) ?? [];
      assert.deepEqual([...required].sort(), [...expected.required].sort(), definition.name);
      const properties = Object.keys(definition.parameters.properties as JsonObject);
      assert.deepEqual(properties.sort(), [...expected.required, ...expected.optional].sort(), definition.name);
    }
  });

  test('the JSON Schema agrees with the runtime check: required arguments are not optional in zod', () => {
    for (const name of allToolNames) {
      const shape = (toolSchemas[name] as z.ZodObject).shape as Record<string, z.ZodType>;
      for (const [key, schema] of Object.entries(shape)) {
        assert.equal(schema.safeParse(undefined).success, contract[name].optional.includes(key), `${name}.${key}`);
      }
    }
  });

  test('no unbounded placeholders leak into the schema (e.g. MAX_SAFE_INTEGER)', () => {
    assert.doesNotMatch(JSON.stringify(definitions), new RegExp(String(Number.MAX_SAFE_INTEGER)));
  });

  test('the output is byte-identical across calls', () => {
    const first = JSON.stringify(toolDefinitions(allToolNames));
    for (let round = 0; round < 3; round++) assert.equal(JSON.stringify(toolDefinitions(allToolNames)), first);
  });

  test('a subset keeps the order it is asked in and the same bytes per tool', () => {
    const subset = toolDefinitions(['search', 'read_file']);
    assert.deepEqual(subset.map((definition) => definition.name), ['search', 'read_file']);
    assert.equal(JSON.stringify(subset[1]), JSON.stringify(definitions[0]));
  });

  test('read-only tools are exactly the ones that change nothing', () => {
    assert.deepEqual([...readOnlyTools].sort(), ['get_diagnostics', 'list_files', 'read_file', 'search']);
  });
});

describe('parseToolCall', () => {
  test('valid arguments parse into typed values', () => {
    assert.deepEqual(parseToolCall('read_file', { path: 'src/a.ts', offset: 10, limit: 20 }), {
      ok: true,
      call: { name: 'read_file', args: { path: 'src/a.ts', offset: 10, limit: 20 } },
    });
    assert.deepEqual(parseToolCall('list_files', undefined), { ok: true, call: { name: 'list_files', args: {} } });
    assert.deepEqual(parseToolCall('edit_file', { path: 'a', old_string: '', new_string: 'x' }), {
      ok: true,
      call: { name: 'edit_file', args: { path: 'a', old_string: '', new_string: 'x' } },
    });
  });

  test('an unknown tool is refused with the list of tools', () => {
    const result = parseToolCall('delete_file', { path: 'a' });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /Unknown tool "delete_file"\. Available tools: read_file, list_files, search/);
  });

  test('inherited object keys are not tools', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      assert.equal(isToolName(name), false, name);
      assert.equal(parseToolCall(name, {}).ok, false, name);
    }
  });

  const badArguments: [ToolName, unknown, RegExp][] = [
    ['read_file', {}, /Invalid arguments for read_file: path: /],
    ['read_file', { path: '' }, /path: .*(>=|at least|too small)/i],
    ['read_file', { path: 'a', offset: 0 }, /offset: /],
    ['read_file', { path: 'a', offset: 1.5 }, /offset: .*int/i],
    ['read_file', { path: 'a', limit: '20' }, /limit: .*number/i],
    ['search', { pattern: 'x', case_sensitive: 'yes' }, /case_sensitive: .*boolean/i],
    ['edit_file', { path: 'a', old_string: 'x' }, /new_string: /],
    ['run_command', { command: '' }, /command: /],
    ['write_file', ['a', 'b'], /arguments: .*object/i],
    ['write_file', 'a', /arguments: .*object/i],
  ];
  for (const [name, args, problem] of badArguments) {
    test(`${name} ${JSON.stringify(args)} is refused, naming the problem`, () => {
      const result = parseToolCall(name, args);
      assert.equal(result.ok, false);
      const error = result.ok ? '' : result.error;
      assert.match(error, problem);
      assert.match(error, /Call it again with valid arguments\.$/);
    });
  }
});
