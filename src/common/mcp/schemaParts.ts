// The small pieces the schema conversion is built from: following a local JSON pointer, inferring a type,
// merging schemas (allOf, unions of objects), typed placeholders, and a fixed key order for byte-stable output.
import { asArray, isObject, KNOWN_TYPES, SCALAR_TYPES, typeOfValue, type JsonSchema } from './schemaRules';

/** Follows a local JSON pointer (`#`, `#/$defs/A`, `#/definitions/A~1B`); anything else is unresolvable. */
export function resolvePointer(root: Record<string, unknown>, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined;
    }
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isObject(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

export function inferType(node: Record<string, unknown>): string | undefined {
  if ('properties' in node || 'required' in node || 'additionalProperties' in node || 'patternProperties' in node) return 'object';
  if ('items' in node || 'prefixItems' in node) return 'array';
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    const types = node.enum.map(typeOfValue).filter((type): type is string => type !== undefined && type !== 'null');
    if (types.length === 0) return undefined;
    if (types.every((type) => type === 'integer')) return 'integer';
    if (types.every((type) => type === 'integer' || type === 'number')) return 'number';
    return types[0];
  }
  if ('minLength' in node || 'maxLength' in node || 'pattern' in node || 'format' in node) return 'string';
  if ('minimum' in node || 'maximum' in node || 'multipleOf' in node || 'exclusiveMinimum' in node || 'exclusiveMaximum' in node) return 'number';
  return undefined;
}

export function guessType(node: Record<string, unknown>): string {
  const declared = typeof node.type === 'string' && KNOWN_TYPES.has(node.type) && node.type !== 'null' ? node.type : undefined;
  return declared ?? inferType(node) ?? 'object';
}

/** Joins descriptions as sentences: "Name of the file" + "Default: 1." is "Name of the file. Default: 1." */
export function joinSentences(...parts: unknown[]): string {
  return parts
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part, index, all) => (index < all.length - 1 && !/[.!?:;…)]$/.test(part.trim()) ? `${part.trim()}.` : part.trim()))
    .join(' ');
}

const KEY_ORDER = ['type', 'description', 'enum', 'properties', 'required', 'items', 'anyOf'];

/** Keywords in one fixed order, whichever step added them: same input, same bytes, and easier to read. */
export function ordered(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const key of KEY_ORDER) if (key in schema) out[key] = schema[key];
  for (const key of Object.keys(schema)) if (!(key in out)) out[key] = schema[key];
  return out;
}

export function placeholder(type: string, description: string): JsonSchema {
  return type === 'object' ? emptyObject(description) : { type, description };
}

export function emptyObject(description?: string): JsonSchema {
  return description ? { type: 'object', description, properties: {}, required: [] } : { type: 'object', properties: {}, required: [] };
}

/** Any JSON value except null, in the only form that has a type everywhere. */
export function anyValue(): JsonSchema {
  return { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object', properties: {}, required: [] }, { type: 'array' }] };
}

export function withDescription(schema: JsonSchema, description: string | undefined, preferOwn = false): JsonSchema {
  if (!description) return schema;
  if (preferOwn && typeof schema.description === 'string' && schema.description) {
    const { type, anyOf, description: own, ...rest } = schema;
    return { ...(type !== undefined ? { type } : {}), description: joinSentences(description, own as string), ...(anyOf !== undefined ? { anyOf } : {}), ...rest };
  }
  const { type, anyOf, description: _own, ...rest } = schema;
  return { ...(type !== undefined ? { type } : {}), description, ...(anyOf !== undefined ? { anyOf } : {}), ...rest };
}

/** Merges two raw schemas for allOf: properties and required united, the first word wins for everything else. */
export function mergeRaw(left: Record<string, unknown>, right: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...right, ...left };
  if (isObject(left.properties) || isObject(right.properties)) {
    // The left schema's properties first and winning, then the right's new ones; defined, never assigned, so a
    // property named "__proto__" stays a property.
    const properties: Record<string, unknown> = {};
    for (const source of [left.properties, right.properties]) {
      for (const [name, schema] of Object.entries(isObject(source) ? source : {})) {
        if (!Object.hasOwn(properties, name)) Object.defineProperty(properties, name, { value: schema, enumerable: true, writable: true, configurable: true });
      }
    }
    merged.properties = properties;
  }
  const required = [...asArray(left.required), ...asArray(right.required)];
  if (required.length > 0) merged.required = [...new Set(required)];
  if (typeof left.description === 'string' && typeof right.description === 'string' && left.description !== right.description) {
    merged.description = joinSentences(left.description, right.description);
  }
  if (merged.type === undefined && (isObject(merged.properties) || merged.required)) merged.type = 'object';
  return merged;
}

/** One object from several object variants: every property, required only when every variant requires it. */
export function mergeObjects(variants: JsonSchema[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const variant of variants) {
    for (const [name, schema] of Object.entries(variant.properties as Record<string, JsonSchema>)) {
      const existing = properties[name];
      if (!existing) Object.defineProperty(properties, name, { value: schema, enumerable: true, writable: true, configurable: true });
      else properties[name] = mergeProperty(existing, schema);
    }
  }
  const requiredSets = variants.map((variant) => new Set(variant.required as string[]));
  const required = Object.keys(properties).filter((name) => requiredSets.every((set) => set.has(name)));
  const shapes = variants.map((variant) => `{${(variant.required as string[]).join(', ') || Object.keys(variant.properties as object).join(', ')}}`);
  const description = `Accepts one of ${variants.length} shapes: ${shapes.join(' | ')}.`;
  return { type: 'object', description, properties, required };
}

export function mergeProperty(left: JsonSchema, right: JsonSchema): JsonSchema {
  if (JSON.stringify(left) === JSON.stringify(right)) return left;
  if (left.type === right.type && SCALAR_TYPES.has(left.type as string)) {
    const merged: JsonSchema = { ...left };
    if (Array.isArray(left.enum) && Array.isArray(right.enum)) merged.enum = dedupe([...left.enum, ...right.enum]);
    else delete merged.enum;
    return merged;
  }
  return left;
}

/** The values without repeats, two values being the same when their JSON is (schemas, enum members). */
export function dedupe<T>(values: T[]): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function pick(node: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => node[key] !== undefined).map((key) => [key, node[key]]));
}
