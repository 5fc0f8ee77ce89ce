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

function upsert(
  table: string,
  row: Record<string, Value>,
  conflict: string[],
  touch?: { hashColumn: string; now: string },
): string {
  const columns = Object.keys(row).map(snake)
  const values = Object.values(row).map(sqlLiteral)
  if (touch) {
    columns.push('created_at', 'updated_at')
    values.push(sqlLiteral(touch.now), sqlLiteral(touch.now))
  }
  const updates = columns
    .filter((c) => !conflict.includes(c) && c !== 'created_at')
    .map((c) =>
      c === 'updated_at' && touch
        ? `updated_at = CASE WHEN ${table}.${touch.hashColumn} = excluded.${touch.hashColumn} THEN ${table}.updated_at ELSE excluded.updated_at END`
        : `"${c}" = excluded."${c}"`,
    )
  return `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${values.join(', ')}) ON CONFLICT (${conflict.join(', ')}) ${updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'};`
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
  for (const strand of bank.taxonomy.strands) out.push(upsert('strands', strand, ['slug']))
  for (const topic of bank.taxonomy.topics) out.push(upsert('topics', topic, ['slug']))
  for (const m of bank.misconceptions) out.push(upsert('misconceptions', m.row, ['slug'], touch))
  const slugs = bank.misconceptions.map((m) => m.row.slug)
  if (slugs.length > 0)
    out.push(`DELETE FROM misconception_relations WHERE slug IN ${list(slugs)};`)
  for (const m of bank.misconceptions) {
    for (const related of m.related) {
      out.push(
        upsert('misconception_relations', { slug: m.row.slug, relatedSlug: related }, [
          'slug',
          'related_slug',
        ]),
      )
    }
  }
  for (const item of bank.items) {
    const id = item.row.id
    out.push(upsert('items', item.row, ['id'], touch))
    out.push(revisionStatement(id, item.row.contentHash, item.input, now, revision))
    out.push(`DELETE FROM item_years WHERE item_id = ${sqlLiteral(id)};`)
    for (const year of item.years)
      out.push(upsert('item_years', { itemId: id, year }, ['item_id', 'year']))
    const labels = item.options.map((o) => o.label)
    out.push(
      `DELETE FROM options WHERE item_id = ${sqlLiteral(id)} AND label NOT IN ${list(labels)};`,
    )
    // Links a curator accepted from a workgroup's annotation live in D1, not content/: keep them.
    out.push(
      `DELETE FROM option_misconceptions WHERE item_id = ${sqlLiteral(id)} AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.status = 'accepted' AND a.item_id = option_misconceptions.item_id AND a.label = option_misconceptions.label AND a.misconception_slug = option_misconceptions.misconception_slug);`,
    )
    for (const { misconceptions, ...option } of item.options) {
      out.push(upsert('options', { itemId: id, ...option }, ['item_id', 'label']))
      for (const slug of misconceptions) {
        out.push(
          upsert(
            'option_misconceptions',
            { itemId: id, label: option.label, misconceptionSlug: slug },
            ['item_id', 'label', 'misconception_slug'],
          ),
        )
      }
    }
  }
  out.push(upsert('bank_meta', { key: 'bank_version', value: now }, ['key']))
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
