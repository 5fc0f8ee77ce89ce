/**
 * The FTS5 path at 10k, 50k and 200k items, on Node's SQLite (bench/fts-sqlite.ts explains why
 * not through wrangler): what a bank beyond SEARCH_MAX_INDEXED_DOCUMENTS costs per search.
 *
 *   npm run bench:search-fts     # ~3 minutes; writes "Search: FTS5 at scale" in docs/benchmarks.md
 */
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { loadContent } from '../src/bank/content-files.ts'
import { benchFtsSqlite } from './fts-sqlite.ts'
import { writeSection } from './markdown-section.ts'
import { renderFtsSection } from './report.ts'
import { ms, size } from './stats.ts'

const ROOT = join(import.meta.dirname, '..')
const loadBefore = loadavg()[0]!
const { bank } = await loadContent(join(ROOT, 'content'), { quality: false })
const results = []
for (const items of [10_000, 50_000, 200_000]) {
  process.stderr.write(`FTS5 on SQLite: ${size(items)} items…\n`)
  const result = await benchFtsSqlite(ROOT, bank.taxonomy, items, 10)
  process.stderr.write(`  p50 ${ms(result.mix.p50)}, p99 ${ms(result.mix.p99)}\n`)
  results.push(result)
}
const section = renderFtsSection(new Date(), results, loadBefore)
process.stdout.write(
  await writeSection(join(ROOT, 'docs', 'benchmarks.md'), 'Search: FTS5 at scale', section),
)
