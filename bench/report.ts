/**
 * The benchmark's findings as Markdown: the "Search" section of docs/benchmarks.md, printed too.
 * Other sections of that file belong to other benchmarks and are left as they are.
 */
import { cpus, loadavg, totalmem } from 'node:os'
import type { EndToEndResult } from './e2e.ts'
import type { FtsSqliteResult } from './fts-sqlite.ts'
import type { EngineFigures, IsolateResult } from './isolate.ts'
import { writeSection } from './markdown-section.ts'
import { describe, QUERY_MIX } from './queries.ts'
import { count, MB, mb, ms, percent, size } from './stats.ts'

export interface ReportInput {
  date: Date
  isolate: IsolateResult[]
  isolateOptions: { iterations: number; warmup: number }
  /** One end-to-end run per bank size, smallest first; empty with --isolate-only. */
  e2e: EndToEndResult[]
  e2eOptions: { concurrency: number; durationMs: number; warmupMs: number }
  runSeconds: number
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  loadBefore: number
}

interface Target {
  target: string
  measured: string
  met: boolean | null
}

const table = (header: string[], rows: string[][]) =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n')

// The targets of issue 15.
function targets({ isolate, e2e }: ReportInput): Target[] {
  const at = (items: number) => isolate.find((r) => r.items === items)?.engine
  const rows: Target[] = []
  const check = (
    target: string,
    value: number | undefined,
    limit: number,
    show: (n: number) => string,
  ) =>
    rows.push(
      value === undefined
        ? { target, measured: 'not run', met: null }
        : { target, measured: show(value), met: value <= limit },
    )
  const coldStart = (items: number) => e2e.find((r) => r.items === items)?.coldStartMs
  check('10k items, in the isolate: search p50 ≤ 0.5 ms', at(10_000)?.mix.p50, 0.5, ms)
  check('10k items, in the isolate: search p99 ≤ 2 ms', at(10_000)?.mix.p99, 2, ms)
  check('10k items: index memory ≤ 20 MB', at(10_000)?.memoryBytes, 20 * MB, mb)
  check(
    '10k items: first search after a cold start ≤ 150 ms (end to end)',
    coldStart(10_000),
    150,
    ms,
  )
  check('50k items, in the isolate: search p50 ≤ 2 ms', at(50_000)?.mix.p50, 2, ms)
  check('50k items, in the isolate: search p99 ≤ 10 ms', at(50_000)?.mix.p99, 10, ms)
  check('50k items: index memory ≤ 64 MB', at(50_000)?.memoryBytes, 64 * MB, mb)
  check(
    '50k items: first search after a cold start ≤ 800 ms (end to end)',
    coldStart(50_000),
    800,
    ms,
  )

  // Throughput is compared at the smallest bank run end to end (10k unless told otherwise).
  const first = e2e[0]
  const rate = (key: string) => first?.targets.find((t) => t.key === key)?.result.perSecond
  const [health, search, fts] = [rate('health'), rate('search'), rate('fts')]
  const ran = health !== undefined && search !== undefined && fts !== undefined
  const note = first ? ` at ${size(first.items)} items` : ''
  rows.push({
    target: 'End to end: search throughput ≥ 75% of health',
    measured: ran
      ? `${percent(search / health)} (${count(search)} vs ${count(health)} req/s${note})`
      : 'not run',
    met: ran ? search / health >= 0.75 : null,
  })
  rows.push({
    target: 'End to end: search throughput ≥ 2× the FTS5 path',
    measured: ran
      ? `${(search / fts).toFixed(1)}× (${count(search)} vs ${count(fts)} req/s${note})`
      : 'not run',
    met: ran ? search >= 2 * fts : null,
  })
  return rows
}

const or = (value: number | null, show: (n: number) => string) =>
  value === null ? '–' : show(value)
/** "3.1× faster" when `before / after` ≥ 1, else "1.3× slower". */
const ratio = (before: number, after: number, better = 'faster', worse = 'slower') =>
  before >= after
    ? `${(before / after).toFixed(1)}× ${better}`
    : `${(after / before).toFixed(1)}× ${worse}`

export function renderSearchSection(input: ReportInput): string {
  const { isolate, e2e, isolateOptions: io, e2eOptions: eo } = input
  const cpu = cpus()
  const out: string[] = []
  out.push('## Search')
  out.push(
    `Written by \`npm run bench:search\` (bench/search.ts) on ${input.date.toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${Math.round(input.runSeconds)} s. ` +
      `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, shared with other work while this ran; ` +
      `Node ${process.version}${e2e[0] ? `; wrangler ${e2e[0].wranglerVersion} (local workerd)` : ''}. ` +
      `Load average (1 min) ${input.loadBefore.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end: compare figures within this run, as ratios.`,
  )

  out.push('### Targets')
  out.push(
    table(
      ['Target', 'Measured', 'Met?'],
      targets(input).map((t) => [
        t.target,
        t.measured,
        t.met === null ? '–' : t.met ? 'met' : '**missed**',
      ]),
    ),
  )

  out.push('### In the isolate')
  out.push(
    `\`SearchIndex\` (src/search/engine.ts) in Node, built from a synthetic bank (about one misconception per ten items), stored with the codec and loaded back as the Worker loads it; ` +
      `beside it, on the same bank, the MiniSearch index it replaced (bench/baseline/). ` +
      `Latency is one search as \`/api/search\` runs it in the isolate (rank a page of 21, highlight its titles and snippets), over ` +
      `${io.iterations} interleaved passes of the query mix after ${io.warmup} untimed ones. ` +
      `Memory is V8 heap plus array buffers that the loaded index keeps alive. Build is from the bank's rows (once per bank change); load is from the stored bytes (once per isolate).`,
  )
  const engineRow = (r: IsolateResult, name: string, e: EngineFigures) => [
    count(r.items),
    name,
    ms(e.buildMs),
    or(e.loadMs, ms),
    or(e.storedBytes, mb),
    mb(e.memoryBytes),
    ms(e.mix.p50),
    ms(e.mix.p99),
    ms(e.browse.p50),
  ]
  out.push(
    table(
      ['Items', 'Index', 'Build', 'Load', 'Stored', 'Memory', 'Mix p50', 'Mix p99', 'Browse p50'],
      isolate.flatMap((r) => [
        engineRow(r, 'typed arrays', r.engine),
        ...(r.baseline ? [engineRow(r, 'MiniSearch', r.baseline)] : []),
      ]),
    ),
  )
  const compared = isolate.filter((r) => r.baseline)
  if (compared.length > 0) {
    out.push('The new index against MiniSearch, same bank, same run:')
    out.push(
      table(
        [
          'Items',
          'Memory',
          'Mix p50',
          'Mix p99',
          'Ready after a bank change (build)',
          'Ready in a new isolate (load vs build)',
        ],
        compared.map((r) => {
          const [e, b] = [r.engine, r.baseline!]
          return [
            count(r.items),
            ratio(b.memoryBytes, e.memoryBytes, 'smaller', 'larger'),
            ratio(b.mix.p50, e.mix.p50),
            ratio(b.mix.p99, e.mix.p99),
            ratio(b.buildMs, e.buildMs),
            ratio(b.buildMs, e.loadMs ?? e.buildMs),
          ]
        }),
      ),
    )
  }
  out.push('Per query: p50 / p99 (matching documents).')
  out.push(
    table(
      ['Query', 'Kind', ...isolate.map((r) => `${size(r.items)} items`)],
      QUERY_MIX.map((query, i) => [
        describe(query),
        query.kind,
        ...isolate.map((r) => {
          const q = r.engine.queries[i]!
          return `${ms(q.latency.p50)} / ${ms(q.latency.p99)} (${count(q.hits)})`
        }),
      ]),
    ),
  )

  out.push('### End to end')
  if (e2e.length === 0) out.push('Not run (`--isolate-only`).')
  for (const run of e2e) {
    out.push(`#### ${count(run.items)} items`)
    out.push(
      `\`wrangler dev\` serving a deploy bundle of bench/worker.ts (the app plus bench-only routes) from a local D1 holding ${count(run.items)} synthetic items, ` +
        `seeded with \`seedStatements\` (${count(run.statements)} statements, FTS5 rows included, ${ms(run.seedMs)}). ` +
        `${eo.concurrency} keep-alive connections from Node on the same machine, ${eo.durationMs / 1000} s per path after ${eo.warmupMs / 1000} s of warm-up; ` +
        `the search paths rotate through the query mix. \`/bench/fts\` is the app's own FTS5 path (src/search/fts.ts), answering with the same fields as \`/api/search\`.`,
    )
    if (run.reloaded) {
      out.push(
        '**Warning:** wrangler reloaded the Worker during the load (wrangler.toml or public/ changed), so the index was loaded again mid-measurement; re-run for clean figures.',
      )
    }
    const health = run.targets[0]?.result.perSecond ?? Number.NaN
    out.push(
      table(
        ['Path', 'Route', 'Requests/s', 'p50', 'p99', 'Not 200', 'vs health'],
        run.targets.map(({ name, path, result }) => [
          name,
          `\`${path}\``,
          count(result.perSecond),
          ms(result.latency.p50),
          ms(result.latency.p99),
          count(Object.values(result.failures).reduce((a, b) => a + b, 0)),
          percent(result.perSecond / health),
        ]),
      ),
    )
    out.push(
      `First \`/api/search\` after the seed (no stored index yet: reads the bank from D1, builds the index and stores it): ${ms(run.firstSearchMs)}. ` +
        `First \`/api/search\` after a cold start (wrangler restarted, the stored index read from D1 and loaded): ${ms(run.coldStartMs)}.`,
    )
    out.push('Matches per query on each path:')
    out.push(
      table(
        ['Query', 'Kind', '`/api/search` (index)', '`/bench/fts` (FTS5)', '`/bench/like` (LIKE)'],
        run.hits.map((h, i) => [
          describe(QUERY_MIX[i]!),
          h.kind,
          count(h.search),
          count(h.fts),
          count(h.like),
        ]),
      ),
    )
  }

  out.push('### Reading these figures')
  out.push(
    [
      '- The banks are synthetic and deterministic (seeded PRNG, bench/synthetic-bank.ts): constructs, TeX stems and options in the starter bank’s vocabulary over the real taxonomy, with skewed topic popularity.',
      '- `/bench/like` returns a count and the first 21 rows: no facets, no highlighting, no ranking; it is there to show what neither index costs.',
      '- FTS5 has no typo tolerance (`perimiter` finds nothing there) and no "did you mean".',
      '- End to end, the load generator, wrangler’s proxy and workerd share the same cores, and `wrangler dev` is not the production runtime: compare paths with each other, not with production.',
      '- 1 MB = 2^20 bytes. The Worker’s limit is 128 MB per isolate.',
    ].join('\n'),
  )
  return out.join('\n\n') + '\n'
}

/** The "Search: FTS5 at scale" section (bench/search-fts.ts), written on its own. */
export function renderFtsSection(date: Date, ftsSizes: FtsSqliteResult[], loadBefore: number) {
  const out: string[] = ['## Search: FTS5 at scale']
  out.push(
    `Written by \`npm run bench:search-fts\` (bench/search-fts.ts) on ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC, on the machine above (shared; load average ${loadBefore.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end). ` +
      'The FTS5 path’s own statements (src/search/fts.ts) over its own rows (src/bank/search-rows.ts, migration 0006) on Node’s built-in SQLite, the engine D1 runs, at sizes wrangler’s local D1 takes too long to seed, without D1’s per-request overhead: 10 passes of the query mix after 2 untimed ones, p50 / p99 (matching documents). ' +
      'Each search is one batch of seven statements (the page, the count and five facets), each matching again, so its cost grows with the number of matches.',
  )
  out.push(
    table(
      ['Query', 'Kind', ...ftsSizes.map((r) => `${size(r.items)} items`)],
      [
        ['the mix', '', ...ftsSizes.map((r) => `${ms(r.mix.p50)} / ${ms(r.mix.p99)}`)],
        ...QUERY_MIX.map((query, i) => [
          describe(query),
          query.kind,
          ...ftsSizes.map((r) => {
            const q = r.queries[i]!
            return `${ms(q.latency.p50)} / ${ms(q.latency.p99)} (${count(q.hits)})`
          }),
        ]),
        ['writing the FTS5 rows', '', ...ftsSizes.map((r) => ms(r.writeMs))],
      ],
    ),
  )
  return out.join('\n\n') + '\n'
}

/** Put the Search section into docs/benchmarks.md and return it as written. */
export const writeSearchSection = (path: string, section: string) =>
  writeSection(path, 'Search', section)
