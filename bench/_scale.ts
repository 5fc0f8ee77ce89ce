import { join } from 'node:path'
import { loadContent } from '../src/bank/content-files.ts'
import { SearchIndex } from '../src/search/engine.ts'
import { encodeIndex, decodeIndex } from '../src/search/index-codec.ts'
import { generateBank, toSearchSource } from './synthetic-bank.ts'
import { QUERY_MIX } from './queries.ts'
const gc = (globalThis as any).gc
const { bank } = await loadContent('content', { quality: false })
for (const size of process.argv.slice(2).map(Number)) {
  gc()
  gc()
  const before = process.memoryUsage()
  let source: any = toSearchSource(generateBank(bank.taxonomy, size))
  let t = performance.now()
  let index: SearchIndex | undefined = SearchIndex.build(source, 'v')
  const build = performance.now() - t
  t = performance.now()
  const bytes = encodeIndex(index.indexData)
  const enc = performance.now() - t
  source = undefined
  index = undefined
  gc()
  gc()
  const mid = process.memoryUsage()
  t = performance.now()
  const loaded = new SearchIndex(decodeIndex(bytes)!)
  const load = performance.now() - t
  gc()
  gc()
  const after = process.memoryUsage()
  const heap = (after.heapUsed - mid.heapUsed) / 2 ** 20
  const ext = (after.arrayBuffers - mid.arrayBuffers) / 2 ** 20
  const times: number[] = []
  for (let i = 0; i < 20; i++) for (const q of QUERY_MIX) loaded.search(q.q, q.filters, 0, 21)
  for (let i = 0; i < 200; i++)
    for (const q of QUERY_MIX) {
      const s = performance.now()
      loaded.search(q.q, q.filters, 0, 21)
      times.push(performance.now() - s)
    }
  times.sort((a, b) => a - b)
  console.log(
    `${size}: build ${build.toFixed(0)} ms, encode ${enc.toFixed(0)} ms, bytes ${(bytes.length / 2 ** 20).toFixed(2)} MB, load ${load.toFixed(0)} ms, heap ${heap.toFixed(1)} MB + buffers ${ext.toFixed(1)} MB (blob incl.), terms ${loaded.indexData.terms.length}, surfaces ${loaded.indexData.surfaces.length}, postings ${loaded.indexData.postDocs.length}, p50 ${times[times.length >> 1]!.toFixed(3)} p99 ${times[Math.floor(times.length * 0.99)]!.toFixed(3)}`,
  )
  for (const q of QUERY_MIX) {
    const r = loaded.search(q.q, q.filters, 0, 21)
    console.log('   ', q.q, r.total)
  }
}
