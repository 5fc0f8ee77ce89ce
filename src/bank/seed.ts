/**
 * A compiled bank → SQL statements that upsert it. The same statements seed the local D1
 * (`wrangler d1 execute --local --file`), a deployed one (`--remote`) and the test database, as
 * text with the values inlined (`seedStatements`); the Worker's own writes (authoring, imports)
 * send them with their values bound (`seedQueries`), so no text an author types is ever SQL and
 * no statement grows with what it stores.
 *
 * Re-seeding is idempotent: rows are upserted by their stable ids, `created_at` is kept, and
 * `updated_at` only moves when an item's content hash changed. Options are upserted by label
 * rather than replaced, so anything later attached to an option survives a re-seed.
 */
import type { CompiledBank } from './check.ts'
import type { ItemRecord } from './compile.ts'
import { chunk } from '../lib/db.ts'

type Value = string | number | boolean | null | object

/** A statement and the values bound to its `?`s, as the Worker sends it to D1. */
export interface BoundStatement {
  sql: string
  params: (string | number | null)[]
}

/** D1 binds at most 100 values to one statement. */
const MAX_PARAMS = 99

/** A value as D1 binds it: booleans as 0/1, objects as JSON text. */
function param(value: Value): string | number | null {
  if (value === null || typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot store ${value}`)
    return value
  }
  return JSON.stringify(value)
}

/** The statement as text, each `?` replaced by its value as a literal (for a .sql file). */
export function inlined(statement: BoundStatement): string {
  const parts = statement.sql.split('?')
  return parts.reduce((sql, part, i) => sql + sqlLiteral(statement.params[i - 1]!) + part)
}

/** A SQL literal, for statements that go to a .sql file. */
export function sqlLiteral(value: Value): string {
  if (value === null) return 'NULL'
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot store ${value}`)
    return String(value)
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return `'${text.replaceAll("'", "''")}'`
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** D1 refuses statements over 100 KB; rendered HTML is bulky, so multi-row inserts stop short of that. */
const MAX_STATEMENT_BYTES = 90_000

/** Text for a .sql file, or bound values for the Worker. */
type Mode = 'text' | 'bound'

/**
 * Upsert rows (all with the same keys) in as few multi-row statements as fit: under D1's
 * statement size as text, under its bound-value limit when bound. One statement per row made
 * seeding thousands of items slow in wrangler's local D1.
 */
function upsert(
  mode: Mode,
  table: string,
  rows: Record<string, Value>[],
  conflict: string[],
  touch?: { hashColumn: string; now: string },
): BoundStatement[] {
  const first = rows[0]
  if (!first) return []
  const columns = Object.keys(first).map(snake)
  if (touch) columns.push('created_at', 'updated_at')
  const updates = columns
    .filter((c) => !conflict.includes(c) && c !== 'created_at')
    .map((c) =>
      c === 'updated_at' && touch
        ? `updated_at = CASE WHEN ${table}.${touch.hashColumn} = excluded.${touch.hashColumn} THEN ${table}.updated_at ELSE excluded.updated_at END`
        : `"${c}" = excluded."${c}"`,
    )
  const head = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `
  const tail = ` ON CONFLICT (${conflict.join(', ')}) ${updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'};`
  const tuple = `(${columns.map(() => '?').join(', ')})`
  const statements: BoundStatement[] = []
  let batch: (string | number | null)[][] = []
  let size = 0
  const flush = () => {
    statements.push({
      sql: head + batch.map(() => tuple).join(', ') + tail,
      params: batch.flat(),
    })
    batch = []
    size = 0
  }
  for (const row of rows) {
    const values = Object.values(row).map(param)
    if (touch) values.push(touch.now, touch.now)
    const rowSize =
      mode === 'text' ? values.reduce<number>((n, v) => n + sqlLiteral(v).length + 2, 2) : 0
    const full =
      mode === 'text'
        ? size + rowSize > MAX_STATEMENT_BYTES
        : (batch.length + 1) * columns.length > MAX_PARAMS
    if (batch.length > 0 && full) flush()
    batch.push(values)
    size += rowSize
  }
  flush()
  return statements
}

const placeholders = (values: unknown[]) => `(${values.map(() => '?').join(', ')})`

/** A new revision of an item, unless its latest revision already has this content. */
export function revisionStatement(
  itemId: string,
  hash: string,
  input: object,
  now: string,
  revision: RevisionOptions = {},
): BoundStatement {
  return {
    sql: "INSERT INTO item_revisions (item_id, revision, content_hash, input, created_at, status, author_id) SELECT ?, COALESCE(MAX(revision), 0) + 1, ?, ?, ?, ?, ? FROM item_revisions WHERE item_id = ? HAVING COALESCE((SELECT content_hash FROM item_revisions WHERE item_id = ? ORDER BY revision DESC LIMIT 1), '') <> ?;",
    params: [
      itemId,
      hash,
      JSON.stringify(input),
      now,
      revision.status ?? 'published',
      revision.authorId ?? null,
      itemId,
      itemId,
      hash,
    ],
  }
}

/** How a new revision is recorded: content and imports are published as they land. */
export interface RevisionOptions {
  status?: 'draft' | 'review' | 'published'
  authorId?: string
}

/** Every statement needed to bring a database up to this bank, in dependency order, as text. */
export function seedStatements(
  bank: CompiledBank,
  now = new Date().toISOString(),
  revision: RevisionOptions = {},
): string[] {
  return seed('text', bank, now, revision).map(inlined)
}

/** The same statements with their values bound, for writes the Worker makes itself. */
export function seedQueries(
  bank: CompiledBank,
  now = new Date().toISOString(),
  revision: RevisionOptions = {},
): BoundStatement[] {
  return seed('bound', bank, now, revision)
}

function seed(
  mode: Mode,
  bank: CompiledBank,
  now: string,
  revision: RevisionOptions,
): BoundStatement[] {
  const touch = { hashColumn: 'content_hash', now }
  // IN lists: long ones keep a big seed file short; bound ones stay under the value limit.
  const listSize = mode === 'text' ? 500 : MAX_PARAMS
  const out: BoundStatement[] = []
  out.push(...upsert(mode, 'strands', bank.taxonomy.strands, ['slug']))
  out.push(...upsert(mode, 'topics', bank.taxonomy.topics, ['slug']))
  out.push(
    ...upsert(
      mode,
      'misconceptions',
      bank.misconceptions.map((m) => m.row),
      ['slug'],
      touch,
    ),
  )
  for (const slugs of chunk(
    bank.misconceptions.map((m) => m.row.slug),
    listSize,
  )) {
    out.push({
      sql: `DELETE FROM misconception_relations WHERE slug IN ${placeholders(slugs)};`,
      params: slugs,
    })
  }
  const relations = bank.misconceptions.flatMap((m) =>
    m.related.map((relatedSlug) => ({ slug: m.row.slug, relatedSlug })),
  )
  out.push(...upsert(mode, 'misconception_relations', relations, ['slug', 'related_slug']))

  out.push(
    ...upsert(
      mode,
      'items',
      bank.items.map((item) => item.row),
      ['id'],
      touch,
    ),
  )
  for (const item of bank.items)
    out.push(revisionStatement(item.row.id, item.row.contentHash, item.input, now, revision))
  for (const ids of chunk(
    bank.items.map((item) => item.row.id),
    listSize,
  )) {
    const inIds = placeholders(ids)
    out.push({ sql: `DELETE FROM item_years WHERE item_id IN ${inIds};`, params: ids })
    // Links a curator accepted from a workgroup's annotation live in D1, not content/: keep them.
    out.push({
      sql: `DELETE FROM option_misconceptions WHERE item_id IN ${inIds} AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.status = 'accepted' AND a.item_id = option_misconceptions.item_id AND a.label = option_misconceptions.label AND a.misconception_slug = option_misconceptions.misconception_slug);`,
      params: ids,
    })
  }
  // Options beyond an item's new last label go; the others are upserted in place (below).
  for (const item of bank.items) {
    const last = item.options[item.options.length - 1]?.label ?? 'A'
    out.push({
      sql: 'DELETE FROM options WHERE item_id = ? AND label > ?;',
      params: [item.row.id, last],
    })
  }
  out.push(
    ...upsert(
      mode,
      'item_years',
      bank.items.flatMap((item) => item.years.map((year) => ({ itemId: item.row.id, year }))),
      ['item_id', 'year'],
    ),
  )
  const options = bank.items.flatMap((item) =>
    item.options.map(({ misconceptions: _m, ...option }) => ({ itemId: item.row.id, ...option })),
  )
  out.push(...upsert(mode, 'options', options, ['item_id', 'label']))
  const links = bank.items.flatMap((item) =>
    item.options.flatMap((option) =>
      option.misconceptions.map((slug) => ({
        itemId: item.row.id,
        label: option.label,
        misconceptionSlug: slug,
      })),
    ),
  )
  out.push(
    ...upsert(mode, 'option_misconceptions', links, ['item_id', 'label', 'misconception_slug']),
  )
  out.push(...upsert(mode, 'bank_meta', [{ key: 'bank_version', value: now }], ['key']))
  return out
}

/** Only the revision of an item (for an edit of a published item, which must not change it yet). */
export function revisionStatementFor(
  item: ItemRecord,
  revision: RevisionOptions,
): BoundStatement[] {
  return [
    revisionStatement(
      item.row.id,
      item.row.contentHash,
      item.input,
      new Date().toISOString(),
      revision,
    ),
  ]
}

/**
 * Apply statements in the Worker as one D1 batch, which D1 runs as a transaction: the rows that
 * belong together land together or not at all. Bound statements are sent with their values;
 * text ones (the test seed) as they are.
 */
export async function applyStatements(
  d1: D1Database,
  statements: (string | BoundStatement)[],
): Promise<void> {
  await d1.batch(
    statements.map((s) =>
      typeof s === 'string' ? d1.prepare(s) : d1.prepare(s.sql).bind(...s.params),
    ),
  )
}
