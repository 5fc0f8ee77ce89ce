/**
 * fast-check arbitraries made from the JSON Schemas of the generated OpenAPI document, so the fuzz
 * test follows the API as it is declared and needs no list of its own. `valid` makes values the
 * schema accepts, leaning on its edges (the maximum length, the bounds, unicode, NUL, dense TeX)
 * and on real fixtures where a field's name says what it refers to; `invalid` makes values one
 * step outside it (a wrong type, a missing or unknown key, one past a limit, deep nesting).
 */
import fc from 'fast-check'

/** The part of JSON Schema (as zod-openapi writes it) that the generators read. */
export interface Schema {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
  propertyNames?: Schema
  items?: Schema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
}

export interface SchemaContext {
  /** `#/components/schemas/…` by name. */
  components: Record<string, Schema>
  /** Real values (fixture ids, slugs) by field name, so valid requests reach past the 404s. */
  hints: Record<string, string[]>
}

const resolve = (s: Schema, ctx: SchemaContext): Schema =>
  s.$ref ? resolve(ctx.components[s.$ref.split('/').pop()!] ?? {}, ctx) : s

const types = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : [])

/** Nested arrays deep enough to find a parser or validator that recurses without a bound. */
export const deeplyNested = (depth: number): unknown => {
  let value: unknown = 'deep'
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value }
  return value
}

/** Strings people (and attackers) really write: TeX, Markdown that nests TeX in attributes, NULs. */
const awkwardText = fc.constantFrom(
  '$\\frac{1}{2}$',
  '[link]($x$ "title $\\frac{a}{b}$")',
  '![alt $\\sqrt{2}$ "q"](https://example.org/a.png "t $x^2$")',
  '[a](https://example.org "x\\" onmouseover=\\"alert(1)")',
  '<script>alert(1)</script>',
  'nul\u0000byte',
  '\u0000',
  '\ud800 lone surrogate',
  'e\u0301\u200d\u202e right-to-left',
  '🧮 𝑥² ∑',
  '$$\\begin{array}{c}a\\\\b\\end{array}$$',
  '$\\href{javascript:alert(1)}{x}$',
  '$\\',
  '\\(x\\) and \\[y\\]',
  '   ',
  "'; DROP TABLE items; --",
)

/** TeX that renders to far more HTML than it takes to write, repeated up to `max` characters. */
const denseTex = (max: number) =>
  fc
    .constantFrom(
      '$\\sqrt{\\frac{a}{b}}$ ',
      '$x^{y^{z}}_{i_{j}}$ ',
      '$\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}$ ',
    )
    .map((unit) => unit.repeat(Math.max(1, Math.floor(max / unit.length))).slice(0, max))

function stringArb(s: Schema, key: string | undefined, ctx: SchemaContext): fc.Arbitrary<string> {
  const min = s.minLength ?? 0
  const max = s.maxLength ?? 10_000
  const fits = (v: string) => v.length >= min && v.length <= max
  const real = key ? ctx.hints[key] : undefined
  const hinted = real?.length ? fc.constantFrom(...real) : undefined
  if (s.pattern) {
    const pattern = fc.stringMatching(new RegExp(s.pattern)).filter(fits)
    return hinted
      ? fc.oneof({ arbitrary: pattern, weight: 1 }, { arbitrary: hinted, weight: 3 })
      : pattern
  }
  if (s.format === 'date-time' || s.format === 'date') {
    const day = s.format === 'date'
    return fc
      .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
      .map((d) => (day ? d.toISOString().slice(0, 10) : d.toISOString()))
  }
  if (s.format === 'uri' || s.format === 'url') return fc.webUrl().filter(fits)
  if (s.format === 'email') return fc.emailAddress().filter(fits)
  const text = fc.oneof(
    { arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 40) }), weight: 4 },
    {
      arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 20) }),
      weight: 2,
    },
    { arbitrary: awkwardText.filter(fits), weight: 2 },
    // The edges: exactly as long as allowed, in plain letters and in dense TeX.
    { arbitrary: fc.constant('x'.repeat(Math.max(min, max))), weight: 1 },
    { arbitrary: denseTex(max).filter(fits), weight: 2 },
  )
  return hinted ? fc.oneof({ arbitrary: hinted, weight: 3 }, { arbitrary: text, weight: 2 }) : text
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1e6)
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1e6)
  const edges = fc.constantFrom(...[min, max, 0, 1].filter((n) => n >= min && n <= max))
  const any = integer
    ? fc.integer({
        min: Math.ceil(Math.max(min, -(2 ** 31))),
        max: Math.floor(Math.min(max, 2 ** 31 - 1)),
      })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
  return fc.oneof(any, edges)
}

/** Values the schema accepts (or nearly: cross-field rules are the handler's to enforce). */
export function valid(
  schema: Schema,
  ctx: SchemaContext,
  key?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(schema, ctx)
  if ('const' in s) return fc.constant(s.const)
  if (s.enum) return fc.constantFrom(...s.enum)
  const alternatives = s.anyOf ?? s.oneOf
  if (alternatives) return fc.oneof(...alternatives.map((a) => valid(a, ctx, key, depth)))
  if (s.allOf)
    return valid(Object.assign({}, ...s.allOf.map((a) => resolve(a, ctx))), ctx, key, depth)
  const t = types(s)
  if (t.includes('null') && t.length > 1) {
    return fc.option(valid({ ...s, type: t.filter((x) => x !== 'null') }, ctx, key, depth), {
      nil: null,
    })
  }
  switch (t[0]) {
    case 'string':
      return stringArb(s, key, ctx)
    case 'integer':
    case 'number':
      return numberArb(s, t[0] === 'integer')
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const element = valid(s.items ?? {}, ctx, key, depth + 1)
      const minLength = s.minItems ?? 0
      const arrays = fc.array(element, {
        minLength,
        maxLength: Math.min(s.maxItems ?? 4, minLength + 4),
      })
      return s.maxItems && s.maxItems <= 50
        ? fc.oneof(
            { arbitrary: arrays, weight: 4 },
            fc.array(element, { minLength: s.maxItems, maxLength: s.maxItems }),
          )
        : arrays
    }
    case 'object':
      return objectArb(s, ctx, depth)
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

function objectArb(s: Schema, ctx: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const properties = s.properties ?? {}
  const model = Object.fromEntries(
    Object.entries(properties).map(([k, v]) => [k, valid(v, ctx, k, depth + 1)]),
  )
  const record = fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in model) })
  if (typeof s.additionalProperties !== 'object') return record
  // A map (zod's record): keys from propertyNames, or short words.
  const keys = s.propertyNames
    ? (valid(s.propertyNames, ctx) as fc.Arbitrary<string>)
    : fc.string({ maxLength: 8 })
  const map = fc.dictionary(keys, valid(s.additionalProperties, ctx, undefined, depth + 1), {
    maxKeys: 6,
  })
  return fc.tuple(record, map).map(([r, m]) => ({ ...m, ...(r as object) }))
}

/** A JSON value of another type than any `s` allows (roughly: enough to trip a type check). */
function wrongType(s: Schema): fc.Arbitrary<unknown> {
  const allowed = new Set(types(s))
  const candidates: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.constantFrom('', 'x', '1', 'true', 'null', '[]')],
    ['integer', fc.constantFrom(0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, -0)],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.constantFrom([], [null], [[]], [1, 'a'])],
    [
      'object',
      fc.constantFrom({}, ownProto({ polluted: true }), { constructor: { prototype: {} } }),
    ],
  ]
  const wrong = candidates
    .filter(([t]) => !allowed.has(t) && !(t === 'integer' && allowed.has('number')))
    .map(([, a]) => a)
  return fc.oneof(...wrong, fc.constant(deeplyNested(3000)))
}

/** Values one step outside the schema, somewhere inside it. */
export function invalid(schema: Schema, ctx: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, ctx)
  const t = types(s)
  const choices: fc.Arbitrary<unknown>[] = [wrongType(s)]
  if (s.enum) choices.push(fc.constantFrom('not-one-of-them', String(s.enum[0]).toUpperCase()))
  if (t.includes('string')) {
    const max = s.maxLength ?? 10_000
    choices.push(
      fc.constantFrom(
        'y'.repeat(max + 1),
        '$x$'.repeat(Math.ceil((max + 1) / 3)),
        'z'.repeat(max * 4 + 1),
      ),
    )
    if ((s.minLength ?? 0) > 0) choices.push(fc.constant('w'.repeat(s.minLength! - 1)))
    if (s.pattern || s.format)
      choices.push(fc.constantFrom('Not A Slug!', '../../etc', '2026-13-45', 'http://', '\u0000'))
  }
  if (t.includes('integer') || t.includes('number')) {
    choices.push(
      fc.constantFrom(
        (s.maximum ?? 1e15) + 1,
        (s.minimum ?? -1e15) - 1,
        1e308,
        -1e308,
        0.5,
        Number.MAX_SAFE_INTEGER + 2,
      ),
    )
  }
  if (t.includes('array')) {
    const element = valid(s.items ?? {}, ctx, undefined, depth + 1)
    choices.push(
      fc.array(element, { minLength: (s.maxItems ?? 200) + 1, maxLength: (s.maxItems ?? 200) + 1 }),
    )
    if (depth < 4)
      choices.push(fc.array(invalid(s.items ?? {}, ctx, depth + 1), { minLength: 1, maxLength: 2 }))
  }
  if (t.includes('object') && depth < 4) choices.push(...objectMutations(s, ctx, depth))
  return fc.oneof(...choices)
}

function objectMutations(s: Schema, ctx: SchemaContext, depth: number): fc.Arbitrary<unknown>[] {
  // The object itself, never its null (a nullable object's mutations are of the object).
  const base = valid({ ...s, type: 'object' }, ctx, undefined, depth) as fc.Arbitrary<
    Record<string, unknown>
  >
  const keys = Object.keys(s.properties ?? {})
  const mutations: fc.Arbitrary<unknown>[] = [
    base.map((v) => ({ ...v, unexpectedKey: 'surprise' })),
    base.map((v) => ({ ...v, ...ownProto({ isSiteAdmin: true }) })),
  ]
  if (s.required?.length) {
    mutations.push(fc.tuple(base, fc.constantFrom(...s.required)).map(([v, k]) => omit(v, k)))
  }
  if (keys.length) {
    mutations.push(
      fc
        .constantFrom(...keys)
        .chain((k) => fc.tuple(base, fc.constant(k), invalid(s.properties![k]!, ctx, depth + 1)))
        .map(([v, k, bad]) => ({ ...v, [k]: bad })),
    )
  }
  return mutations
}

/** An object with `__proto__` as its own key, as JSON.parse makes it (a literal would set the prototype). */
const ownProto = (value: object): object => JSON.parse(`{"__proto__":${JSON.stringify(value)}}`)

const omit = (v: Record<string, unknown>, key: string) => {
  const { [key]: _, ...rest } = v
  return rest
}

/** Where a schema has a string with no declared maximum length (enums and constants are bounded). */
export function unboundedStrings(schema: Schema, ctx: SchemaContext, at: string): string[] {
  const s = resolve(schema, ctx)
  const found: string[] = []
  if (types(s).includes('string') && !s.enum && !('const' in s) && s.maxLength === undefined)
    found.push(at)
  for (const alternative of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])])
    found.push(...unboundedStrings(alternative, ctx, at))
  for (const [key, value] of Object.entries(s.properties ?? {}))
    found.push(...unboundedStrings(value, ctx, `${at}.${key}`))
  if (s.items) found.push(...unboundedStrings(s.items, ctx, `${at}[]`))
  if (typeof s.additionalProperties === 'object')
    found.push(...unboundedStrings(s.additionalProperties, ctx, `${at}{}`))
  if (s.propertyNames) found.push(...unboundedStrings(s.propertyNames, ctx, `${at} key`))
  return found
}
