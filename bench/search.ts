/**
 * The search benchmark: is the in-isolate index fast and small enough at the bank sizes we
 * expect, how does it compare with the MiniSearch index it replaced, and is it worth it compared
 * with asking D1 (FTS5 or LIKE) on every request?
 *
 *   npm run bench:search                        # everything, ~10 minutes on 2 cores
 *   npm run bench:search -- --isolate-only        # skip the wrangler part
 *   npm run bench:search -- --e2e-items=2000      # a quicker end-to-end check
 *   npm run bench:search -- --e2e-items=10000,50000  # end to end at each size (load at each)
 *
 * 1. In the isolate: build, stored size, load, memory and search latency at 2k, 10k, 50k and
 *    200k items (MiniSearch beside it up to 50k: at 200k it would not fit an isolate at all).
 * 2. End to end: requests/s and latency of /api/health, /api/search, the app's FTS5 path and a
 *    LIKE route under bounded concurrent load, through `wrangler dev` with a 10k-item local D1;
 *    and the first search after the seed and after a cold start.
 *
 * Progress goes to stderr; the Markdown report goes to stdout and to docs/benchmarks.md.
 */
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { loadContent } from '../src/bank/content-files.ts'
import { benchEndToEnd } from './e2e.ts'
import { benchIsolate } from './isolate.ts'
import { renderSearchSection, writeSearchSection } from './report.ts'
import { mb, ms, size } from './stats.ts'

const ROOT = join(import.meta.dirname, '..')
const SIZES = [2_000, 10_000, 50_000, 200_000]
/** MiniSearch needs 127 MB at 50k; larger banks are measured for the new index only. */
const BASELINE_UP_TO = 50_000
// Enough samples for a stable p99 (1,000 per size) while keeping each size under a minute.
const ISOLATE = { iterations: 200, warmup: 20, builds: 3, browses: 20, baseline: true }
const LOAD = { concurrency: 32, durationMs: 8_000, warmupMs: 1_500 }

const { values: args } = parseArgs({
  options: {
    'isolate-only': { type: 'boolean', default: false },
    // Seeding dominates the run: about 7 s per 1,000 items in wrangler's local D1.
    'e2e-items': { type: 'string', default: '10000,50000' },
  },
})
const e2eSizes = args['e2e-items'].split(',').map(Number)
if (e2eSizes.some((n) => !Number.isSafeInteger(n) || n < 1))
  throw new Error('--e2e-items must be counts, comma-separated')
const log = (message: string) => process.stderr.write(`${message}\n`)
const started = performance.now()
const loadBefore = loadavg()[0]!

// Only the taxonomy is used: topics, strands and their key stages, exactly as content/ has them.
const { bank } = await loadContent(join(ROOT, 'content'), { quality: false })
if (bank.taxonomy.topics.length === 0) throw new Error('content/taxonomy.yaml did not load')

const isolate = []
for (const items of SIZES) {
  log(`isolate: ${size(items)} items…`)
  // Fewer builds for large banks: each takes seconds, and the median of two is as telling.
  const result = benchIsolate(bank.taxonomy, items, {
    ...ISOLATE,
    builds: items > 10_000 ? 2 : ISOLATE.builds,
    baseline: items <= BASELINE_UP_TO,
  })
  for (const [name, e] of [
    ['index', result.engine],
    ['MiniSearch', result.baseline],
  ] as const) {
    if (!e) continue
    log(
      `  ${name}: build ${ms(e.buildMs)}, memory ${mb(e.memoryBytes)}, p50 ${ms(e.mix.p50)}, p99 ${ms(e.mix.p99)}`,
    )
  }
  isolate.push(result)
}

const e2e = []
if (!args['isolate-only']) {
  for (const items of e2eSizes)
    e2e.push(await benchEndToEnd({ root: ROOT, taxonomy: bank.taxonomy, items, ...LOAD, log }))
}

const section = renderSearchSection({
  date: new Date(),
  isolate,
  isolateOptions: ISOLATE,
  e2e,
  e2eOptions: LOAD,
  runSeconds: (performance.now() - started) / 1000,
  loadBefore,
})
const written = await writeSearchSection(join(ROOT, 'docs', 'benchmarks.md'), section)
process.stdout.write(written)
log(`wrote docs/benchmarks.md in ${Math.round((performance.now() - started) / 1000)} s`)
