/**
 * Backs up the D1 database to a dated SQL file with `wrangler d1 export` (schema and data; the
 * file restores into an empty database with `npm run restore`). The deployed database by
 * default; `--local` for the one `npm start` uses.
 *
 * D1 cannot export a database that has a virtual table, and search's FTS5 table is one: every
 * other table is exported by name, and the FTS5 index (terms derived from the bank) is written
 * again by the next `npm run content:seed`.
 *
 *   npm run backup                      # backups/misconception-bank-remote-2026-12-01T10-15-00Z.sql
 *   npm run backup -- --local --out DIR
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    local: { type: 'boolean', default: false },
    out: { type: 'string', default: 'backups' },
    config: { type: 'string' },
  },
})
const where = values.local ? 'local' : 'remote'
const stamp = new Date()
  .toISOString()
  .replace(/\.\d+Z$/, 'Z')
  .replace(/:/g, '-')
mkdirSync(values.out, { recursive: true })
const file = join(values.out, `misconception-bank-${where}-${stamp}.sql`)
const config = values.config ? ['--config', values.config] : []
// Every table but the virtual one and what SQLite, D1 and FTS5 keep for themselves.
const listed = execFileSync(
  'wrangler',
  [
    'd1',
    'execute',
    'DB',
    `--${where}`,
    '--json',
    '--command',
    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'search_fts%' ORDER BY name",
    ...config,
  ],
  { encoding: 'utf8' },
)
const tables = (JSON.parse(listed) as { results: { name: string }[] }[])[0]!.results.map(
  (r) => r.name,
)
execFileSync(
  'wrangler',
  [
    'd1',
    'export',
    'DB',
    `--${where}`,
    '--output',
    file,
    ...tables.flatMap((t) => ['--table', t]),
    ...config,
  ],
  { stdio: 'inherit' },
)
console.log(`backed up the ${where} D1 to ${file}`)
