/**
 * Backs up the D1 database to a dated SQL file with `wrangler d1 export` (schema and data; the
 * file restores into an empty database with `npm run restore`). The deployed database by
 * default; `--local` for the one `npm start` uses.
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
execFileSync(
  'wrangler',
  [
    'd1',
    'export',
    'DB',
    `--${where}`,
    '--output',
    file,
    ...(values.config ? ['--config', values.config] : []),
  ],
  { stdio: 'inherit' },
)
console.log(`backed up the ${where} D1 to ${file}`)
