/** The taxonomy as stored, in the shape the content compiler produces (for imports in the Worker). */
import { asc } from 'drizzle-orm'
import type { TaxonomyRecord } from '../bank/compile.ts'
import { strands, topics } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'

export async function compileTaxonomyFromDb(db: Db): Promise<TaxonomyRecord> {
  const [strandRows, topicRows] = await db.batch([
    db.select().from(strands).orderBy(asc(strands.position)),
    db.select().from(topics).orderBy(asc(topics.position)),
  ])
  return { strands: strandRows, topics: topicRows }
}
