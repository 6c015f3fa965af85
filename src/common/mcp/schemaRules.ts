// The rules Kimi's API holds tool schemas to, as a check: Moonshot validates `parameters` against its own subset
// ("not a valid moonshot flavored json schema"). Every schema needs an explicit `type`; `$ref` is refused; a
// `type` beside `anyOf` is refused (it belongs on the branches) and so are null branches inside `anyOf`; scalar
// enums must not hold null or ""; every object needs a `required` list naming only its own properties. The
// first two are in our API notes; the others come from other clients' fixes (hermes-agent, the AI SDK's
// Moonshot provider), not from Moonshot's docs, so conversions stay well inside all of them.

export type JsonSchema = Record<string, unknown>;

export const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean']);
export const KNOWN_TYPES: ReadonlySet<string> = new Set([...SCALAR_TYPES, 'object', 'array', 'null']);

/** The only keywords a converted schema uses. */
const ALLOWED_KEYWORDS = new Set([
  'type', 'description', 'enum', 'properties', 'required', 'items', 'anyOf',
  'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minItems', 'maxItems', 'uniqueItems',
]);

/**
 * What Kimi would refuse in a converted schema (empty when none): the rules above, checked without recursion so
 * a hostile input cannot overflow the stack. Tests hold every conversion to it; the host may log it.
 */
export function kimiSchemaProblems(schema: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(schema) || schema.type !== 'object') problems.push('the root is not an object schema');
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: schema, path: '$', depth: 0 }];
  while (stack.length > 0 && problems.length < 50) {
    const { node, path, depth } = stack.pop()!;
    if (depth > 64) {
      problems.push(`${path}: nested deeper than 64 levels`);
      continue;
    }
    if (!isObject(node)) {
      problems.push(`${path}: not a schema object`);
      continue;
    }
    for (const key of Object.keys(node)) if (!ALLOWED_KEYWORDS.has(key)) problems.push(`${path}: keyword "${key}"`);
    if (Array.isArray(node.anyOf)) {
      if ('type' in node) problems.push(`${path}: "type" beside "anyOf"`);
      if (node.anyOf.length < 2) problems.push(`${path}: anyOf with fewer than two branches`);
      node.anyOf.forEach((branch, index) => {
        if (!isObject(branch) || typeof branch.type !== 'string') problems.push(`${path}.anyOf[${index}]: branch without a type`);
        else if (branch.type === 'null') problems.push(`${path}.anyOf[${index}]: null branch`);
        stack.push({ node: branch, path: `${path}.anyOf[${index}]`, depth: depth + 1 });
      });
      continue;
    }
    if (typeof node.type !== 'string' || !KNOWN_TYPES.has(node.type)) {
      problems.push(`${path}: no explicit type`);
      continue;
    }
    if (Array.isArray(node.enum)) {
      if (!SCALAR_TYPES.has(node.type)) problems.push(`${path}: enum on a ${node.type}`);
      for (const value of node.enum) {
        if (value === null || value === '' || !matchesType(value, node.type)) problems.push(`${path}: enum value ${JSON.stringify(value)} does not fit type ${node.type}`);
      }
    }
    if (node.type === 'object') {
      if (!isObject(node.properties)) problems.push(`${path}: object without "properties"`);
      if (!Array.isArray(node.required)) problems.push(`${path}: object without a "required" list`);
      const properties = isObject(node.properties) ? node.properties : {};
      for (const name of asArray(node.required)) if (typeof name !== 'string' || !Object.hasOwn(properties, name)) problems.push(`${path}: required ${JSON.stringify(name)} is not a property`);
      for (const [name, child] of Object.entries(properties)) stack.push({ node: child, path: `${path}.${name}`, depth: depth + 1 });
    } else if ('properties' in node || 'required' in node) problems.push(`${path}: properties on a ${node.type}`);
    if (node.type === 'array' && node.items !== undefined) stack.push({ node: node.items, path: `${path}[]`, depth: depth + 1 });
  }
  return problems;
}

export function typeOfValue(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return undefined;
}

export function matchesType(value: unknown, type: string): boolean {
  const actual = typeOfValue(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
