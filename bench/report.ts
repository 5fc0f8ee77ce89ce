/**
 * The benchmark's findings as Markdown: the "Search" section of docs/benchmarks.md, printed too.
 * Other sections of that file belong to other benchmarks and are left as they are.
 */
import { cpus, loadavg, totalmem } from 'node:os'
import type { EndToEndResult } from './e2e.ts'
import type { IsolateResult } from './isolate.ts'
import { writeSection } from './markdown-section.ts'
import { describe, QUERY_MIX } from './queries.ts'
import { count, MB, mb, ms, percent, size } from './stats.ts'

export interface ReportInput {
  date: Date
  isolate: IsolateResult[]
  isolateOptions: { iterations: number; warmup: number }
  e2e: EndToEndResult | null
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

function targets({ isolate, e2e }: ReportInput): Target[] {
  const at = (items: number) => isolate.find((r) => r.items === items)
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
  check('10k items, in-isolate: search p50 ≤ 1 ms', at(10_000)?.mix.p50, 1, ms)
  check('10k items, in-isolate: search p99 ≤ 5 ms', at(10_000)?.mix.p99, 5, ms)
  check('10k items: index heap ≤ 30 MB', at(10_000)?.heapBytes, 30 * MB, mb)
  check('10k items: index ready ≤ 150 ms (in-isolate build)', at(10_000)?.buildMs, 150, ms)
  const firstSearch = e2e?.items === 10_000 ? e2e.firstSearchMs : undefined
  check(
    '10k items: index ready ≤ 150 ms (end to end: first search, D1 load + build)',
    firstSearch,
    150,
    ms,
  )
  check('50k items, in-isolate: search p50 ≤ 3 ms', at(50_000)?.mix.p50, 3, ms)
  check('50k items: index heap ≤ 100 MB', at(50_000)?.heapBytes, 100 * MB, mb)

  const rate = (key: string) => e2e?.targets.find((t) => t.key === key)?.result.perSecond
  const [health, search, fts] = [rate('health'), rate('search'), rate('fts')]
  const ran = health !== undefined && search !== undefined && fts !== undefined
  // Throughput is compared at whatever size the end-to-end run used (10k unless overridden).
  const note = e2e && e2e.items !== 10_000 ? ` at ${size(e2e.items)} items` : ''
  rows.push({
    target: 'End to end: search throughput ≥ 60% of health',
    measured: ran
      ? `${percent(search / health)} (${count(search)} vs ${count(health)} req/s${note})`
      : 'not run',
    met: ran ? search / health >= 0.6 : null,
  })
  rows.push({
    target: 'End to end: search throughput above the FTS5 path',
    measured: ran ? `${count(search)} vs ${count(fts)} req/s${note}` : 'not run',
    met: ran ? search > fts : null,
  })
  return rows
}

/** "3 builds", or "3 builds (2 at 50k)" when the largest sizes were built fewer times. */
function builds(results: IsolateResult[]): string {
  const usual = results[0]?.builds ?? 0
  const fewer = results
    .filter((r) => r.builds !== usual)
    .map((r) => `${r.builds} at ${size(r.items)}`)
  return `${usual} builds${fewer.length > 0 ? ` (${fewer.join(', ')})` : ''}`
}

export function renderSearchSection(input: ReportInput): string {
  const { isolate, e2e, isolateOptions: io, e2eOptions: eo } = input
  const cpu = cpus()
  const out: string[] = []
  out.push('## Search')
  out.push(
    `Written by \`npm run bench:search\` (bench/search.ts) on ${input.date.toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${Math.round(input.runSeconds)} s. ` +
      `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM; ` +
      `Node ${process.version}${e2e ? `; wrangler ${e2e.wranglerVersion} (local workerd)` : ''}. ` +
      `Load average (1 min) ${input.loadBefore.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end.`,
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
    `The \`SearchIndex\` class in Node, built from synthetic documents (about one misconception per ten items). ` +
      `Latency is one \`search()\` plus \`present()\` of the first 21 hits, as \`/api/search\` does, over ` +
      `${io.iterations} interleaved passes of the query mix after ${io.warmup} untimed ones. ` +
      `Build is the median of ${builds(isolate)}; heap is what the index keeps alive after GC once its input documents are dropped.`,
  )
  out.push(
    table(
      [
        'Items',
        'Documents',
        'Index build',
        'Index heap',
        'Mix p50',
        'Mix p99',
        'Browse (empty `q`) p50',
      ],
      isolate.map((r) => [
        count(r.items),
        count(r.documents),
        ms(r.buildMs),
        mb(r.heapBytes),
        ms(r.mix.p50),
        ms(r.mix.p99),
        ms(r.browse.p50),
      ]),
    ),
  )
  out.push('Per query: p50 / p99, and the number of matching documents.')
  out.push(
    table(
      ['Query', 'Kind', ...isolate.map((r) => `${size(r.items)} items`)],
      (isolate[0]?.queries ?? []).map((query, i) => [
        describe(QUERY_MIX[i]!),
        query.kind,
        ...isolate.map((r) => {
          const q = r.queries[i]!
          return `${ms(q.latency.p50)} / ${ms(q.latency.p99)} (${count(q.hits)})`
        }),
      ]),
    ),
  )

  out.push('### End to end')
  if (!e2e) {
    out.push('Not run (`--isolate-only`).')
  } else {
    out.push(
      `\`wrangler dev\` serving a deploy bundle of bench/worker.ts (the app plus bench-only routes) from a local D1 holding ${count(e2e.items)} synthetic items, ` +
        `seeded with \`seedStatements\` (${count(e2e.statements)} statements, ${ms(e2e.seedMs)}). ` +
        `${eo.concurrency} keep-alive connections from Node on the same machine, ${eo.durationMs / 1000} s per path after ${eo.warmupMs / 1000} s of warm-up; ` +
        `the search paths rotate through the query mix.`,
    )
    if (e2e.reloaded) {
      out.push(
        '**Warning:** wrangler reloaded the Worker during the run (wrangler.toml or public/ changed), so the index was rebuilt mid-measurement; re-run for clean figures.',
      )
    }
    const health = e2e.targets[0]?.result.perSecond ?? Number.NaN
    out.push(
      table(
        ['Path', 'Route', 'Requests/s', 'p50', 'p99', 'Not 200', 'vs health'],
        e2e.targets.map(({ name, path, result }) => [
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
      `First \`/api/search\` after start-up (reads every document from D1 and builds the index): ${ms(e2e.firstSearchMs)}.`,
    )
    out.push('Matches per query on each path:')
    out.push(
      table(
        [
          'Query',
          'Kind',
          '`/api/search` (MiniSearch)',
          '`/bench/fts` (FTS5)',
          '`/bench/like` (LIKE)',
        ],
        e2e.hits.map((h, i) => [
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
      '- The banks are synthetic and deterministic (seeded PRNG, bench/synthetic-bank.ts): constructs, TeX stems and options in the starter bank’s vocabulary over the real taxonomy, with skewed topic popularity. MiniSearch indexes misconceptions too; the FTS5 and LIKE paths cover items only.',
      '- `/bench/fts` and `/bench/like` return a count and the first 21 rows: no facets, no highlighting, no typo tolerance, and they search the stem’s TeX source. They do less work per request than `/api/search`, and find nothing for a typo.',
      '- End to end, the load generator, wrangler’s proxy and workerd share the same cores, and `wrangler dev` is not the production runtime: compare paths with each other, not with production.',
      '- 1 MB = 2^20 bytes. Heap is V8 `heapUsed`; the Worker’s limit is 128 MB per isolate.',
    ].join('\n'),
  )
  return out.join('\n\n') + '\n'
}

/** Put the Search section into docs/benchmarks.md and return it as written. */
export const writeSearchSection = (path: string, section: string) =>
  writeSection(path, 'Search', section)
