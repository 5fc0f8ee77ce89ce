/**
 * The documents the MiniSearch baseline was built from (src/search/search.queries.ts before the
 * index moved to typed arrays), kept verbatim so the benchmarks compare the two in one run.
 */
import { plainText } from '../../src/lib/render.ts'
import type { SearchSource } from '../../src/search/build-index.ts'
import type { SearchDocument } from './minisearch-engine.ts'

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
