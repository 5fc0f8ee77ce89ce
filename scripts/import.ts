/**
 * Import items and misconceptions into the local D1 (or, with --remote, the deployed one).
 *
 *   npm run import -- [--remote] [--dry-run] [--licence SPDX] [--status draft|review|published]
 *                     [--topic SLUG] FILE…
 *
 * FILE is a content/-style folder, a questions CSV (with its misconceptions CSV when it names
 * misconceptions by the layout's integer ids), a Moodle XML file, a GIFT file (.gift, or .txt as
 * Moodle saves it), or one of our JSON exports. CSVs are read as bytes, so their encoding is
 * detected. --topic places questions whose category, subject or tags match none of our topics.
 * Bad rows are skipped and reported by row number; all the good rows are applied in one go.
 * Re-importing the same files changes nothing.
 *
 * Images the files carry go to the MEDIA R2 bucket with `wrangler r2 object put` (--local, the
 * store `wrangler dev` reads, or --remote), one call per image not already uploaded, before the
 * items that show them are written; copies are left in .wrangler/import-media/ for inspection.
 */
import { execFileSync } from 'node:child_process'
import { createWriteStream, existsSync } from 'node:fs'
import { once } from 'node:events'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { parse as parseYaml } from 'yaml'
import { compileTaxonomy } from '../src/bank/compile.ts'
import { formatProblem, loadContent } from '../src/bank/content-files.ts'
import { taxonomySchema } from '../src/bank/schemas.ts'
import { seedStatements, toSqlText } from '../src/bank/seed.ts'
import { itemStatuses } from '../src/db/schema.ts'
import { type ImportSource, prepareImport } from '../src/imports/prepare.ts'
import { decodeText } from '../src/interchange/encoding.ts'

const USAGE =
  'usage: npm run import -- [--remote] [--dry-run] [--licence SPDX] [--status draft|review|published] [--topic SLUG] FILE…'

const { positionals: files, values } = parseArgs({
  allowPositionals: true,
  options: {
    remote: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    licence: { type: 'string', default: 'CC-BY-4.0' },
    status: { type: 'string', default: 'published' },
    topic: { type: 'string' },
    out: { type: 'string', default: '.wrangler/import.sql' },
    // Another local D1 and R2 than wrangler dev's (the import benchmark uses a scratch one).
    'persist-to': { type: 'string' },
  },
})
const status = values.status as (typeof itemStatuses)[number]
if (files.length === 0 || !itemStatuses.includes(status)) {
  console.error(USAGE)
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
// Only their names are needed (their rows are already in D1): compiling the whole bank here, as
// this script once did, rendered every item's TeX before the import had read a line.
const taxonomy = compileTaxonomy(
  taxonomySchema.parse(parseYaml(await readFile(resolve('content/taxonomy.yaml'), 'utf8'))),
)
const knownMisconceptions = new Set(
  (await readdir(resolve('content/misconceptions')))
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -3)),
)
if (values.topic && !taxonomy.topics.some((t) => t.slug === values.topic)) {
  console.error(`--topic ${values.topic}: no such topic in content/taxonomy.yaml`)
  process.exit(2)
}
const sources: ImportSource[] = []
const folders: string[] = []
const csvs: { path: string; bytes: Uint8Array; header: string }[] = []
for (const file of files) {
  const path = resolve(file)
  if ((await stat(path)).isDirectory()) {
    folders.push(path)
    continue
  }
  const bytes = new Uint8Array(await readFile(path))
  const text = () => decodeText(bytes).text
  // Excel's "Unicode text" is a tab-separated CSV saved as .txt, as is Moodle's GIFT export:
  // the header tells them apart.
  const header = /\.(csv|tsv|txt)$/i.test(path) ? text().slice(0, 500) : ''
  if (/^(sep=.\r?\n)?"?(QuestionId|MisconceptionId)\b/.test(header))
    csvs.push({ path, bytes, header })
  else if (/\.xml$/i.test(path))
    sources.push({ format: 'moodle-xml', name: basename(path), xml: text() })
  else if (/\.(gift|txt)$/i.test(path))
    sources.push({ format: 'gift', name: basename(path), text: text() })
  else if (/\.json$/i.test(path))
    sources.push({ format: 'json', name: basename(path), text: text() })
  else {
    console.error(`${file}: not a folder, .csv, .xml, .gift/.txt or .json file`)
    process.exit(2)
  }
}
// A questions CSV (QuestionId, …), and its misconceptions CSV when it uses the layout's ids.
if (csvs.length > 0) {
  const questions = csvs.filter((c) =>
    /QuestionId/.test(c.header.split(/\r?\n/)[c.header.startsWith('sep=') ? 1 : 0] ?? ''),
  )
  const misconceptions = csvs.filter((c) => !questions.includes(c))
  if (questions.length !== 1 || misconceptions.length > 1) {
    console.error(
      'CSV import takes one questions CSV, and at most one misconceptions CSV beside it.',
    )
    process.exit(2)
  }
  sources.push({
    format: 'diagnostic-csv',
    name: basename(questions[0]!.path),
    questions: questions[0]!.bytes,
    misconceptions: misconceptions[0]?.bytes,
    misconceptionsName: misconceptions[0] && basename(misconceptions[0].path),
  })
}

const { bank, report, media } = prepareImport(sources, taxonomy, {
  licence: values.licence,
  status,
  defaultTopic: values.topic,
  knownMisconceptions,
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
for (const f of report.files)
  console.log(
    `  read ${f.source} as ${f.format}${f.encoding ? ` (${f.encoding}, ${f.delimiter}-separated)` : ''}`,
  )
console.log(
  `  ready to import: ${bank.items.length} items, ${bank.misconceptions.length} misconceptions, ${media.length} images`,
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
  console.log(`Peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
  process.exit(0)
}
if (bank.items.length === 0 && bank.misconceptions.length === 0) {
  console.log('Nothing to import.')
  process.exit(report.skipped.length > 0 ? 1 : 0)
}
const where = values.remote ? ['--remote'] : ['--local']
if (!values.remote && values['persist-to']) where.push('--persist-to', values['persist-to'])
if (media.length > 0) {
  const bucket = /binding\s*=\s*"MEDIA"\s*\n\s*bucket_name\s*=\s*"([^"]+)"/.exec(
    await readFile('wrangler.toml', 'utf8'),
  )?.[1]
  if (!bucket) throw new Error('wrangler.toml has no MEDIA bucket')
  const folder = resolve('.wrangler/import-media')
  await mkdir(folder, { recursive: true })
  for (const file of media) {
    const path = join(folder, file.key)
    // Keys are hashes of the bytes: one uploaded before (by this folder's record) is the same.
    const marker = `${path}.${values.remote ? 'remote' : (values['persist-to'] ?? 'local').replace(/\W+/g, '_')}`
    if (existsSync(marker)) continue
    await writeFile(path, file.bytes)
    execFileSync(
      'wrangler',
      [
        'r2',
        'object',
        'put',
        `${bucket}/${file.key}`,
        '--file',
        path,
        '--content-type',
        file.contentType,
        ...where,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    )
    await writeFile(marker, '')
  }
}
// Upserts by stable id, one file, one `wrangler d1 execute`: the good rows land together. The
// statements are written one by one rather than joined: the joined text was a second copy of
// tens of megabytes of rendered HTML.
await mkdir(dirname(values.out), { recursive: true })
const sql = createWriteStream(values.out)
// The file takes no parameters: here alone the values are written into the SQL text.
for (const statement of toSqlText(seedStatements(bank))) {
  if (!sql.write(`${statement}\n`)) await once(sql, 'drain')
}
sql.end()
await once(sql, 'finish')
execFileSync('wrangler', ['d1', 'execute', 'DB', ...where, '--file', values.out, '--yes'], {
  stdio: ['ignore', 'ignore', 'inherit'],
})
console.log(
  `Imported into the ${values.remote ? 'remote' : 'local'} D1; search picks it up on the next request.`,
)
console.log(`Peak memory of this process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
