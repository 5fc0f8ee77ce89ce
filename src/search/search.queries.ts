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
import type { SearchDocument } from './engine.ts'

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
  return searchDocuments({
    topics: topicRows.map((t) => ({
      slug: t.topicSlug,
      name: t.topicName,
      strandSlug: t.strandSlug,
      strandName: t.strandName,
    })),
    items: itemRows.map((item) => ({
      ...item,
      optionTexts: optionText.get(item.id) ?? [],
      misconceptions: tags.get(item.id) ?? [],
      years: years.get(item.id) ?? [],
    })),
    misconceptions: misconceptionRows,
  })
}

/** What a search index is made of, however it was read (D1 here, a synthetic bank in bench/). */
export interface SearchSource {
  topics: { slug: string; name: string; strandSlug: string; strandName: string }[]
  items: {
    id: string
    construct: string
    stem: string
    topic: string
    years: number[]
    optionTexts: string[]
    misconceptions: string[]
  }[]
  misconceptions: { slug: string; title: string; description: string; topic: string }[]
}

/** Items and misconceptions → the plain-text documents the index is built from. */
export function searchDocuments(source: SearchSource): SearchDocument[] {
  const topics = new Map(source.topics.map((t) => [t.slug, t]))
  const titles = new Map(source.misconceptions.map((m) => [m.slug, m.title]))
  const topicFields = (slug: string) => {
    const topic = topics.get(slug)
    return {
      topic: slug,
      strand: topic?.strandSlug ?? '',
      topicNames: topic ? `${topic.name} ${topic.strandName}` : '',
    }
  }
  const documents: SearchDocument[] = source.items.map((item) => {
    const slugs = [...new Set(item.misconceptions)].sort()
    return {
      kind: 'item',
      ref: item.id,
      title: item.construct,
      text: plainText(item.stem),
      options: item.optionTexts.map(plainText).join(' · '),
      misconceptionNames: slugs.map((s) => titles.get(s) ?? '').join(' · '),
      ...topicFields(item.topic),
      years: [...item.years].sort((a, b) => a - b),
      misconceptions: slugs,
    }
  })
  for (const m of source.misconceptions) {
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
