/**
 * The import benchmark: a 5,000-row diagnostic-question CSV (with 1,000 misconceptions) through
 * `npm run import`, as a dry run and as a real import into a scratch local D1, timing each run
 * and reading the CLI's peak memory (maximum resident set size) from /usr/bin/time.
 *
 *   npm run bench:import                  # this tree
 *   npm run bench:import -- --before REF  # and the same runs at git REF, for a ratio in one run
 *
 * The files are synthetic and deterministic: the research extract's shape (TeX in `\( \)`,
 * multi-line cells, a misconception id on most wrong answers, subjects from its vocabulary).
 * Progress goes to stderr; the Markdown goes to stdout and to the "Import" section of
 * docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { writeSection } from './markdown-section.ts'

const ROOT = join(import.meta.dirname, '..')
const ROWS = 5_000
const MISCONCEPTIONS = 1_000
/** Rounds per tree; the median of each is reported. */
const ROUNDS = 3
const { values: args } = parseArgs({
  options: { before: { type: 'string' }, 'files-only': { type: 'string' } },
})

const SUBJECTS = [
  'Perimeter',
  'Ordering Decimals',
  'Adding and Subtracting Fractions',
  'BIDMAS',
  'Area of Simple Shapes',
  'Linear Equations',
  'Percentages of an Amount',
  'Rounding to Decimal Places',
]

/** A seeded PRNG (mulberry32), so every run imports the same files. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)

/** Writes questions.csv and misconceptions.csv into `dir`. */
function writeFiles(dir: string) {
  const rand = random(16)
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!
  const m = ['MisconceptionId,MisconceptionName']
  for (let i = 1; i <= MISCONCEPTIONS; i++)
    m.push(
      `${i},${quote(`Believes the ${i}th rule about ${pick(SUBJECTS).toLowerCase()}, "always"`)}`,
    )
  const q = [
    'QuestionId,ConstructId,ConstructName,SubjectId,SubjectName,CorrectAnswer,QuestionText,AnswerAText,AnswerBText,AnswerCText,AnswerDText,MisconceptionAId,MisconceptionBId,MisconceptionCId,MisconceptionDId',
  ]
  for (let i = 1; i <= ROWS; i++) {
    const a = 2 + Math.floor(rand() * 20)
    const b = 2 + Math.floor(rand() * 20)
    const correct = pick(['A', 'B', 'C', 'D'])
    const answers = [
      `\\( ${a * b} \\)`,
      `\\( ${a + b} \\)`,
      `\\( \\frac{${a}}{${b}} \\)`,
      `${a}${b}`,
    ]
    const ids = ['A', 'B', 'C', 'D'].map((l) =>
      l === correct || rand() < 0.2 ? '' : String(1 + Math.floor(rand() * MISCONCEPTIONS)),
    )
    q.push(
      [
        String(i),
        String(i % 700),
        `Calculate with ${pick(SUBJECTS).toLowerCase()} (${i})`,
        String(i % 40),
        pick(SUBJECTS),
        correct,
        `A rectangle is \\( ${a} \\mathrm{~cm} \\) by \\( ${b} \\mathrm{~cm} \\).\nWhat is \\( ${a} \\times ${b} \\)?`,
        ...answers,
        ...ids,
      ]
        .map(quote)
        .join(','),
    )
  }
  writeFileSync(join(dir, 'questions.csv'), `${q.join('\n')}\n`)
  writeFileSync(join(dir, 'misconceptions.csv'), `${m.join('\n')}\n`)
}

interface Run {
  label: string
  seconds: number
  /** Peak resident set of the CLI and the processes it waited for (wrangler), by /usr/bin/time. */
  peakMb: number
  /** The CLI's own peak, as it reports it (trees from before it did say nothing). */
  ownMb: number | null
}

/** One CLI run under /usr/bin/time: wall-clock seconds and the Node process's peak RSS. */
function timed(cwd: string, label: string, extra: string[], dir: string): Run {
  const log = join(dir, 'time.log')
  const quoted = [...extra, join(dir, 'questions.csv'), join(dir, 'misconceptions.csv')]
    .map((arg) => `"${arg}"`)
    .join(' ')
  execFileSync(
    '/bin/sh',
    [
      '-c',
      `/usr/bin/time -o "${log}" -f "%e %M" "${join(ROOT, 'node_modules/.bin/node')}" scripts/import.ts ${quoted} > "${join(dir, `${label}.out`)}" 2>&1`,
    ],
    {
      cwd,
      env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
    },
  )
  const [seconds, kb] = readFileSync(log, 'utf8').trim().split(/\s+/).map(Number)
  const own = /Peak memory[^:]*: (\d+) MB/.exec(readFileSync(join(dir, `${label}.out`), 'utf8'))
  process.stderr.write(`  ${label}: ${seconds} s, ${Math.round(kb! / 1024)} MB\n`)
  return {
    label,
    seconds: seconds!,
    peakMb: Math.round(kb! / 1024),
    ownMb: own ? Number(own[1]) : null,
  }
}

/** A fresh scratch D1 for a tree's real import, and the arguments that point the CLI at it. */
function scratch(cwd: string, name: string, dir: string, round: number): string[] {
  const supportsPersist = readFileSync(join(cwd, 'scripts/import.ts'), 'utf8').includes(
    'persist-to',
  )
  // A tree whose CLI cannot be pointed elsewhere writes to its own .wrangler/state (wrangler's
  // default), which in the throwaway worktree is scratch too.
  const persist = supportsPersist ? join(dir, `d1-${name}-${round}`) : join(cwd, '.wrangler/state')
  rmSync(persist, { recursive: true, force: true })
  execFileSync(
    'npx',
    ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist],
    { cwd: ROOT, stdio: 'ignore', env: { ...process.env, CI: 'true' } },
  )
  const out = join(dir, `${name}.sql`)
  return supportsPersist ? ['--persist-to', persist, '--out', out] : ['--out', out]
}

/** The run with the median time (memory varies far less than time on a shared machine). */
function median(runs: Run[]): Run {
  return [...runs].sort((x, y) => x.seconds - y.seconds)[Math.floor(runs.length / 2)]!
}

if (args['files-only']) {
  // Just the files, for looking into one part of the import by hand.
  writeFiles(args['files-only'])
  process.exit(0)
}
const dir = mkdtempSync(join(tmpdir(), 'bench-import-'))
const started = new Date()
const load = loadavg()[0] ?? 0
writeFiles(dir)
process.stderr.write(`5,000-row CSV in ${dir}\n`)
const trees: { name: string; cwd: string }[] = []
let other: string | null = null
if (args.before) {
  // The other tree: a throwaway git worktree of REF sharing this tree's node_modules.
  other = join(dir, 'before')
  execFileSync('git', ['worktree', 'add', '--detach', other, args.before], {
    cwd: ROOT,
    stdio: 'ignore',
  })
  execFileSync('ln', ['-s', join(ROOT, 'node_modules'), join(other, 'node_modules')])
  trees.push({ name: 'before', cwd: other })
}
trees.push({ name: 'now', cwd: ROOT })
// Each round runs the dry runs first, then the real imports, and swaps the trees' order every
// round, so neither tree's dry run always follows the other's heavy import, and a burst of other
// work on the machine hits both alike.
const runs = new Map<string, Run[][]>(trees.map((tree) => [tree.name, []]))
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 === 0 ? [...trees].reverse() : trees
    const dry = new Map(
      order.map((t) => [t.name, timed(t.cwd, `${t.name}-dry`, ['--dry-run'], dir)]),
    )
    for (const t of order) {
      const args = scratch(t.cwd, t.name, dir, round)
      runs.get(t.name)!.push([dry.get(t.name)!, timed(t.cwd, `${t.name}-real`, args, dir)])
    }
  }
} finally {
  if (other)
    execFileSync('git', ['worktree', 'remove', '--force', other], { cwd: ROOT, stdio: 'ignore' })
}
const results = trees.map((tree) => {
  const all = runs.get(tree.name)!
  return {
    name: tree.name === 'before' ? `before (${args.before})` : 'now',
    runs: [median(all.map((r) => r[0]!)), median(all.map((r) => r[1]!))],
  }
})
rmSync(dir, { recursive: true, force: true })

const mem = (run: Run) =>
  `${run.peakMb} MB${run.ownMb === null ? '' : ` (CLI alone ${run.ownMb} MB)`}`
const row = (name: string, runs: Run[]) =>
  `| ${name} | ${runs[0]!.seconds.toFixed(1)} s | ${mem(runs[0]!)} | ${runs[1]!.seconds.toFixed(1)} s | ${mem(runs[1]!)} |`
const section = `## Import

\`npm run bench:import${args.before ? ` -- --before ${args.before}` : ''}\`: a synthetic 5,000-row questions CSV with 1,000
misconceptions (the research extract's shape), through \`npm run import\` into a scratch local D1: three
rounds (dry runs first, then real imports, the trees' order swapped each round), medians shown. Run
${started.toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model.trim()}), shared with other work (1-minute load
average ${load.toFixed(1)} at the start), so read the rows against each other rather than as absolutes. Time is
wall-clock for the whole CLI (a real import includes \`wrangler d1 execute\`); memory is the peak
resident set that \`/usr/bin/time\` reports for the CLI and the processes it ran (in a real import,
\`wrangler d1 execute\` reading the SQL is the largest), with the CLI's own peak beside it where
it reports one.

| tree | dry run | dry-run memory | real import | real-import memory |
| --- | --- | --- | --- | --- |
${results.map((r) => row(r.name, r.runs)).join('\n')}

What changed, and what is left:

- A real import wrote one \`INSERT … SELECT\` per item for its revision and one \`DELETE\` per item
  for options beyond its last: 10,000 statements for 5,000 rows, about half of wrangler's time.
  Both are now multi-row statements under D1's size limit (\`revisionStatements\` and the grouped
  option clean-up in src/bank/seed.ts): about 70 statements, with the same result and still
  re-importable without change.
- The CLI no longer compiles (renders) the whole starter bank before reading a line: it needs only
  the taxonomy and the misconceptions' names. The SQL is streamed to its file, not joined first.
- The largest process of a real import is \`wrangler d1 execute\` reading the SQL (about 35 MB,
  mostly rendered KaTeX HTML). Splitting it into several executions would lower that peak but
  lose the all-or-nothing of one file (a failed statement rolls the whole file back), so it stays.
- Dry runs did not change: both trees parse and render the same way, and on this shared machine
  the same run varies by up to 2× from round to round (compare the rounds on stderr). A dry run
  is mostly KaTeX: rendering every stem, option and explanation (about 30,000
  formulas here) is about 60% of it, because rendering is how TeX is validated. Repeated
  formulas (units, small numbers) are common in real files, so memoising \`renderTex\` in
  src/lib/render.ts is the next step; it is shared code, so it is left for its owner.
`
process.stdout.write(await writeSection(join(ROOT, 'docs/benchmarks.md'), 'Import', section))
