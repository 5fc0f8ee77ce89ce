/** Reading misconceptions: plain functions over the db, shared by API, pages and CLI. */
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm'
import {
  items,
  misconceptionRelations,
  misconceptions,
  optionMisconceptions,
  strands,
  topics,
} from '../db/schema.ts'
import { chunk, type Db } from '../lib/db.ts'
import { topicColumns } from '../taxonomy/taxonomy.queries.ts'
import { notFound } from '../lib/errors.ts'

export interface MisconceptionFilters {
  strand?: string
  topic?: string
}

const usedBy = sql<number>`(SELECT count(DISTINCT ${optionMisconceptions.itemId}) FROM ${optionMisconceptions} INNER JOIN ${items} ON ${items.id} = ${optionMisconceptions.itemId} WHERE ${optionMisconceptions.misconceptionSlug} = ${misconceptions.slug} AND ${items.status} = 'published')`

/** One page of misconceptions in slug order, with how many published items diagnose each. */
export async function listMisconceptions(
  db: Db,
  filters: MisconceptionFilters,
  page: { limit: number; afterSlug?: string },
) {
  const rows = await db
    .select({
      slug: misconceptions.slug,
      title: misconceptions.title,
      ...topicColumns,
      descriptionHtml: misconceptions.descriptionHtml,
      itemCount: usedBy.mapWith(Number),
    })
    .from(misconceptions)
    .innerJoin(topics, eq(misconceptions.topicSlug, topics.slug))
    .innerJoin(strands, eq(topics.strandSlug, strands.slug))
    .where(
      and(
        filters.topic ? eq(misconceptions.topicSlug, filters.topic) : undefined,
        filters.strand ? eq(topics.strandSlug, filters.strand) : undefined,
        page.afterSlug ? gt(misconceptions.slug, page.afterSlug) : undefined,
      ),
    )
    .orderBy(asc(misconceptions.slug))
    .limit(page.limit + 1)
  return rows.map(({ topicSlug, topicName, strandSlug, strandName, ...row }) => ({
    ...row,
    topic: { slug: topicSlug, name: topicName },
    strand: { slug: strandSlug, name: strandName },
  }))
}

/** A misconception with its related misconceptions and the published items that diagnose it. */
export async function getMisconception(db: Db, slug: string) {
  const [rows, relatedRows, itemRows] = await db.batch([
    db
      .select({
        m: misconceptions,
        ...topicColumns,
      })
      .from(misconceptions)
      .innerJoin(topics, eq(misconceptions.topicSlug, topics.slug))
      .innerJoin(strands, eq(topics.strandSlug, strands.slug))
      .where(eq(misconceptions.slug, slug)),
    db
      .selectDistinct({ slug: misconceptions.slug, title: misconceptions.title })
      .from(misconceptionRelations)
      .innerJoin(
        misconceptions,
        or(
          and(
            eq(misconceptionRelations.slug, slug),
            eq(misconceptions.slug, misconceptionRelations.relatedSlug),
          ),
          and(
            eq(misconceptionRelations.relatedSlug, slug),
            eq(misconceptions.slug, misconceptionRelations.slug),
          ),
        ),
      )
      .orderBy(asc(misconceptions.title)),
    db
      .select({
        id: items.id,
        construct: items.construct,
        stemHtml: items.stemHtml,
        label: optionMisconceptions.label,
      })
      .from(optionMisconceptions)
      .innerJoin(items, eq(items.id, optionMisconceptions.itemId))
      .where(and(eq(optionMisconceptions.misconceptionSlug, slug), eq(items.status, 'published')))
      .orderBy(asc(items.id), asc(optionMisconceptions.label)),
  ])
  const row = rows[0]
  if (!row) return null
  const { m } = row
  const diagnosedBy = new Map<
    string,
    { id: string; construct: string; stemHtml: string; options: string[] }
  >()
  for (const r of itemRows) {
    const entry = diagnosedBy.get(r.id) ?? {
      id: r.id,
      construct: r.construct,
      stemHtml: r.stemHtml,
      options: [],
    }
    entry.options.push(r.label)
    diagnosedBy.set(r.id, entry)
  }
  return {
    slug: m.slug,
    title: m.title,
    topic: { slug: m.topicSlug, name: row.topicName },
    strand: { slug: row.strandSlug, name: row.strandName },
    description: { source: m.descriptionSource, html: m.descriptionHtml },
    whyItArises: { source: m.whyItArisesSource, html: m.whyItArisesHtml },
    howToAddress: { source: m.howToAddressSource, html: m.howToAddressHtml },
    references: m.references,
    related: relatedRows,
    items: [...diagnosedBy.values()],
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  }
}

/** Titles for a set of slugs (≤ 100, D1's parameter limit), for labelling facets and links. */
export async function misconceptionTitles(db: Db, slugs: string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map()
  const rows = await db
    .select({ slug: misconceptions.slug, title: misconceptions.title })
    .from(misconceptions)
    .where(inArray(misconceptions.slug, slugs))
  return new Map(rows.map((r) => [r.slug, r.title]))
}

/** A 404 unless the misconception exists. */
export async function requireMisconception(db: Db, slug: string) {
  const [row] = await db
    .select({ slug: misconceptions.slug })
    .from(misconceptions)
    .where(eq(misconceptions.slug, slug))
  if (!row) throw notFound(`Misconception "${slug}"`)
}

/** Every misconception's slug, so an import can tell a known link from an unknown one. */
export async function misconceptionSlugs(db: Db): Promise<Set<string>> {
  const rows = await db.select({ slug: misconceptions.slug }).from(misconceptions)
  return new Set(rows.map((r) => r.slug))
}

/** Misconceptions as written (their inputs), for exports that carry them alongside items. */
export async function misconceptionInputs(db: Db, slugs: string[]) {
  const out = []
  for (const part of chunk([...new Set(slugs)], 90)) {
    const [rows, relations] = await db.batch([
      db
        .select()
        .from(misconceptions)
        .where(inArray(misconceptions.slug, part))
        .orderBy(asc(misconceptions.slug)),
      db.select().from(misconceptionRelations).where(inArray(misconceptionRelations.slug, part)),
    ])
    for (const m of rows) {
      out.push({
        slug: m.slug,
        title: m.title,
        topic: m.topicSlug,
        description: m.descriptionSource,
        whyItArises: m.whyItArisesSource,
        howToAddress: m.howToAddressSource,
        related: relations.filter((r) => r.slug === m.slug).map((r) => r.relatedSlug),
        references: m.references,
      })
    }
  }
  return out
}
