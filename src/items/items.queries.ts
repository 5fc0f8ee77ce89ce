/**
 * Reading items. Plain functions over the db, shared by the API, the pages and the CLI. Only
 * published items are public; everything returned is already rendered.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import {
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
import { notFound } from '../lib/errors.ts'

export interface ItemFilters {
  strand?: string
  topic?: string
  year?: number
  misconception?: string
}

const summaryColumns = {
  id: items.id,
  construct: items.construct,
  stemSource: items.stemSource,
  stemHtml: items.stemHtml,
  hasDiagram: sql<number>`${items.diagramSvg} IS NOT NULL`.mapWith(Boolean),
  updatedAt: items.updatedAt,
  ...topicColumns,
}

function filterConditions(filters: ItemFilters) {
  return [
    eq(items.status, 'published'),
    filters.topic ? eq(items.topicSlug, filters.topic) : undefined,
    filters.strand ? eq(topics.strandSlug, filters.strand) : undefined,
    filters.year
      ? sql`EXISTS (SELECT 1 FROM ${itemYears} WHERE ${itemYears.itemId} = ${items.id} AND ${itemYears.year} = ${filters.year})`
      : undefined,
    filters.misconception
      ? sql`EXISTS (SELECT 1 FROM ${optionMisconceptions} WHERE ${optionMisconceptions.itemId} = ${items.id} AND ${optionMisconceptions.misconceptionSlug} = ${filters.misconception})`
      : undefined,
  ]
}

/** Years and misconception slugs for a page of items (≤ 50 ids, within D1's parameter limit). */
async function itemFacts(db: Db, ids: string[]) {
  if (ids.length === 0)
    return { years: new Map<string, number[]>(), tags: new Map<string, string[]>() }
  const [yearRows, tagRows] = await db.batch([
    db.select().from(itemYears).where(inArray(itemYears.itemId, ids)).orderBy(asc(itemYears.year)),
    db
      .selectDistinct({
        itemId: optionMisconceptions.itemId,
        slug: optionMisconceptions.misconceptionSlug,
      })
      .from(optionMisconceptions)
      .where(inArray(optionMisconceptions.itemId, ids))
      .orderBy(asc(optionMisconceptions.misconceptionSlug)),
  ])
  const years = new Map<string, number[]>()
  for (const row of yearRows) years.set(row.itemId, [...(years.get(row.itemId) ?? []), row.year])
  const tags = new Map<string, string[]>()
  for (const row of tagRows) tags.set(row.itemId, [...(tags.get(row.itemId) ?? []), row.slug])
  return { years, tags }
}

type SummaryRow = {
  id: string
  construct: string
  stemSource: string
  stemHtml: string
  hasDiagram: boolean
  updatedAt: string
  topicSlug: string
  topicName: string
  strandSlug: string
  strandName: string
}

function toSummary(row: SummaryRow, facts: Awaited<ReturnType<typeof itemFacts>>) {
  return {
    id: row.id,
    construct: row.construct,
    topic: { slug: row.topicSlug, name: row.topicName },
    strand: { slug: row.strandSlug, name: row.strandName },
    years: facts.years.get(row.id) ?? [],
    stem: { source: row.stemSource, html: row.stemHtml },
    hasDiagram: row.hasDiagram,
    misconceptions: facts.tags.get(row.id) ?? [],
    updatedAt: row.updatedAt,
  }
}
export type ItemSummary = ReturnType<typeof toSummary>

/** One page of published items, in id order, after `afterId`. Fetches limit + 1 to know if more. */
export async function listItems(
  db: Db,
  filters: ItemFilters,
  page: { limit: number; afterId?: string },
) {
  const rows = await db
    .select(summaryColumns)
    .from(items)
    .innerJoin(topics, eq(items.topicSlug, topics.slug))
    .innerJoin(strands, eq(topics.strandSlug, strands.slug))
    .where(and(...filterConditions(filters), page.afterId ? gt(items.id, page.afterId) : undefined))
    .orderBy(asc(items.id))
    .limit(page.limit + 1)
  const facts = await itemFacts(
    db,
    rows.slice(0, page.limit).map((r) => r.id),
  )
  return rows.map((row) => toSummary(row, facts))
}

/** Summaries of the given published items, in the order given (for search results and links). */
export async function getItemSummaries(db: Db, ids: string[]): Promise<ItemSummary[]> {
  if (ids.length === 0) return []
  const rows = await db
    .select(summaryColumns)
    .from(items)
    .innerJoin(topics, eq(items.topicSlug, topics.slug))
    .innerJoin(strands, eq(topics.strandSlug, strands.slug))
    .where(and(eq(items.status, 'published'), inArray(items.id, ids)))
  const facts = await itemFacts(db, ids)
  const byId = new Map(rows.map((row) => [row.id, toSummary(row, facts)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** A published item with its options, each wrong option's misconceptions expanded. */
export async function getItem(db: Db, id: string) {
  const [itemRows, optionRows, tagRows, yearRows] = await db.batch([
    db
      .select({
        ...summaryColumns,
        diagramSvg: items.diagramSvg,
        multipleAnswers: items.multipleAnswers,
        source: items.source,
        licence: items.licence,
        status: items.status,
        purpose: items.purpose,
        createdAt: items.createdAt,
      })
      .from(items)
      .innerJoin(topics, eq(items.topicSlug, topics.slug))
      .innerJoin(strands, eq(topics.strandSlug, strands.slug))
      .where(and(eq(items.id, id), eq(items.status, 'published'))),
    db.select().from(options).where(eq(options.itemId, id)).orderBy(asc(options.label)),
    db
      .select({
        label: optionMisconceptions.label,
        slug: misconceptions.slug,
        title: misconceptions.title,
      })
      .from(optionMisconceptions)
      .innerJoin(misconceptions, eq(optionMisconceptions.misconceptionSlug, misconceptions.slug))
      .where(eq(optionMisconceptions.itemId, id))
      .orderBy(asc(misconceptions.title)),
    db
      .select({ year: itemYears.year })
      .from(itemYears)
      .where(eq(itemYears.itemId, id))
      .orderBy(asc(itemYears.year)),
  ])
  const item = itemRows[0]
  if (!item) return null
  return {
    id: item.id,
    construct: item.construct,
    topic: { slug: item.topicSlug, name: item.topicName },
    strand: { slug: item.strandSlug, name: item.strandName },
    years: yearRows.map((r) => r.year),
    stem: { source: item.stemSource, html: item.stemHtml },
    diagramSvg: item.diagramSvg,
    multipleAnswers: item.multipleAnswers,
    purpose: item.purpose,
    options: optionRows.map((option) => ({
      label: option.label,
      text: { source: option.textSource, html: option.textHtml },
      correct: option.isCorrect,
      explanation: { source: option.explanationSource, html: option.explanationHtml },
      misconceptions: tagRows
        .filter((t) => t.label === option.label)
        .map(({ slug, title }) => ({ slug, title })),
    })),
    source: item.source,
    licence: item.licence,
    status: item.status,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  }
}
export type ItemDetail = NonNullable<Awaited<ReturnType<typeof getItem>>>

/** A 404 unless the item exists and is published. */
export async function requirePublishedItem(db: Db, id: string) {
  const [row] = await db
    .select({ id: items.id })
    .from(items)
    .where(and(eq(items.id, id), eq(items.status, 'published')))
  if (!row) throw notFound(`Item "${id}"`)
}

/** An item's option letters, and whether pupils may choose several. */
export async function optionLabels(db: Db, itemId: string) {
  return db
    .select({ label: options.label, multiple: items.multipleAnswers })
    .from(options)
    .innerJoin(items, eq(items.id, options.itemId))
    .where(eq(options.itemId, itemId))
}
