/**
 * `npm run backup` and `npm run restore` round-trip a database: a local D1, migrated and given
 * rows (awkward text included), is exported to SQL and restored into a fresh local D1, and every
 * table has the same rows. Each D1 lives in a temporary folder of its own, so nothing touches
 * the D1 `npm start` uses.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, describe, expect, it } from 'vitest'

const root = mkdtempSync(join(tmpdir(), 'backup-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A folder with a wrangler.toml of its own: its local D1 lives under it. */
function place(name: string) {
  const dir = join(root, name)
  execFileSync('mkdir', ['-p', dir])
  writeFileSync(
    join(dir, 'wrangler.toml'),
    [
      'name = "backup-test"',
      'compatibility_date = "2026-10-01"',
      '[[d1_databases]]',
      'binding = "DB"',
      'database_name = "misconception-bank"',
      'database_id = "00000000-0000-0000-0000-000000000000"',
      `migrations_dir = "${resolve('migrations')}"`,
    ].join('\n'),
  )
  return { dir, config: join(dir, 'wrangler.toml') }
}

/** The SQLite file behind a place's local D1. */
function sqlite(dir: string) {
  const d1 = join(dir, '.wrangler/state/v3/d1/miniflare-D1DatabaseObject')
  const file = readdirSync(d1).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
  if (!file) throw new Error(`no local D1 under ${d1}`)
  return new DatabaseSync(join(d1, file))
}

/**
 * Rows per table, for every table a backup carries: all but search's FTS5 index (a virtual table,
 * which D1 cannot export; the next content seed writes it again).
 */
function rowCounts(db: DatabaseSync) {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'search_fts%' ORDER BY name",
    )
    .all() as { name: string }[]
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  )
}

const run = (script: string, ...args: string[]) =>
  execFileSync('node', [script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })

describe('npm run backup and npm run restore', () => {
  it(
    'round-trip a local D1 into a fresh one with the same rows in every table',
    { timeout: 60_000 },
    () => {
      const source = place('source')
      execFileSync(
        'wrangler',
        ['d1', 'migrations', 'apply', 'DB', '--local', '--config', source.config],
        {
          stdio: 'ignore',
        },
      )
      const db = sqlite(source.dir)
      const awkward = 'O\'Brien "quoted"; -- not a comment\nsecond line, ünïcødé, 😀'
      db.exec(`
      INSERT INTO users (id, email, password_hash, display_name, school)
        VALUES ('u1', 'ada@school.test', 'scrypt$x', 'Ada', NULL), ('u2', 'bob@school.test', 'scrypt$y', 'Bob', 'Hilltop');
      INSERT INTO workgroups (id, name, created_by) VALUES ('w1', 'Y4 lesson study', 'u1');
      INSERT INTO workgroup_members (workgroup_id, user_id, role, joined_at)
        VALUES ('w1', 'u1', 'lead', '2026-01-01'), ('w1', 'u2', 'member', '2026-01-02');
    `)
      db.prepare('UPDATE workgroups SET description = ? WHERE id = ?').run(awkward, 'w1')
      const before = rowCounts(db)
      db.close()
      expect(before.users).toBe(2)

      const out = join(root, 'backups')
      run('scripts/backup.ts', '--local', '--config', source.config, '--out', out)
      const [file] = readdirSync(out)
      expect(file).toMatch(/^misconception-bank-local-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.sql$/)

      const fresh = place('fresh')
      run('scripts/restore.ts', join(out, file!), '--config', fresh.config)
      const restored = sqlite(fresh.dir)
      expect(rowCounts(restored)).toEqual(before)
      // The FTS5 table is made again (empty), so the next seed can fill it.
      expect(
        restored.prepare("SELECT name FROM sqlite_master WHERE name = 'search_fts'").get(),
      ).toBeDefined()
      expect(restored.prepare("SELECT description FROM workgroups WHERE id = 'w1'").get()).toEqual({
        description: awkward,
      })
      restored.close()

      // A database that already has the schema is refused rather than half-restored.
      expect(() => run('scripts/restore.ts', join(out, file!), '--config', fresh.config)).toThrow()
    },
  )
})
