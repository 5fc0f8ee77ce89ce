/**
 * Restores a backup made by `npm run backup` into a database, which must be empty (the file
 * creates every table): a fresh local D1 by default, or with `--remote` the database named by
 * `--database` (create one with `wrangler d1 create`, restore, then point wrangler.toml at it).
 *
 *   npm run restore -- backups/misconception-bank-remote-….sql              # the local D1
 *   npm run restore -- FILE --remote --database misconception-bank-restored
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    remote: { type: 'boolean', default: false },
    database: { type: 'string', default: 'DB' },
    config: { type: 'string' },
  },
})
const file = positionals[0]
if (!file || !existsSync(file)) {
  console.error('usage: npm run restore -- FILE [--remote --database NAME]')
  process.exit(2)
}
const target = [
  values.database,
  values.remote ? '--remote' : '--local',
  ...(values.config ? ['--config', values.config] : []),
]
// Refuse a database that already has the schema: the file would half-apply and then fail.
const probe = execFileSync(
  'wrangler',
  [
    'd1',
    'execute',
    ...target,
    '--json',
    '--command',
    "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'users'",
  ],
  { encoding: 'utf8' },
)
if ((JSON.parse(probe) as { results: { n: number }[] }[])[0]?.results[0]?.n) {
  console.error(`${values.database} already has tables: restore into an empty database`)
  process.exit(1)
}
/** The statements of a SQL file: split at semicolons outside quoted strings and identifiers. */
function statements(sql: string): string[] {
  const out: string[] = []
  let start = 0
  let quote: string | null = null
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!
    if (quote) {
      if (ch === quote) quote = sql[i + 1] === quote ? (i++, quote) : null
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch
    else if (ch === ';') {
      const text = sql.slice(start, i + 1).trim()
      if (text !== ';') out.push(text)
      start = i + 1
    }
  }
  const rest = sql.slice(start).trim()
  if (rest) out.push(rest)
  return out
}

// `d1 export` writes each table with its rows in name order, so a row can arrive before the table
// its foreign key points at (D1 cannot turn foreign keys off): every table is created first.
const all = statements(readFileSync(file, 'utf8'))
const isTable = (s: string) => /^CREATE TABLE/i.test(s)
/** The CREATE VIRTUAL TABLE statements of the migrations, as they are written there. */
function ftsTable(): string[] {
  return readdirSync('migrations')
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .flatMap(
      (f) => readFileSync(join('migrations', f), 'utf8').match(/CREATE VIRTUAL TABLE[^;]*;/g) ?? [],
    )
}

const dir = mkdtempSync(join(tmpdir(), 'restore-'))
const deferred = join(dir, 'restore.sql')
writeFileSync(
  deferred,
  [
    'PRAGMA defer_foreign_keys = true;',
    ...all.filter(isTable),
    // Search's FTS5 table is not in a backup (D1 cannot export a virtual table): it is made
    // again here, as its migration makes it, empty until the next content seed fills it.
    ...ftsTable(),
    ...all.filter((s) => !isTable(s)),
  ].join('\n') + '\n',
)
try {
  execFileSync('wrangler', ['d1', 'execute', ...target, '--file', deferred, '--yes'], {
    stdio: 'inherit',
  })
} finally {
  rmSync(dir, { recursive: true, force: true })
}
console.log(
  `restored ${file} into ${values.remote ? 'the remote' : 'the local'} ${values.database}`,
)
