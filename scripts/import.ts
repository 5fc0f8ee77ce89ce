/**
 * Import items and misconceptions into the local D1 (or, with --remote, the deployed one).
 *
 *   npm run import -- [--remote] [--dry-run] [--licence SPDX] [--status draft|review|published] FILE…
 *
 * FILE is a content/-style folder, a questions CSV together with its misconceptions CSV (the
 * diagnostic-question layout), a Moodle XML file, or one of our JSON exports. Bad rows are
 * skipped and reported by row number; all the good rows are applied in one go. Re-importing the
 * same files changes nothing.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { formatProblem, loadContent } from '../src/bank/content-files.ts'
import { type ImportSource, prepareImport } from '../src/imports/prepare.ts'
import { seedStatements } from '../src/bank/seed.ts'
import { itemStatuses } from '../src/db/schema.ts'

const { positionals: files, values } = parseArgs({
  allowPositionals: true,
  options: {
    remote: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    licence: { type: 'string', default: 'CC-BY-4.0' },
    status: { type: 'string', default: 'published' },
    out: { type: 'string', default: '.wrangler/import.sql' },
  },
})
const status = values.status as (typeof itemStatuses)[number]
if (files.length === 0 || !itemStatuses.includes(status)) {
  console.error(
    'usage: npm run import -- [--remote] [--dry-run] [--licence SPDX] [--status draft|review|published] FILE…',
  )
  process.exit(2)
}

/** A progress bar on a terminal; a line every 10% when output goes to a log. */
function progress(done: number, total: number) {
  const width = 30
  if (process.stderr.isTTY) {
    const filled = Math.round((done / total) * width)
    process.stderr.write(
      `\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} items`,
    )
    if (done === total) process.stderr.write('\n')
  } else if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) {
    process.stderr.write(`  ${done}/${total} items\n`)
  }
}

const started = performance.now()
// The bank's own content gives the taxonomy and the misconceptions imported items may refer to.
const base = await loadContent(resolve('content'), { quality: false })
const sources: ImportSource[] = []
const folders: string[] = []
const csvs: { path: string; text: string }[] = []
for (const file of files) {
  const path = resolve(file)
  if ((await stat(path)).isDirectory()) folders.push(path)
  else if (/\.csv$/i.test(path)) csvs.push({ path, text: await readFile(path, 'utf8') })
  else if (/\.xml$/i.test(path))
    sources.push({ format: 'moodle-xml', name: basename(path), xml: await readFile(path, 'utf8') })
  else if (/\.json$/i.test(path))
    sources.push({ format: 'json', name: basename(path), text: await readFile(path, 'utf8') })
  else {
    console.error(`${file}: not a folder, .csv, .xml or .json file`)
    process.exit(2)
  }
}
// CSVs come in pairs: the questions file (QuestionId, …) and the misconceptions file.
if (csvs.length > 0) {
  const questions = csvs.filter((c) => /^\uFEFF?QuestionId\b/.test(c.text))
  const misconceptions = csvs.filter((c) => /^\uFEFF?MisconceptionId\b/.test(c.text))
  if (questions.length !== 1 || misconceptions.length !== 1 || csvs.length !== 2) {
    console.error(
      'CSV import takes exactly two files: the questions CSV and its misconceptions CSV.',
    )
    process.exit(2)
  }
  sources.push({
    format: 'diagnostic-csv',
    name: basename(questions[0]!.path),
    questions: questions[0]!.text,
    misconceptions: misconceptions[0]!.text,
  })
}

const { bank, report } = prepareImport(sources, base.bank.taxonomy, {
  licence: values.licence,
  status,
  knownMisconceptions: new Set(base.bank.misconceptions.map((m) => m.row.slug)),
  onProgress: progress,
})
for (const folder of folders) {
  const loaded = await loadContent(folder, { quality: false })
  for (const p of loaded.problems)
    report.skipped.push({ source: folder, row: null, message: formatProblem(p) })
  if (loaded.problems.length === 0) {
    bank.misconceptions.push(...loaded.bank.misconceptions)
    bank.items.push(...loaded.bank.items)
  }
}

console.log(`\nImport report (${Math.round(performance.now() - started)} ms)`)
console.log(
  `  ready to import: ${bank.items.length} items, ${bank.misconceptions.length} misconceptions`,
)
console.log(`  skipped: ${report.skipped.length}`)
for (const p of report.skipped)
  console.log(`    ${p.source}${p.row ? ` row ${p.row}` : ''}: ${p.message}`)
if (report.flagged.length > 0) {
  console.log(`  imported but flagged: ${report.flagged.length}`)
  for (const p of report.flagged)
    console.log(`    ${p.source}${p.row ? ` row ${p.row}` : ''}: ${p.message}`)
}
if (values['dry-run']) {
  console.log('Dry run: nothing was written.')
  process.exit(0)
}
if (bank.items.length === 0 && bank.misconceptions.length === 0) {
  console.log('Nothing to import.')
  process.exit(report.skipped.length > 0 ? 1 : 0)
}
// Upserts by stable id, one file, one `wrangler d1 execute`: the good rows land together.
const statements = seedStatements(bank)
await mkdir(dirname(values.out), { recursive: true })
await writeFile(values.out, statements.join('\n') + '\n')
execFileSync(
  'wrangler',
  ['d1', 'execute', 'DB', values.remote ? '--remote' : '--local', '--file', values.out, '--yes'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
)
console.log(
  `Imported into the ${values.remote ? 'remote' : 'local'} D1; search picks it up on the next request.`,
)
