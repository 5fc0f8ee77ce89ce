/**
 * The documents the search index is built from, read from D1 in one batch: every published
 * item (with its options' text, its misconceptions and years) and every misconception.
 */
import { and, eq } from 'drizzle-orm'
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
import { plainText } from '../lib/render.ts'
import type { SearchDocument } from './search-index.ts'

export async function loadSearchDocuments(db: Db): Promise<SearchDocument[]> {
  const [topicRows, itemRows, optionRows, tagRows, yearRows, misconceptionRows] = await db.batch([
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
      .select({ itemId: optionMisconceptions.itemId, slug: optionMisconceptions.misconceptionSlug })
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
  const topicsBySlug = new Map(topicRows.map((t) => [t.topicSlug, t]))
  const titles = new Map(misconceptionRows.map((m) => [m.slug, m.title]))
  const group = <R extends { itemId: string }, T>(rows: R[], value: (row: R) => T) => {
    const map = new Map<string, T[]>()
    for (const row of rows) {
      const list = map.get(row.itemId)
      if (list) list.push(value(row))
      else map.set(row.itemId, [value(row)])
    }
    return map
  }
  const optionText = group(optionRows, (r) => plainText(r.text))
  const tags = group(tagRows, (r) => r.slug)
  const years = group(yearRows, (r) => r.year)

  const topicFields = (slug: string) => {
    const topic = topicsBySlug.get(slug)
    return {
      topic: slug,
      strand: topic?.strandSlug ?? '',
      topicNames: topic ? `${topic.topicName} ${topic.strandName}` : '',
    }
  }
  const documents: SearchDocument[] = itemRows.map((item) => {
    const slugs = [...new Set(tags.get(item.id) ?? [])].sort()
    return {
      kind: 'item',
      ref: item.id,
      title: item.construct,
      text: plainText(item.stem),
      options: (optionText.get(item.id) ?? []).join(' · '),
      misconceptionNames: slugs.map((s) => titles.get(s) ?? '').join(' · '),
      ...topicFields(item.topic),
      years: (years.get(item.id) ?? []).sort((a, b) => a - b),
      misconceptions: slugs,
    }
  })
  for (const m of misconceptionRows) {
    documents.push({
      kind: 'misconception',
      ref: m.slug,
      title: m.title,
      text: plainText(m.description),
      options: '',
      misconceptionNames: '',
      ...topicFields(m.topic),
      years: [],
      misconceptions: [m.slug],
    })
  }
  return documents
}
