import { readFileSync, readdirSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { compileItem, compileTaxonomy } from '/work/wt-interchange/src/bank/compile.ts'
import { taxonomySchema } from '/work/wt-interchange/src/bank/schemas.ts'
import { parseDiagnosticCsv } from '/work/wt-interchange/src/interchange/diagnostic-csv.ts'
import { prepareImport } from '/work/wt-interchange/src/imports/prepare.ts'
import { seedStatements } from '/work/wt-interchange/src/bank/seed.ts'
const t0 = performance.now()
const q = new Uint8Array(readFileSync('/tmp/exp/questions.csv')), m = new Uint8Array(readFileSync('/tmp/exp/misconceptions.csv'))
const r = parseDiagnosticCsv(q, m, {})
const t1 = performance.now()
for (const { row, note, ...i } of r.items) compileItem(i)
const t2 = performance.now()
const taxonomy = compileTaxonomy(taxonomySchema.parse(parseYaml(readFileSync('content/taxonomy.yaml', 'utf8'))))
const p = prepareImport([{ format: 'diagnostic-csv', name: 'q', questions: q, misconceptions: m }], taxonomy, {})
const t3 = performance.now()
const st = seedStatements(p.bank)
const t4 = performance.now()
console.log({ parse: t1 - t0, compile: t2 - t1, prepare: t3 - t2, seed: t4 - t3, rss: process.memoryUsage().rss / 2 ** 20, heap: process.memoryUsage().heapUsed / 2 ** 20, maxrss: process.resourceUsage().maxRSS / 1024 })
