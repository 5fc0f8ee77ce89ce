/** The curriculum taxonomy: strands → topics, with how many published items each holds. */
import { asc, eq, sql } from 'drizzle-orm'
import { items, strands, topics } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'

export async function getTaxonomy(db: Db) {
  const rows = await db
    .select({
      strandSlug: strands.slug,
      strandName: strands.name,
      slug: topics.slug,
      name: topics.name,
      keyStages: topics.keyStages,
      itemCount: sql<number>`(SELECT count(*) FROM ${items} WHERE ${items.topicSlug} = ${topics.slug} AND ${items.status} = 'published')`.mapWith(
        Number,
      ),
    })
    .from(topics)
    .innerJoin(strands, eq(topics.strandSlug, strands.slug))
    .orderBy(asc(strands.position), asc(topics.position))
  const byStrand = new Map<
    string,
    { slug: string; name: string; itemCount: number; topics: { slug: string; name: string; keyStages: number[]; itemCount: number }[] }
  >()
  for (const { strandSlug, strandName, ...topic } of rows) {
    const strand = byStrand.get(strandSlug) ?? { slug: strandSlug, name: strandName, itemCount: 0, topics: [] }
    strand.topics.push(topic)
    strand.itemCount += topic.itemCount
    byStrand.set(strandSlug, strand)
  }
  return [...byStrand.values()]
}
export type Taxonomy = Awaited<ReturnType<typeof getTaxonomy>>
