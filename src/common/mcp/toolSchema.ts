// Makes an MCP tool's JSON Schema acceptable to Kimi (the rules are in schemaRules.ts): every node gets an explicit
// type, $ref is inlined (cycles cut), unions are flattened where their branches agree, and whatever Moonshot
// might refuse or that only adds weight is dropped or folded into a description. Each transformation is named
// where it happens. Output is deterministic: the same input gives the same bytes, so the request prefix stays
// cached. Depth, node and size budgets keep hostile schemas (10k-deep, exponential $ref fan-out) cheap.
import {
  anyValue,
  dedupe,
  emptyObject,
  guessType,
  inferType,
  joinSentences,
  mergeObjects,
  mergeRaw,
  ordered,
  pick,
  placeholder,
  resolvePointer,
  withDescription,
} from './schemaParts';
import { asArray, isObject, KNOWN_TYPES, matchesType, SCALAR_TYPES, typeOfValue, type JsonSchema } from './schemaRules';

export { kimiSchemaProblems, type JsonSchema } from './schemaRules';
export { resolvePointer } from './schemaParts';

export interface SchemaLimits {
  /** Levels of nested schemas kept; deeper ones become a typed placeholder (also bounds recursion). */
  maxDepth: number;
  /** Schema nodes produced per tool; beyond it, placeholders (bounds $ref fan-out). */
  maxNodes: number;
  maxProperties: number;
  maxEnumValues: number;
  /** Total characters of an enum's values kept. */
  maxEnumChars: number;
  maxDescription: number;
}

export const defaultSchemaLimits: SchemaLimits = {
  maxDepth: 10,
  maxNodes: 1000,
  maxProperties: 100,
  maxEnumValues: 100,
  maxEnumChars: 4000,
  maxDescription: 1000,
};

export interface KimiSchema {
  schema: JsonSchema;
  /** What was changed, in words, for the log (deduplicated, in the order first met). */
  notes: string[];
}

/** Keywords that mean "this schema has a shape", as opposed to a bare constraint like `{required: [...]}`. */
const SHAPE_KEYWORDS = ['type', 'properties', 'items', 'prefixItems', 'enum', 'const', '$ref', 'anyOf', 'oneOf', 'allOf', 'additionalProperties'];

/** Converts a tool's input schema; the root is always an object schema. */
export function toKimiSchema(input: unknown, limits: SchemaLimits = defaultSchemaLimits): KimiSchema {
  const converter = new Converter(isObject(input) ? input : {}, limits);
  let schema = converter.convert(input, 0);
  if (schema.type !== 'object') {
    // MCP requires an object root; a server that sends something else gets an empty object (no arguments).
    converter.note('the root schema was not an object; the tool takes no arguments');
    schema = emptyObject(typeof schema.description === 'string' ? schema.description : undefined);
  }
  return { schema, notes: [...converter.notes] };
}

class Converter {
  readonly notes = new Set<string>();
  private nodes = 0;
  private readonly refStack: string[] = [];

  constructor(
    private readonly root: Record<string, unknown>,
    private readonly limits: SchemaLimits,
  ) {}

  note(text: string): void {
    this.notes.add(text);
  }

  convert(node: unknown, depth: number): JsonSchema {
    // `true`, `{}` and anything that is not a schema object accept any value.
    if (!isObject(node)) {
      if (node === false) this.note('a schema that accepts nothing (false) became "any value"');
      return anyValue();
    }
    this.nodes++;
    if (depth > this.limits.maxDepth || this.nodes > this.limits.maxNodes) {
      // Depth and node budgets: 10k-deep or exponentially fanned-out schemas end in a typed placeholder.
      this.note(`nesting beyond ${this.limits.maxDepth} levels (or ${this.limits.maxNodes} schema nodes) is summarised`);
      return placeholder(guessType(node), 'Nested structure; its details are not shown.');
    }
    if (typeof node.$ref === 'string') return this.inlineRef(node, depth);
    if (Array.isArray(node.allOf)) return this.convert(this.mergeAllOf(node), depth);
    if (Array.isArray(node.anyOf) || Array.isArray(node.oneOf)) return this.convertUnion(node, depth);
    if (Array.isArray(node.type)) return this.convertTypeList(node, depth);
    return this.convertPlain(node, depth);
  }

  /** `$ref`: inlined from the same document; a reference back into itself is cut; siblings override the target. */
  private inlineRef(node: Record<string, unknown>, depth: number): JsonSchema {
    const ref = node.$ref as string;
    const { $ref: _ignored, ...siblings } = node;
    const target = resolvePointer(this.root, ref);
    if (target === undefined) {
      this.note(`an unresolvable $ref (${ref.slice(0, 80)}) became "any value"`);
      return withDescription(anyValue(), describe(siblings.description, this.limits));
    }
    if (this.refStack.includes(ref)) {
      // A recursive $ref (a tree, a linked list) cannot be inlined: the recursion stops at a typed placeholder.
      this.note('a recursive $ref was cut at its first repetition');
      const name = ref.split('/').pop() || 'the enclosing value';
      return placeholder(isObject(target) ? guessType(target) : 'object', `Recursive: the same structure as ${name}.`);
    }
    this.refStack.push(ref);
    this.note('$ref definitions were inlined');
    const merged = isObject(target) ? { ...target, ...siblings } : siblings;
    const result = this.convert(merged, depth);
    this.refStack.pop();
    return result;
  }

  /** `allOf`: branches merged into one schema (properties and required united), then converted as a whole. */
  private mergeAllOf(node: Record<string, unknown>): Record<string, unknown> {
    this.note('allOf was merged into one schema');
    const { allOf, ...rest } = node;
    let merged: Record<string, unknown> = rest;
    for (const branch of (allOf as unknown[]).slice(0, 20)) {
      let resolved = branch;
      for (let hops = 0; isObject(resolved) && typeof resolved.$ref === 'string' && hops < 10; hops++) {
        const { $ref, ...siblings } = resolved;
        const target = resolvePointer(this.root, $ref);
        resolved = isObject(target) ? { ...target, ...siblings } : siblings;
      }
      if (!isObject(resolved)) continue;
      // A nested allOf is merged on the next pass, through convert, which counts depth.
      merged = mergeRaw(merged, resolved);
    }
    return merged;
  }

  /** `type: ["string", "null"]` is the string type; several non-null types become a union of typed branches. */
  private convertTypeList(node: Record<string, unknown>, depth: number): JsonSchema {
    const types = [...new Set((node.type as unknown[]).filter((type): type is string => typeof type === 'string' && type !== 'null'))];
    if (types.length === 0) return this.convertPlain({ ...node, type: 'null' }, depth);
    if (types.length === 1) {
      this.note('a nullable type list became its non-null type');
      return this.convertPlain({ ...node, type: types[0] }, depth);
    }
    this.note('a list of types became a union of typed branches');
    const { type: _types, description, title, default: _default, ...shape } = node;
    return this.convertUnion({ description, title, anyOf: types.map((type) => ({ ...shape, type })) }, depth);
  }

  /**
   * `anyOf`/`oneOf` (oneOf is read as anyOf: the model only needs to produce one matching value). Null branches
   * are dropped (leaving a value out is how a model says "none"); constraint-only branches such as
   * `{required: ["a"]}` become a sentence; branches that agree are flattened into one schema: scalars of one type
   * with enums into one enum, objects into one object (properties united, required only where all agree),
   * integer with number into number. Only branches of truly different types stay a union, with the `type` on each
   * branch and none on the parent, the one form Moonshot takes.
   */
  private convertUnion(node: Record<string, unknown>, depth: number): JsonSchema {
    const rawBranches = [...asArray(node.anyOf), ...asArray(node.oneOf)].slice(0, 30);
    const { anyOf: _anyOf, oneOf: _oneOf, ...base } = node;
    const description = describe(base.description ?? base.title, this.limits);
    const shaped = rawBranches.filter((branch) => isObject(branch) && SHAPE_KEYWORDS.some((key) => key in branch));
    if (shaped.length === 0) {
      const alternatives = rawBranches.filter(isObject).map((branch) => asArray(branch.required).filter((name) => typeof name === 'string'));
      if (alternatives.some((names) => names.length > 0)) {
        this.note('constraint-only anyOf/oneOf branches became a description');
        const sentence = `Give ${alternatives.map((names) => names.join(' and ')).filter(Boolean).join(', or ')}.`;
        return this.convert({ ...base, description: joinSentences(description, sentence) }, depth);
      }
      return this.convert(base, depth);
    }
    // Parent keywords that describe the shape (type, properties) go down into each branch (rule: no type beside anyOf).
    const inherited = pick(base, ['type', 'properties', 'required', 'items']);
    const converted = shaped.map((branch) => this.convert(mergeRaw(branch as Record<string, unknown>, inherited), depth + 1));
    let branches = converted.flatMap((branch) => (Array.isArray(branch.anyOf) ? (branch.anyOf as JsonSchema[]) : [branch]));
    const withoutNull = branches.filter((branch) => branch.type !== 'null');
    if (withoutNull.length < branches.length) this.note('null branches of anyOf/oneOf were dropped (omit the value instead)');
    branches = dedupe(withoutNull.length > 0 ? withoutNull : branches);
    if (branches.length === 1) return withDescription(branches[0]!, description, true);
    const flattened = this.flatten(branches);
    if (flattened) return withDescription(flattened, description, true);
    this.note('anyOf/oneOf of different types kept as anyOf with a type on every branch');
    return description ? { description, anyOf: branches } : { anyOf: branches };
  }

  private flatten(branches: JsonSchema[]): JsonSchema | undefined {
    const types = new Set(branches.map((branch) => branch.type));
    if (types.size === 2 && types.has('integer') && types.has('number') && branches.every((branch) => !branch.enum)) {
      this.note('integer-or-number became number');
      return { type: 'number' };
    }
    if (types.size !== 1) return undefined;
    const [type] = types;
    if (SCALAR_TYPES.has(type as string) && branches.every((branch) => Array.isArray(branch.enum))) {
      this.note('a union of enums became one enum');
      const values = dedupe(branches.flatMap((branch) => branch.enum as unknown[]));
      return { type, enum: values };
    }
    if (type === 'object') {
      this.note('a union of objects became one object (required only where every variant agrees)');
      return mergeObjects(branches);
    }
    if (type === 'array') {
      const items = branches.map((branch) => branch.items).filter(isObject) as JsonSchema[];
      const uniqueItems = dedupe(items);
      const merged: JsonSchema = { type: 'array' };
      if (uniqueItems.length === 1) merged.items = uniqueItems[0];
      else if (uniqueItems.length > 1) merged.items = this.flatten(uniqueItems) ?? { anyOf: uniqueItems };
      return merged;
    }
    // Scalars of one type where not every branch is an enum: any value of that type.
    if (SCALAR_TYPES.has(type as string)) return { type };
    return undefined;
  }

  private convertPlain(node: Record<string, unknown>, depth: number): JsonSchema {
    // `const` is a one-value enum.
    const source = 'const' in node && !('enum' in node) ? { ...node, enum: [node.const] } : node;
    const declared = typeof source.type === 'string' ? source.type : undefined;
    if (declared !== undefined && !KNOWN_TYPES.has(declared)) this.note(`an unknown type "${declared.slice(0, 40)}" became "any value"`);
    const type = declared !== undefined && KNOWN_TYPES.has(declared) ? declared : inferType(source);
    if (type === undefined) {
      // No type and nothing to infer it from: "any value" is a union of every type (Moonshot needs a type).
      return withDescription(anyValue(), this.description(source));
    }
    if (declared === undefined) this.note(`a schema without "type" was given one (${type})`);
    if (Array.isArray(source.enum) && SCALAR_TYPES.has(type)) {
      const split = this.splitMixedEnum(source, type);
      if (split) return split;
    }
    const out: JsonSchema = { type };
    const description = this.description(source, type);
    if (description) out.description = description;
    if (SCALAR_TYPES.has(type)) this.scalar(source, type, out);
    else if (type === 'object') this.object(source, depth, out);
    else if (type === 'array') this.array(source, depth, out);
    return ordered(out);
  }

  /** An enum without a type whose values have several types becomes a union of one enum per type. */
  private splitMixedEnum(node: Record<string, unknown>, type: string): JsonSchema | undefined {
    if (typeof node.type === 'string') return undefined;
    const byType = new Map<string, unknown[]>();
    const hasFraction = (node.enum as unknown[]).some((value) => typeOfValue(value) === 'number');
    for (const value of node.enum as unknown[]) {
      // Integers among fractions are numbers: [1, 2.5] is one number enum.
      const valueType = typeOfValue(value) === 'integer' && hasFraction ? 'number' : typeOfValue(value);
      if (valueType && SCALAR_TYPES.has(valueType)) byType.set(valueType, [...(byType.get(valueType) ?? []), value]);
    }
    if (byType.size <= 1) return undefined;
    this.note('an enum of mixed value types became a union of typed enums');
    const branches = [...byType.entries()].map(([valueType, values]) => this.convertPlain({ type: valueType, enum: values }, 0));
    const description = this.description(node, type);
    return description ? { description, anyOf: branches } : { anyOf: branches };
  }

  private scalar(node: Record<string, unknown>, type: string, out: JsonSchema): void {
    if (Array.isArray(node.enum)) {
      // Enum values must match the type; null and "" are refused by Moonshot inside scalar enums.
      const values = dedupe(node.enum.filter((value) => matchesType(value, type) && value !== ''));
      if (values.length < node.enum.length) this.note('enum values that are null, empty or of another type were dropped');
      const chars = values.reduce<number>((sum, value) => sum + String(value).length + 3, 0);
      if (values.length > this.limits.maxEnumValues || chars > this.limits.maxEnumChars) {
        // A huge enum would weigh on every request: the first values are described instead.
        this.note(`an enum of ${values.length} values was replaced by a description`);
        const sample = values.slice(0, 20).map((value) => JSON.stringify(value)).join(', ');
        out.description = joinSentences(out.description, `One of ${values.length} values, e.g. ${sample}.`);
      } else if (values.length > 0) out.enum = values;
    }
    const keep = type === 'string' ? ['minLength', 'maxLength', 'pattern', 'format'] : type === 'boolean' ? [] : ['minimum', 'maximum', 'multipleOf'];
    for (const key of keep) {
      const value = node[key];
      if ((key === 'pattern' || key === 'format') && typeof value === 'string' && value.length <= 200) out[key] = value;
      else if (key !== 'pattern' && key !== 'format' && typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    }
    if (type !== 'string' && type !== 'boolean') {
      // Draft-4 boolean exclusiveMinimum/Maximum and the numeric draft-6 form both become the numeric form.
      for (const [key, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
        const value = node[key];
        if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
        else if (value === true && typeof out[bound] === 'number') {
          out[key] = out[bound];
          delete out[bound];
        }
      }
    }
  }

  private object(node: Record<string, unknown>, depth: number, out: JsonSchema): void {
    const entries = isObject(node.properties) ? Object.entries(node.properties) : [];
    if (entries.length > this.limits.maxProperties) this.note(`only the first ${this.limits.maxProperties} of ${entries.length} properties were kept`);
    // Object.fromEntries defines own properties, so a property named "__proto__" stays a property.
    const properties = Object.fromEntries(entries.slice(0, this.limits.maxProperties).map(([name, schema]) => [name, this.convert(schema, depth + 1)]));
    const required = [...new Set(asArray(node.required).filter((name): name is string => typeof name === 'string' && Object.hasOwn(properties, name)))];
    if (asArray(node.required).length !== required.length) this.note('required names without a property were dropped');
    out.properties = properties;
    out.required = required;
    // additionalProperties / patternProperties: dropped from the schema (the server still enforces them); a map
    // of free keys is described, so the model knows it may add keys and what their values look like.
    const extra = [node.additionalProperties, ...Object.values(isObject(node.patternProperties) ? node.patternProperties : {})].find(isObject);
    if (extra) {
      const valueType = (typeof extra.type === 'string' && KNOWN_TYPES.has(extra.type) ? extra.type : inferType(extra)) ?? 'any JSON value';
      out.description = joinSentences(out.description, `Other keys are allowed; each value is ${valueType === 'any JSON value' ? valueType : `of type ${valueType}`}.`);
    }
    if ('additionalProperties' in node || 'patternProperties' in node) this.note('additionalProperties/patternProperties were dropped (described when they allow extra keys)');
  }

  private array(node: Record<string, unknown>, depth: number, out: JsonSchema): void {
    // Tuples (`items: [...]` in draft 4-7, `prefixItems` in 2020-12) become items of the united element types.
    const tuple = Array.isArray(node.items) ? node.items : Array.isArray(node.prefixItems) ? node.prefixItems : undefined;
    if (tuple) {
      this.note('a tuple became a list of its element types');
      const elements = tuple.slice(0, 20).map((element) => this.convert(element, depth + 1));
      const unique = dedupe(elements.flatMap((element) => (Array.isArray(element.anyOf) ? (element.anyOf as JsonSchema[]) : [element])));
      if (unique.length === 1) out.items = unique[0];
      else if (unique.length > 1) out.items = this.flatten(unique) ?? { anyOf: unique };
      const positions = elements.map((element, index) => `${index + 1}: ${element.type ?? 'any'}`).join(', ');
      out.description = joinSentences(out.description, `Positions: ${positions}.`);
    } else if (node.items !== undefined) {
      out.items = this.convert(node.items, depth + 1);
    }
    for (const key of ['minItems', 'maxItems']) if (typeof node[key] === 'number' && Number.isFinite(node[key])) out[key] = node[key];
    if (node.uniqueItems === true) out.uniqueItems = true;
  }

  /** The description, with the title when there is none, and the default folded in (the keyword itself is dropped). */
  private description(node: Record<string, unknown>, type?: string): string | undefined {
    let text = describe(node.description ?? node.title, this.limits);
    if ('default' in node && node.default !== undefined) {
      const value = JSON.stringify(node.default);
      if (value !== undefined && value.length <= 200 && (type === undefined || matchesType(node.default, type))) {
        this.note('defaults were folded into descriptions');
        text = joinSentences(text, `Default: ${value}.`);
      }
    }
    return text;
  }
}

function describe(value: unknown, limits: SchemaLimits): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  return trimmed.length > limits.maxDescription ? `${trimmed.slice(0, limits.maxDescription - 1)}…` : trimmed;
}
