/**
 * A compiled bank → SQL statements that upsert it. The same statements seed the local D1
 * (`wrangler d1 execute --local --file`), a deployed one (`--remote`) and the test database.
 *
 * Re-seeding is idempotent: rows are upserted by their stable ids, `created_at` is kept, and
 * `updated_at` only moves when an item's content hash changed. Options are upserted by label
 * rather than replaced, so anything later attached to an option survives a re-seed.
 */
import type { CompiledBank } from './check.ts'
import type { ItemRecord } from './compile.ts'
import { chunk } from '../lib/db.ts'
import { searchRowStatements } from './search-rows.ts'

type Value = string | number | boolean | null | object

/** A SQL literal. Values are inlined (not bound) because the statements go to a .sql file. */
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

/**
 * Upsert rows (all with the same keys), as few multi-row statements as fit under D1's statement
 * size limit: one statement per row made seeding thousands of items slow in wrangler's local D1.
 */
function upsert(
  table: string,
  rows: Record<string, Value>[],
  conflict: string[],
  touch?: { hashColumn: string; now: string },
): string[] {
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
  const statements: string[] = []
  let tuples: string[] = []
  let size = 0
  for (const row of rows) {
    const values = Object.values(row).map(sqlLiteral)
    if (touch) values.push(sqlLiteral(touch.now), sqlLiteral(touch.now))
    const tuple = `(${values.join(', ')})`
    if (tuples.length > 0 && size + tuple.length > MAX_STATEMENT_BYTES) {
      statements.push(head + tuples.join(', ') + tail)
      tuples = []
      size = 0
    }
    tuples.push(tuple)
    size += tuple.length + 2
  }
  statements.push(head + tuples.join(', ') + tail)
  return statements
}

const list = (values: string[]) => `(${values.map(sqlLiteral).join(', ')})`

/** A new revision of an item, unless its latest revision already has this content. */
export function revisionStatement(
  itemId: string,
  hash: string,
  input: object,
  now: string,
  revision: RevisionOptions = {},
): string {
  const id = sqlLiteral(itemId)
  const status = sqlLiteral(revision.status ?? 'published')
  const author = sqlLiteral(revision.authorId ?? null)
  return `INSERT INTO item_revisions (item_id, revision, content_hash, input, created_at, status, author_id) SELECT ${id}, COALESCE(MAX(revision), 0) + 1, ${sqlLiteral(hash)}, ${sqlLiteral(input)}, ${sqlLiteral(now)}, ${status}, ${author} FROM item_revisions WHERE item_id = ${id} HAVING COALESCE((SELECT content_hash FROM item_revisions WHERE item_id = ${id} ORDER BY revision DESC LIMIT 1), '') <> ${sqlLiteral(hash)};`
}

/**
 * revisionStatement for many items at once, as multi-row statements under D1's size limit: one
 * statement per item made a 5,000-row import spend about half its time here. Each row becomes a
 * revision only when its item's latest revision has another hash, as in revisionStatement. An id
 * twice in one bank goes to a later statement, so each sees the revision the one before wrote.
 */
export function revisionStatements(
  items: ItemRecord[],
  now: string,
  revision: RevisionOptions = {},
): string[] {
  const status = sqlLiteral(revision.status ?? 'published')
  const author = sqlLiteral(revision.authorId ?? null)
  const head =
    'INSERT INTO item_revisions (item_id, revision, content_hash, input, created_at, status, author_id) SELECT v.column1, COALESCE((SELECT MAX(r.revision) FROM item_revisions r WHERE r.item_id = v.column1), 0) + 1, v.column2, v.column3, v.column4, v.column5, v.column6 FROM (VALUES '
  const tail =
    ") AS v WHERE COALESCE((SELECT r.content_hash FROM item_revisions r WHERE r.item_id = v.column1 ORDER BY r.revision DESC LIMIT 1), '') <> v.column2;"
  const statements: string[] = []
  let rows: string[] = []
  let ids = new Set<string>()
  let size = 0
  for (const item of items) {
    const row = `(${[item.row.id, item.row.contentHash, item.input, now].map((v) => sqlLiteral(v)).join(', ')}, ${status}, ${author})`
    if (rows.length > 0 && (size + row.length > MAX_STATEMENT_BYTES || ids.has(item.row.id))) {
      statements.push(head + rows.join(', ') + tail)
      rows = []
      ids = new Set()
      size = 0
    }
    rows.push(row)
    ids.add(item.row.id)
    size += row.length + 2
  }
  if (rows.length > 0) statements.push(head + rows.join(', ') + tail)
  return statements
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
): string[] {
  const touch = { hashColumn: 'content_hash', now }
  const out: string[] = []
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
  for (const slugs of chunk(
    bank.misconceptions.map((m) => m.row.slug),
    500,
  )) {
    out.push(`DELETE FROM misconception_relations WHERE slug IN ${list(slugs)};`)
  }
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
  for (const ids of chunk(
    bank.items.map((item) => item.row.id),
    500,
  )) {
    const inIds = list(ids)
    out.push(`DELETE FROM item_years WHERE item_id IN ${inIds};`)
    // Links a curator accepted from a workgroup's annotation live in D1, not content/: keep them.
    out.push(
      `DELETE FROM option_misconceptions WHERE item_id IN ${inIds} AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.status = 'accepted' AND a.item_id = option_misconceptions.item_id AND a.label = option_misconceptions.label AND a.misconception_slug = option_misconceptions.misconception_slug);`,
    )
  }
  // Options beyond an item's new last label go; the others are upserted in place (below). One
  // statement per last label (and 500 ids), not one per item: 5,000 of them were seconds.
  const byLast = new Map<string, string[]>()
  for (const item of bank.items) {
    const last = item.options[item.options.length - 1]?.label ?? 'A'
    byLast.set(last, [...(byLast.get(last) ?? []), item.row.id])
  }
  for (const [last, ids] of byLast)
    for (const part of chunk(ids, 500))
      out.push(
        `DELETE FROM options WHERE label > ${sqlLiteral(last)} AND item_id IN ${list(part)};`,
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
export function revisionStatementFor(item: ItemRecord, revision: RevisionOptions): string[] {
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
 * Apply seed statements in the Worker as one D1 batch, which D1 runs as a transaction: the rows
 * that belong together land together or not at all.
 */
export async function applyStatements(d1: D1Database, statements: string[]): Promise<void> {
  await d1.batch(statements.map((sql) => d1.prepare(sql)))
}
