/**
 * The content build. `check` validates content/ and renders all its TeX; `build` also writes the
 * seed SQL; `seed` builds and applies it to the local D1 (or, with --remote, the deployed one).
 * Every file is validated before anything is written, so a bad file seeds nothing.
 *
 *   node scripts/content.ts check|build|seed [--remote] [--content DIR]
 */
import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { formatProblem, loadContent } from '../src/bank/content-files.ts'
import { seedStatements, toSqlText } from '../src/bank/seed.ts'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    remote: { type: 'boolean', default: false },
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: '.wrangler/seed.sql' },
  },
})
const command = positionals[0] ?? 'check'
if (!['check', 'build', 'seed'].includes(command)) {
  console.error(`unknown command "${command}"; use check, build or seed`)
  process.exit(2)
}

const started = performance.now()
const { bank, problems } = await loadContent(resolve(values.content))
if (problems.length > 0) {
  for (const problem of problems) console.error(formatProblem(problem))
  console.error(`\n${problems.length} problem(s) in ${values.content}/; nothing was written.`)
  process.exit(1)
}
const summary = `${bank.items.length} items, ${bank.misconceptions.length} misconceptions, ${bank.taxonomy.topics.length} topics`
console.log(`content OK: ${summary} (${Math.round(performance.now() - started)} ms)`)
if (command === 'check') process.exit(0)

const statements = seedStatements(bank)
await mkdir(dirname(values.out), { recursive: true })
// The file takes no parameters: here alone the values are written into the SQL text.
await writeFile(values.out, toSqlText(statements).join('\n') + '\n')
console.log(`wrote ${statements.length} statements to ${values.out}`)
if (command === 'build') process.exit(0)

execFileSync(
  'wrangler',
  ['d1', 'execute', 'DB', values.remote ? '--remote' : '--local', '--file', values.out, '--yes'],
  { stdio: 'inherit' },
)
console.log(`seeded ${values.remote ? 'the remote' : 'the local'} D1 with ${summary}`)
