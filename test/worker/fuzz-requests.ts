/**
 * Requests for one operation of the OpenAPI document, as fast-check arbitraries: path parameters
 * that name real things or odd strings, query strings and bodies from the operation's schemas
 * (valid, at the boundaries, or mutated), odd headers, and every kind of caller.
 */
import fc from 'fast-check'
import { deeplyNested, invalid, valid, type Schema, type SchemaContext } from './fuzz-schemas.ts'
import { ROLES, type Role } from './fuzz-world.ts'

export interface Operation {
  method: string
  /** The OpenAPI path, `{name}` for parameters. */
  path: string
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[]
  requestBody?: { content: Record<string, { schema: Schema }> }
}

/** Who sends a request: nobody, a role of the world, the teacher's token, or forged credentials. */
export type Caller = 'anonymous' | Role | 'token' | 'forged-cookie' | 'forged-token'
const CALLERS: Caller[] = ['anonymous', 'token', 'forged-cookie', 'forged-token']

export interface FuzzRequest {
  caller: Caller
  method: string
  path: string
  headers: Record<string, string>
  body?: string | Uint8Array
}

/** Path segments that are not what any route expects. */
const oddSegment = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  fc.constantFrom(
    '%00',
    '%E0%A4%A', // a truncated percent-encoded UTF-8 sequence
    '%ZZ',
    '%2F..%2F',
    '%F0%9F%A7%AE',
    'a'.repeat(5000),
    '0',
    '-1',
    '1e400',
    '99999999999999999999',
    'null',
    'ABC234',
  ),
)

const oddQuery = fc.constantFrom(
  'limit=1&limit=2',
  'limit=-1',
  'limit=1e9',
  'limit=abc',
  'cursor=%ZZ',
  'cursor=' + 'x'.repeat(3000),
  'cursor=eyJ9',
  'q=' + '%00'.repeat(10),
  'q=' + 'a'.repeat(10_000),
  'limit[]=1',
  '%=%',
  '&&&=',
  'year=0',
  'since=not-a-date',
  'format=docx',
  'scope=everyone',
)

const brokenJson = fc.constantFrom(
  '',
  '{',
  '{"a":',
  'nul',
  '[]',
  'null',
  '"just a string"',
  '12',
  '{"a":1,"a":2}',
  '{"__proto__":{"isSiteAdmin":true}}',
  '\ufeff{}',
  '['.repeat(100_000),
  JSON.stringify(deeplyNested(5000)),
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
)

const invalidUtf8 = fc.constant(
  new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]),
)

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/json; charset=latin1',
  'a/b/c;;=',
)

const ifMatch = fc.constantFrom(
  '"1"',
  'W/"1"',
  '*',
  '"0"',
  '"-1"',
  'garbage',
  '"1.5"',
  '"99999999999999999999"',
  `"${'9'.repeat(5000)}"`,
  '""',
)

/** One odd header at a time, so a failure names the header that caused it. */
const oddHeaders = fc.oneof(
  ifMatch.map((v) => ({ 'if-match': v })),
  ifMatch.map((v) => ({ 'if-none-match': v })),
  fc
    .constantFrom('fr', 'zz-ZZ', '*;q=abc', 'en-GB,en;q=0.9', 'x'.repeat(4000))
    .map((v) => ({ 'accept-language': v })),
  fc.constantFrom('null', 'https://evil.example', 'https://bank.test').map((v) => ({ origin: v })),
  fc.constantFrom('text/html', '*/*', 'application/xml', '').map((v) => ({ accept: v })),
  fc.constant({ 'x-huge': 'h'.repeat(64 * 1024) }),
  fc.constant({ 'x-forwarded-for': 'not an address' }),
)

/** Real values for a parameter by name, else odd ones; real ones most of the time. */
function pathValue(name: string, values: Record<string, string[]>): fc.Arbitrary<string> {
  const real = values[name]
  return real?.length
    ? fc.oneof(
        { arbitrary: fc.constantFrom(...real).map(encodeURIComponent), weight: 4 },
        { arbitrary: oddSegment, weight: 1 },
      )
    : oddSegment
}

function queryString(op: Operation, ctx: SchemaContext): fc.Arbitrary<string> {
  const params = (op.parameters ?? []).filter((p) => p.in === 'query')
  const pairs = fc.tuple(
    ...params.map((p) =>
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 2 },
        { arbitrary: valid(p.schema ?? {}, ctx, p.name), weight: 3 },
        { arbitrary: invalid(p.schema ?? {}, ctx), weight: 1 },
      ),
    ),
  )
  const fromSchema = pairs.map((values) => {
    const search = new URLSearchParams()
    values.forEach((v, i) => {
      if (v !== undefined)
        search.set(params[i]!.name, typeof v === 'string' ? v : JSON.stringify(v))
    })
    return search.toString()
  })
  return fc.oneof({ arbitrary: fromSchema, weight: 4 }, { arbitrary: oddQuery, weight: 1 })
}

function body(op: Operation, ctx: SchemaContext) {
  const schema = op.requestBody?.content['application/json']?.schema
  const json = (a: fc.Arbitrary<unknown>) => a.map((v) => JSON.stringify(v))
  const choices: fc.WeightedArbitrary<string | Uint8Array | undefined>[] = [
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: brokenJson, weight: 1 },
    { arbitrary: invalidUtf8, weight: 1 },
  ]
  if (schema) {
    choices.push(
      { arbitrary: json(valid(schema, ctx)), weight: 10 },
      { arbitrary: json(invalid(schema, ctx)), weight: 4 },
    )
  } else {
    choices.push({ arbitrary: json(fc.jsonValue({ maxDepth: 2 })), weight: 1 })
  }
  return fc.oneof(...choices)
}

/** Requests for `op`, sent by any kind of caller. */
export function requests(
  op: Operation,
  ctx: SchemaContext,
  values: Record<string, string[]>,
): fc.Arbitrary<FuzzRequest> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
  const path = fc
    .tuple(...names.map((n) => pathValue(n, values)))
    .map((segments) => names.reduce((p, n, i) => p.replace(`{${n}}`, segments[i]!), op.path))
  const hasBody = op.method !== 'get' && op.method !== 'delete'
  return fc
    .record({
      // Mostly callers who may get past the access check, so requests reach the handlers.
      caller: fc.oneof(
        { arbitrary: fc.constantFrom(...ROLES), weight: 8 },
        { arbitrary: fc.constantFrom(...CALLERS), weight: 3 },
      ),
      path,
      query: fc.option(queryString(op, ctx), { freq: 3 }),
      body: hasBody ? body(op, ctx) : fc.constant(undefined),
      contentType: fc.oneof(
        { arbitrary: fc.constant('application/json'), weight: 5 },
        { arbitrary: contentTypes, weight: 1 },
        fc.constant(undefined),
      ),
      headers: fc.oneof({ arbitrary: fc.constant({}), weight: 4 }, oddHeaders),
    })
    .map((r) => ({
      caller: r.caller,
      method: op.method.toUpperCase(),
      path: r.query ? `${r.path}?${r.query}` : r.path,
      headers: {
        ...(r.headers as Record<string, string>),
        ...(r.body !== undefined && r.contentType ? { 'content-type': r.contentType } : {}),
      },
      body: r.body,
    }))
}
