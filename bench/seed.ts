/**
 * The seed benchmark: the starter bank (content/) and a 5,000-row diagnostic CSV import (the
 * import benchmark's synthetic files), each written the two ways the app writes a bank:
 *
 * - Worker: `applyStatements` on a D1 in workerd (Miniflare, in memory), one batch, as an API
 *   import, authoring and the test seed do;
 * - CLI: the statements as a .sql file through `wrangler d1 execute --local --file`, as
 *   `npm start`, `npm run content:seed` and `npm run import` do.
 *
 *   npm run bench:seed                  # this tree
 *   npm run bench:seed -- --before REF  # and REF's seed statements, for ratios in one run
 *
 * Each tree builds its own statements (src/bank/seed.ts) from the same compiled banks; rounds
 * alternate the trees' order. Prints Markdown and writes the "Seed statements" section of
 * docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { readD1Migrations } from '@cloudflare/vitest-plugin'
import { convertV4MiniflareOptions, Miniflare } from 'miniflare'
import { parse as parseYaml } from 'yaml'
import type { CompiledBank } from '../src/bank/check.ts'
import { compileTaxonomy } from '../src/bank/compile.ts'
import { loadContent } from '../src/bank/content-files.ts'
import { taxonomySchema } from '../src/bank/schemas.ts'
import { prepareImport } from '../src/imports/prepare.ts'
import { writeSection } from './markdown-section.ts'

const ROOT = join(import.meta.dirname, '..')
const { values: args } = parseArgs({
  options: { before: { type: 'string' }, rounds: { type: 'string', default: '3' } },
})
const ROUNDS = Number(args.rounds)
const NOW = '2026-01-01T00:00:00.000Z'
const log = (message: string) => process.stderr.write(`${message}\n`)

/** What a tree's src/bank/seed.ts gives: its statements, and how the Worker and CLI write them. */
interface Tree {
  name: string
  statements: (bank: CompiledBank) => unknown[]
  sqlText: (statements: unknown[]) => string[]
  /** Bound parameters of one statement (0 for SQL text) and its size in bytes as sent. */
  measure: (statement: unknown) => { params: number; bytes: number }
}

const bytes = (text: string) => Buffer.byteLength(text)

async function loadTree(name: string, root: string): Promise<Tree> {
  const seed = await import(pathToFileURL(join(root, 'src/bank/seed.ts')).href)
  const bound = typeof seed.toSqlText === 'function'
  type Bound = { sql: string; params: (string | number | null)[] }
  return {
    name,
    statements: (bank) => seed.seedStatements(bank, NOW),
    sqlText: (statements) => (bound ? seed.toSqlText(statements) : (statements as string[])),
    measure: (s) =>
      bound
        ? {
            params: (s as Bound).params.length,
            bytes:
              bytes((s as Bound).sql) +
              (s as Bound).params.reduce<number>((n, p) => n + bytes(String(p)), 0),
          }
        : { params: 0, bytes: bytes(s as string) },
  }
}

/** The two banks: the starter bank, and the 5,000-row CSV as `npm run import` prepares it. */
async function banks(): Promise<{ name: string; bank: CompiledBank }[]> {
  const content = await loadContent(join(ROOT, 'content'))
  if (content.problems.length > 0) throw new Error('content/ has problems')
  const dir = mkdtempSync(join(tmpdir(), 'bench-seed-csv-'))
  execFileSync(process.execPath, [join(ROOT, 'bench/import.ts'), '--files-only', dir])
  const taxonomy = compileTaxonomy(
    taxonomySchema.parse(parseYaml(readFileSync(join(ROOT, 'content/taxonomy.yaml'), 'utf8'))),
  )
  const { bank } = prepareImport(
    [
      {
        format: 'diagnostic-csv',
        name: 'questions.csv',
        questions: new Uint8Array(readFileSync(join(dir, 'questions.csv'))),
        misconceptions: new Uint8Array(readFileSync(join(dir, 'misconceptions.csv'))),
        misconceptionsName: 'misconceptions.csv',
      },
    ],
    taxonomy,
    {
      licence: 'CC-BY-4.0',
      status: 'published',
      knownMisconceptions: new Set(content.bank.misconceptions.map((m) => m.row.slug)),
    },
  )
  rmSync(dir, { recursive: true, force: true })
  return [
    { name: `starter bank (${content.bank.items.length} items)`, bank: content.bank },
    { name: `5,000-row CSV import (${bank.items.length} items)`, bank },
  ]
}

/**
 * The Worker the batch runs in: it takes the statements as JSON and writes them as each tree's
 * `applyStatements` does (SQL text alone before, bound parameters now), timing the batch inside
 * workerd, so Miniflare's Node-side proxy is not in the figure.
 */
const BATCH_WORKER = `export default {
  async fetch(request, env) {
    const statements = await request.json()
    const started = Date.now()
    await env.DB.batch(statements.map((s) =>
      typeof s === 'string' ? env.DB.prepare(s) : env.DB.prepare(s.sql).bind(...s.params)))
    return Response.json({ ms: Date.now() - started })
  },
}`

/** A fresh in-memory D1 in workerd with every migration applied. */
async function freshD1(migrations: Awaited<ReturnType<typeof readD1Migrations>>) {
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: BATCH_WORKER,
      d1Databases: { DB: crypto.randomUUID() },
    }),
  )
  const d1 = await mf.getD1Database('DB')
  for (const migration of migrations)
    await d1.batch(migration.queries.map((query) => d1.prepare(query)))
  return { mf, d1 }
}

/** `wrangler d1 execute --file` of the statements' SQL text into a fresh migrated local D1. */
function cliSeconds(tree: Tree, statements: unknown[], dir: string): number {
  const persist = join(dir, `state-${crypto.randomUUID()}`)
  const wrangler = join(ROOT, 'node_modules/.bin/wrangler')
  const env = { ...process.env, CI: 'true' }
  execFileSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], {
    cwd: ROOT,
    stdio: 'ignore',
    env,
  })
  const file = join(dir, 'seed.sql')
  writeFileSync(file, tree.sqlText(statements).join('\n') + '\n')
  const started = performance.now()
  execFileSync(
    wrangler,
    ['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', file, '--yes'],
    { cwd: ROOT, stdio: 'ignore', env },
  )
  const seconds = (performance.now() - started) / 1000
  rmSync(persist, { recursive: true, force: true })
  return seconds
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!

const dir = mkdtempSync(join(tmpdir(), 'bench-seed-'))
const started = new Date()
const load = loadavg()[0] ?? 0
const trees: Tree[] = []
if (args.before) {
  // REF's files, read-only (git archive), with this tree's node_modules.
  const before = join(dir, 'before')
  execFileSync(
    '/bin/sh',
    ['-c', `mkdir -p "${before}" && git archive "${args.before}" | tar -x -C "${before}"`],
    {
      cwd: ROOT,
    },
  )
  symlinkSync(join(ROOT, 'node_modules'), join(before, 'node_modules'))
  trees.push(await loadTree(`before (${args.before})`, before))
}
trees.push(await loadTree('now', ROOT))
log('compiling the starter bank and preparing the 5,000-row CSV…')
const workloads = await banks()
const migrations = await readD1Migrations(join(ROOT, 'migrations'))

interface Row {
  workload: string
  tree: string
  statements: number
  maxParams: number
  maxKb: number
  totalMb: number
  worker: number[]
  cli: number[]
}
const rows: Row[] = []
try {
  for (const { name, bank } of workloads) {
    const byTree = new Map<string, Row>()
    for (const tree of trees) {
      const statements = tree.statements(bank)
      const sizes = statements.map(tree.measure)
      const text = tree.sqlText(statements).map(bytes)
      byTree.set(tree.name, {
        workload: name,
        tree: tree.name,
        statements: statements.length,
        maxParams: Math.max(...sizes.map((s) => s.params)),
        maxKb: Math.max(...sizes.map((s) => s.bytes), ...text) / 1000,
        totalMb: text.reduce((a, b) => a + b, 0) / 1e6,
        worker: [],
        cli: [],
      })
    }
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 === 0 ? [...trees].reverse() : trees
      for (const tree of order) {
        const row = byTree.get(tree.name)!
        const statements = tree.statements(bank)
        const { mf } = await freshD1(migrations)
        const res = await mf.dispatchFetch('http://bench.test/', {
          method: 'POST',
          body: JSON.stringify(statements),
        })
        if (!res.ok) throw new Error(`the batch failed: ${await res.text()}`)
        row.worker.push(((await res.json()) as { ms: number }).ms)
        await mf.dispose()
        row.cli.push(cliSeconds(tree, statements, dir) * 1000)
        log(
          `  ${name}, ${tree.name}, round ${round}: Worker ${Math.round(row.worker.at(-1)!)} ms, CLI ${Math.round(row.cli.at(-1)!)} ms`,
        )
      }
    }
    rows.push(...byTree.values())
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const table = [
  '| bank | tree | statements | most params in one | largest statement | .sql file | Worker batch (median) | CLI `--file` (median) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.workload} | ${r.tree} | ${r.statements} | ${r.maxParams} | ${r.maxKb.toFixed(1)} kB | ${r.totalMb.toFixed(1)} MB | ${Math.round(median(r.worker))} ms | ${(median(r.cli) / 1000).toFixed(1)} s |`,
  ),
].join('\n')
const section = `## Seed statements

\`npm run bench:seed${args.before ? ` -- --before ${args.before}` : ''}\`: the starter bank and the import benchmark's 5,000-row
CSV, each written by every tree's own \`seedStatements\` the two ways the app writes a bank: in the
Worker (one D1 batch as \`applyStatements\` makes it, on an in-memory D1 in workerd through
Miniflare, timed inside the Worker) and by the CLI (\`wrangler d1 execute --local
--file\` of the SQL text, into a fresh migrated local D1; wrangler's own start-up included).
${ROUNDS} rounds, the trees' order swapped each round, medians shown. Run ${started.toISOString().slice(0, 10)} on ${cpus().length} cores
(${cpus()[0]?.model.trim()}), shared with other work (1-minute load average ${load.toFixed(1)} at the start):
read the rows against each other, not as absolutes. "Largest statement" is the SQL text plus its
bound parameters in bytes, or the statement as written into the .sql file, whichever is larger;
D1 takes at most 100 kB of SQL and 100 parameters per statement.

${table}

What changed, and what is left:

- Every value is now a bound parameter in the Worker: many rows go in one statement as one JSON
  array (\`json_each(?)\`, src/bank/statements.ts), so a statement binds at most 4 parameters and
  the statement count did not grow (sizes are now counted exactly in UTF-8, up to 97,000 bytes as
  written out, where the text-built SQL counted UTF-16 units up to 90,000). Only the CLI's .sql file
  has values written in (\`toSqlText\`), since \`wrangler d1 execute --file\` takes no parameters.
- The JSON form costs SQLite some work per row (\`json_extract\` of each column), and the JSON
  escapes the quotes in rendered HTML: the .sql file is about 4% larger. The Worker batch and the
  CLI run are within this machine's round-to-round noise of each other; compare the rounds on
  stderr before reading a difference into one median.
- Rows larger than one statement's budget (an 80 kB field) now go in alone, bound, where the SQL
  text limit no longer counts them; their .sql copy would still be too large for a remote D1, so
  compile.ts keeps its per-field cap.
`
process.stdout.write(
  await writeSection(join(ROOT, 'docs/benchmarks.md'), 'Seed statements', section),
)
