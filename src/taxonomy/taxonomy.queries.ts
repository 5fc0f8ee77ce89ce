/** The curriculum taxonomy: strands → topics, with how many published items each holds. */
import { asc, eq, sql } from 'drizzle-orm'
import { items, strands, topics } from '../db/schema.ts'
import type { TaxonomyRecord } from '../bank/compile.ts'
import type { Db } from '../lib/db.ts'

/**
 * Topic and strand columns for queries that join them. Aliased, because inside `db.batch()` D1
 * returns rows keyed by column name, and `slug`/`name` would collide across joined tables.
 */
export const topicColumns = {
  topicSlug: sql<string>`${topics.slug}`.as('topic_slug_'),
  topicName: sql<string>`${topics.name}`.as('topic_name_'),
  strandSlug: sql<string>`${topics.strandSlug}`.as('strand_slug_'),
  strandName: sql<string>`${strands.name}`.as('strand_name_'),
}

export async function getTaxonomy(db: Db) {
  const rows = await db
    .select({
      strandSlug: topicColumns.strandSlug,
      strandName: topicColumns.strandName,
      slug: topicColumns.topicSlug,
      name: topicColumns.topicName,
      keyStages: topics.keyStages,
      itemCount:
        sql<number>`(SELECT count(*) FROM ${items} WHERE ${items.topicSlug} = ${topics.slug} AND ${items.status} = 'published')`.mapWith(
          Number,
        ),
    })
    .from(topics)
    .innerJoin(strands, eq(topics.strandSlug, strands.slug))
    .orderBy(asc(strands.position), asc(topics.position))
  const byStrand = new Map<
    string,
    {
      slug: string
      name: string
      itemCount: number
      topics: { slug: string; name: string; keyStages: number[]; itemCount: number }[]
    }
  >()
  for (const { strandSlug, strandName, ...topic } of rows) {
    const strand = byStrand.get(strandSlug) ?? {
      slug: strandSlug,
      name: strandName,
      itemCount: 0,
      topics: [],
    }
    strand.topics.push(topic)
    strand.itemCount += topic.itemCount
    byStrand.set(strandSlug, strand)
  }
  return [...byStrand.values()]
}
export type Taxonomy = Awaited<ReturnType<typeof getTaxonomy>>

/** The taxonomy as stored, in the shape the content compiler produces (for imports in the Worker). */
export async function taxonomyRecord(db: Db): Promise<TaxonomyRecord> {
  const [strandRows, topicRows] = await db.batch([
    db.select().from(strands).orderBy(asc(strands.position)),
    db.select().from(topics).orderBy(asc(topics.position)),
  ])
  return { strands: strandRows, topics: topicRows }
}
