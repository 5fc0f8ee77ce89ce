import { loadContent } from '../src/bank/content-files.ts'
import { benchIsolate } from './isolate.ts'
const { bank } = await loadContent('content', { quality: false })
for (const n of process.argv.slice(2).map(Number)) {
  const r = benchIsolate(bank.taxonomy, n, { iterations: 100, warmup: 10, builds: 1, browses: 10, baseline: false })
  const e = r.engine
  console.log(n, 'build', e.buildMs.toFixed(0), 'load', e.loadMs?.toFixed(0), 'bytes', (e.storedBytes! / 2 ** 20).toFixed(1), 'mem', (e.memoryBytes / 2 ** 20).toFixed(1), 'p50', e.mix.p50.toFixed(3), 'p99', e.mix.p99.toFixed(3), 'browse', e.browse.p50.toFixed(3))
  for (const q of e.queries) console.log('   ', q.q, q.hits, q.latency.p50.toFixed(3), q.latency.p99.toFixed(3))
}
