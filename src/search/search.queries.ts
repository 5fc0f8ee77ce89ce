/**
 * Every SQL statement of search: the bank read in one batch to build the index, the stored index
 * (`search_index_parts`, migration 0006) read and written, and the titles and snippets of one
 * page of hits. The stored index is keyed by the bank's version stamp, read in the same batch
 * as the rows it was built from, so an index is never filed under a version it does not match.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm'
import {
  bankMeta,
  items,
  itemYears,
  misconceptions,
  optionMisconceptions,
  options,
  strands,
  topics,
} from '../db/schema.ts'
import type { Db } from '../lib/db.ts'
import { topicColumns } from '../taxonomy/taxonomy.queries.ts'
import { searchDocs, searchIndexParts } from '../db/schema.ts'
import type { SearchSource } from './build-index.ts'

/** Everything the index is built from, with the version stamp of that state of the bank. */
export async function loadSearchSource(db: Db): Promise<{ source: SearchSource; version: string }> {
  const [versionRows, topicRows, itemRows, optionRows, tagRows, yearRows, misconceptionRows] =
    await db.batch([
      db.select({ value: bankMeta.value }).from(bankMeta).where(eq(bankMeta.key, 'bank_version')),
      db.select(topicColumns).from(topics).innerJoin(strands, eq(topics.strandSlug, strands.slug)),
      db
        .select({
          id: items.id,
          construct: items.construct,
          stem: items.stemSource,
          topic: items.topicSlug,
        })
        .from(items)
        .where(eq(items.status, 'published')),
      // Only published items' options, tags and years: drafts are never searched.
      db
        .select({ itemId: options.itemId, text: options.textSource })
        .from(options)
        .innerJoin(items, and(eq(items.id, options.itemId), eq(items.status, 'published'))),
      db
        .select({
          itemId: optionMisconceptions.itemId,
          slug: optionMisconceptions.misconceptionSlug,
        })
        .from(optionMisconceptions)
        .innerJoin(
          items,
          and(eq(items.id, optionMisconceptions.itemId), eq(items.status, 'published')),
        ),
      db
        .select({ itemId: itemYears.itemId, year: itemYears.year })
        .from(itemYears)
        .innerJoin(items, and(eq(items.id, itemYears.itemId), eq(items.status, 'published'))),
      db
        .select({
          slug: misconceptions.slug,
          title: misconceptions.title,
          description: misconceptions.descriptionSource,
          topic: misconceptions.topicSlug,
        })
        .from(misconceptions),
    ])
  const group = <R extends { itemId: string }, T>(rows: R[], value: (row: R) => T) => {
    const map = new Map<string, T[]>()
    for (const row of rows) {
      const list = map.get(row.itemId)
      if (list) list.push(value(row))
      else map.set(row.itemId, [value(row)])
    }
    return map
  }
  const optionText = group(optionRows, (r) => r.text)
  const tags = group(tagRows, (r) => r.slug)
  const years = group(yearRows, (r) => r.year)
  const source: SearchSource = {
    topics: topicRows.map((t) => ({
      slug: t.topicSlug,
      name: t.topicName,
      strandSlug: t.strandSlug,
      strandName: t.strandName,
    })),
    items: itemRows.map((item) => ({
      ...item,
      optionTexts: optionText.get(item.id) ?? [],
      misconceptions: [...new Set(tags.get(item.id) ?? [])],
      years: years.get(item.id) ?? [],
    })),
    misconceptions: misconceptionRows,
  }
  return { source, version: versionRows[0]?.value ?? 'empty' }
}

/**
 * D1 keeps a row under 2 MB; a 50k-item index is about 8 MB, so it is stored in parts. Each part
 * is base64 text: D1 hands BLOBs to a Worker as arrays of numbers, far slower to read back.
 */
const PART_CHARS = 1_500_000

/** The stored index for this version and format, or null when there is none (or it is torn). */
export async function readStoredIndex(db: Db, key: string): Promise<Uint8Array | null> {
  const rows = await db
    .select()
    .from(searchIndexParts)
    .where(eq(searchIndexParts.key, key))
    .orderBy(searchIndexParts.part)
  return joinParts(rows)
}

/**
 * What an isolate without an index needs, in one round trip: the bank's version stamp, how many
 * documents it has (to choose a search path) and the index stored for that version, if any.
 */
export async function readSearchState(db: Db, keySuffix: string) {
  const [versionRows, countRows, parts] = await db.batch([
    bankVersionStatement(db),
    db.select({ n: count() }).from(searchDocs),
    db
      .select()
      .from(searchIndexParts)
      .where(
        eq(
          searchIndexParts.key,
          sql`(SELECT ${bankMeta.value} FROM ${bankMeta} WHERE ${bankMeta.key} = 'bank_version') || ${keySuffix}`,
        ),
      )
      .orderBy(searchIndexParts.part),
  ])
  return {
    version: versionRows[0]?.value ?? 'empty',
    documents: countRows[0]?.n ?? 0,
    stored: joinParts(parts),
  }
}

function joinParts(rows: { part: number; parts: number; data: string }[]): Uint8Array | null {
  if (rows.length === 0 || rows.length !== rows[0]!.parts) return null
  if (rows.some((row, i) => row.part !== i)) return null
  return base64ToBytes(rows.map((row) => row.data).join(''))
}

/** Store an index under its key, replacing every other stored index in the same transaction. */
export async function writeStoredIndex(db: Db, key: string, bytes: Uint8Array): Promise<void> {
  const text = bytesToBase64(bytes)
  const parts: string[] = []
  for (let i = 0; i < text.length; i += PART_CHARS) parts.push(text.slice(i, i + PART_CHARS))
  await db.batch([
    db.delete(searchIndexParts),
    ...parts.map((data, part) =>
      db.insert(searchIndexParts).values({ key, part, parts: parts.length, data }),
    ),
  ])
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  // String.fromCharCode takes its arguments on the stack: convert in slices.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function base64ToBytes(text: string): Uint8Array {
  // Native where the runtime has it (workerd does): several times faster than atob and a loop.
  const native = (Uint8Array as { fromBase64?: (text: string) => Uint8Array }).fromBase64
  if (native) return native(text)
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Titles and the text snippets are made from, for one page of hits, in one round trip. */
export function hitDetailStatements(db: Db, itemIds: string[], slugs: string[]) {
  // A page is at most 51 hits, under D1's 100 bound parameters; '' stands in for an empty list.
  return [
    db
      .select({ ref: items.id, title: items.construct, text: items.stemSource })
      .from(items)
      .where(inArray(items.id, itemIds.length > 0 ? itemIds : [''])),
    db
      .select({
        ref: misconceptions.slug,
        title: misconceptions.title,
        text: misconceptions.descriptionSource,
      })
      .from(misconceptions)
      .where(inArray(misconceptions.slug, slugs.length > 0 ? slugs : [''])),
  ] as const
}

/** The bank's version stamp, as a statement to batch with others. */
export function bankVersionStatement(db: Db) {
  return db.select({ value: bankMeta.value }).from(bankMeta).where(eq(bankMeta.key, 'bank_version'))
}

/**
 * Items sharing misconceptions with this one, most shared first: "similar items" for a bank on
 * the FTS5 path, where no index is held in the isolate. Null when the item is not published.
 */
export async function similarItemsBySql(db: Db, itemId: string, limit: number) {
  // Two statements side by side: drizzle's batch takes no raw SQL.
  const [self, rows] = await Promise.all([
    db
      .select({ id: items.id })
      .from(items)
      .where(and(eq(items.id, itemId), eq(items.status, 'published'))),
    db.all<{ ref: string; slugs: string }>(sql`
      SELECT other.item_id AS ref, group_concat(DISTINCT other.misconception_slug) AS slugs
      FROM ${optionMisconceptions} mine
      JOIN ${optionMisconceptions} other
        ON other.misconception_slug = mine.misconception_slug AND other.item_id <> mine.item_id
      JOIN ${items} i ON i.id = other.item_id AND i.status = 'published'
      WHERE mine.item_id = ${itemId}
      GROUP BY other.item_id
      ORDER BY count(DISTINCT other.misconception_slug) DESC, other.item_id
      LIMIT ${limit}`),
  ])
  if (self.length === 0) return null
  return rows.map((row) => {
    const shared = row.slugs.split(',').sort()
    return { ref: row.ref, score: 3 * shared.length, sharedMisconceptions: shared }
  })
}
