/**
 * Property-based fuzzing of the whole API, in workerd, through the app as a client calls it. For
 * every operation of the generated `/api/openapi.json`, fast-check makes requests (valid, boundary
 * and mutated bodies, odd query strings, paths and headers, every kind of caller) and each must
 * get a clear answer: never a 5xx, and every error an RFC 9457 `application/problem+json`.
 *
 * FUZZ_RUNS (default 5,000) is the number of requests over all operations (those with a body
 * get three shares each);
 * FUZZ_SEED replays a run. `npm run fuzz -- --runs 100000` sets both (see scripts/fuzz.ts).
 */
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requests, type FuzzRequest, type Operation } from './fuzz-requests.ts'
import { unboundedStrings, type Schema, type SchemaContext } from './fuzz-schemas.ts'
import { buildWorld, freshCookie, type World } from './fuzz-world.ts'
import { call, freshAddress } from './helpers.ts'
import { teachers } from './fixtures.ts'

const TOTAL = Number(env.FUZZ_RUNS || 5000)
const SEED = env.FUZZ_SEED ? Number(env.FUZZ_SEED) : undefined

interface Document {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>
  components?: { schemas?: Record<string, Schema> }
}

// The document is read at collection time so that each operation is a test of its own.
const doc = (await (await call('/api/openapi.json')).json()) as Document
const ORDER = ['get', 'post', 'put', 'patch', 'delete']
// Reads first and deletions last, so that what one operation's requests destroy (a member
// removed, a curator dropped) takes as little as possible from the operations after it.
const operations: Operation[] = Object.entries(doc.paths)
  .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, method, path })))
  .sort((a, b) => ORDER.indexOf(a.method) - ORDER.indexOf(b.method))
// Operations that take a body have far more to get wrong, so they get three shares of the runs;
// sign-in and sign-up spend nearly all their time in scrypt, so they keep one.
const shares = (op: Operation) => (op.requestBody && !op.path.startsWith('/api/auth/') ? 3 : 1)
const perShare = TOTAL / operations.reduce((n, op) => n + shares(op), 0)
const runsFor = (op: Operation) => Math.max(1, Math.ceil(perShare * shares(op)))

let world: World
const statuses = new Map<number, number>()
let sent = 0
const started = Date.now()

beforeAll(async () => {
  world = await buildWorld()
}, 120_000)

afterAll(() => {
  const seconds = (Date.now() - started) / 1000
  const counts = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`)
  console.log(
    `fuzz: ${sent} requests over ${operations.length} operations in ${seconds.toFixed(1)} s; ${counts.join(' ')}`,
  )
})

/** Routes that end or change the caller's own sessions get a teacher of their own each time. */
const ownAccount = (path: string) => /^\/api\/(me|auth)\b/.test(path)

async function headersFor(req: FuzzRequest, op: Operation): Promise<Record<string, string>> {
  const headers: Record<string, string> = { ...req.headers, 'cf-connecting-ip': freshAddress() }
  switch (req.caller) {
    case 'anonymous':
      break
    case 'token':
      headers.authorization = `Bearer ${world.token}`
      break
    case 'forged-cookie':
      headers.cookie = `__Host-session=${crypto.randomUUID()}; __Host-session=; ;=;`
      break
    case 'forged-token':
      headers.authorization = `Bearer ${'x'.repeat(40)}`
      break
    default: {
      const user = ownAccount(op.path)
        ? (await teachers(['fuzzer'])).fuzzer
        : world.users[req.caller]
      headers.cookie = ownAccount(op.path) ? await freshCookie(user) : user.cookie
    }
  }
  return headers
}

/** Sends one request; a 5xx, or an error that is not problem+json, is a failure. */
async function answersClearly(req: FuzzRequest, op: Operation) {
  const res = await call(req.path, {
    method: req.method,
    headers: await headersFor(req, op),
    body: req.body,
  })
  sent++
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
  // Read as bytes: successful exports are zip files, and only an error's text is looked at.
  const text = new TextDecoder().decode(await res.arrayBuffer())
  const where = `${req.method} ${req.path.slice(0, 200)} as ${req.caller} → ${res.status}: ${text.slice(0, 300)}`
  expect(res.status, where).toBeLessThan(500)
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), where).toMatch(/^application\/problem\+json/)
    const problem = JSON.parse(text) as { status: number; title: string }
    expect(problem.status, where).toBe(res.status)
  }
}

describe('every operation in /api/openapi.json, fuzzed', () => {
  it('covers every operation the document declares', () => {
    expect(operations.length).toBeGreaterThan(100)
  })

  // A text field with no maximum let a long enough value (or its rendered TeX) fail the write.
  it('declares a maximum length for every text field of every request', () => {
    const ctx: SchemaContext = { components: doc.components?.schemas ?? {}, hints: {} }
    const unbounded = operations.flatMap((op) => {
      const at = `${op.method.toUpperCase()} ${op.path}`
      const body = op.requestBody?.content['application/json']?.schema
      return [
        ...(op.parameters ?? []).flatMap((p) =>
          unboundedStrings(p.schema ?? {}, ctx, `${at} ${p.in} ${p.name}`),
        ),
        ...(body ? unboundedStrings(body, ctx, `${at} body`) : []),
      ]
    })
    expect(unbounded).toEqual([])
  })

  for (const op of operations) {
    it(
      `${op.method.toUpperCase()} ${op.path} answers every request without a 5xx`,
      async () => {
        const ctx: SchemaContext = {
          components: doc.components?.schemas ?? {},
          hints: world.values,
        }
        await fc.assert(
          fc.asyncProperty(requests(op, ctx, world.values), (req) => answersClearly(req, op)),
          { numRuns: runsFor(op), seed: SEED },
        )
      },
      60_000 + runsFor(op) * 500,
    )
  }
})
