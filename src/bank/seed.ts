/**
 * A compiled bank → SQL statements that upsert it. The same statements seed the local D1
 * (`wrangler d1 execute --local --file`, through `toSqlText`), a deployed one (`--remote`) and
 * the test database, and write imports and authored items in the Worker, where every value is a
 * bound parameter (statements.ts).
 *
 * Re-seeding is idempotent: rows are upserted by their stable ids, `created_at` is kept, and
 * `updated_at` only moves when an item's content hash changed. Options are upserted by label
 * rather than replaced, so anything later attached to an option survives a re-seed.
 */
import type { CompiledBank } from './check.ts'
import type { ItemRecord } from './compile.ts'
import { searchRowStatements } from './search-rows.ts'
import { jsonChunks, jsonColumns, type Statement, type Value } from './statements.ts'

export { applyStatements, type Statement, sqlLiteral, toSqlText } from './statements.ts'

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/**
 * Upsert rows (all with the first row's keys), as few statements as fit under D1's statement
 * size limit: one statement per row made seeding thousands of items slow in wrangler's local D1.
 * The rows are one bound JSON array; `touch` binds the time once per statement.
 */
function upsert(
  table: string,
  rows: Record<string, Value>[],
  conflict: string[],
  touch?: { hashColumn: string; now: string },
): Statement[] {
  const first = rows[0]
  if (!first) return []
  const keys = Object.keys(first)
  const columns = keys.map(snake)
  const selected = columns.map((_, i) => `json_extract(value, '$[${i}]')`)
  if (touch) {
    columns.push('created_at', 'updated_at')
    selected.push('?', '?')
  }
  const updates = columns
    .filter((c) => !conflict.includes(c) && c !== 'created_at')
    .map((c) =>
      c === 'updated_at' && touch
        ? `updated_at = CASE WHEN ${table}.${touch.hashColumn} = excluded.${touch.hashColumn} THEN ${table}.updated_at ELSE excluded.updated_at END`
        : `"${c}" = excluded."${c}"`,
    )
  // `WHERE true`: without it SQLite would read ON CONFLICT as a join's ON after FROM json_each.
  const sql = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${selected.join(', ')} FROM json_each(?) WHERE true ON CONFLICT (${conflict.join(', ')}) ${updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'}`
  return jsonChunks(
    sql,
    rows.map((row) => keys.map((key) => row[key] ?? null)),
    touch ? [touch.now, touch.now] : [],
  )
}

/** `sql` with `IN (SELECT value FROM json_each(?))` for `ids`, in as few statements as fit. */
function forIds(sql: string, ids: string[], fixed: string[] = []): Statement[] {
  return jsonChunks(sql, ids, fixed)
}

const REVISION = jsonColumns(['id', 'hash', 'input'])

/**
 * A new revision for each item whose latest revision has another hash, as few statements as fit
 * under D1's size limit: one statement per item made a 5,000-row import spend about half its time
 * here. An id twice in one bank goes to a later statement, so each sees the revision the one
 * before wrote.
 */
export function revisionStatements(
  records: ItemRecord[],
  now: string,
  revision: RevisionOptions = {},
): Statement[] {
  return jsonChunks(
    `INSERT INTO item_revisions (item_id, revision, content_hash, input, created_at, status, author_id) SELECT v.id, COALESCE((SELECT MAX(r.revision) FROM item_revisions r WHERE r.item_id = v.id), 0) + 1, v.hash, v.input, ?, ?, ? FROM (SELECT ${REVISION} FROM json_each(?)) AS v WHERE COALESCE((SELECT r.content_hash FROM item_revisions r WHERE r.item_id = v.id ORDER BY r.revision DESC LIMIT 1), '') <> v.hash`,
    records.map((item) => [item.row.id, item.row.contentHash, item.input]),
    [now, revision.status ?? 'published', revision.authorId ?? null],
    (row) => (row as Value[])[0] as string,
  )
}

/** How a new revision is recorded: content and imports are published as they land. */
export interface RevisionOptions {
  status?: 'draft' | 'review' | 'published'
  authorId?: string
}

/** Every statement needed to bring a database up to this bank, in dependency order. */
export function seedStatements(
  bank: CompiledBank,
  now = new Date().toISOString(),
  revision: RevisionOptions = {},
): Statement[] {
  const touch = { hashColumn: 'content_hash', now }
  const out: Statement[] = []
  out.push(...upsert('strands', bank.taxonomy.strands, ['slug']))
  out.push(...upsert('topics', bank.taxonomy.topics, ['slug']))
  out.push(
    ...upsert(
      'misconceptions',
      bank.misconceptions.map((m) => m.row),
      ['slug'],
      touch,
    ),
  )
  out.push(
    ...forIds(
      'DELETE FROM misconception_relations WHERE slug IN (SELECT value FROM json_each(?))',
      bank.misconceptions.map((m) => m.row.slug),
    ),
  )
  const relations = bank.misconceptions.flatMap((m) =>
    m.related.map((relatedSlug) => ({ slug: m.row.slug, relatedSlug })),
  )
  out.push(...upsert('misconception_relations', relations, ['slug', 'related_slug']))

  out.push(
    ...upsert(
      'items',
      bank.items.map((item) => item.row),
      ['id'],
      touch,
    ),
  )
  out.push(...revisionStatements(bank.items, now, revision))
  const ids = bank.items.map((item) => item.row.id)
  out.push(
    ...forIds('DELETE FROM item_years WHERE item_id IN (SELECT value FROM json_each(?))', ids),
  )
  // Links a curator accepted from a workgroup's annotation live in D1, not content/: keep them.
  out.push(
    ...forIds(
      "DELETE FROM option_misconceptions WHERE item_id IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.status = 'accepted' AND a.item_id = option_misconceptions.item_id AND a.label = option_misconceptions.label AND a.misconception_slug = option_misconceptions.misconception_slug)",
      ids,
    ),
  )
  // Options beyond an item's new last label go; the others are upserted in place (below). One
  // statement per last label (as many ids as fit), not one per item: 5,000 of them were seconds.
  const byLast = new Map<string, string[]>()
  for (const item of bank.items) {
    const last = item.options[item.options.length - 1]?.label ?? 'A'
    byLast.set(last, [...(byLast.get(last) ?? []), item.row.id])
  }
  for (const [last, lastIds] of byLast)
    out.push(
      ...forIds(
        'DELETE FROM options WHERE label > ? AND item_id IN (SELECT value FROM json_each(?))',
        lastIds,
        [last],
      ),
    )
  out.push(
    ...upsert(
      'item_years',
      bank.items.flatMap((item) => item.years.map((year) => ({ itemId: item.row.id, year }))),
      ['item_id', 'year'],
    ),
  )
  const options = bank.items.flatMap((item) =>
    item.options.map(({ misconceptions: _m, ...option }) => ({ itemId: item.row.id, ...option })),
  )
  out.push(...upsert('options', options, ['item_id', 'label']))
  const links = bank.items.flatMap((item) =>
    item.options.flatMap((option) =>
      option.misconceptions.map((slug) => ({
        itemId: item.row.id,
        label: option.label,
        misconceptionSlug: slug,
      })),
    ),
  )
  out.push(...upsert('option_misconceptions', links, ['item_id', 'label', 'misconception_slug']))
  out.push(...searchRowStatements(bank))
  out.push(...upsert('bank_meta', [{ key: 'bank_version', value: now }], ['key']))
  return out
}

/** Only the revision of an item (for an edit of a published item, which must not change it yet). */
export function revisionStatementFor(item: ItemRecord, revision: RevisionOptions): Statement[] {
  return revisionStatements([item], new Date().toISOString(), revision)
}
