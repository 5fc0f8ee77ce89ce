/**
 * A compiled bank (content/, an import, a synthetic bank) → what the search index is built
 * from, without a database: the relevance benchmark and tests search the starter bank this way,
 * and the FTS5 rows written beside a seed come from it. Only published items are searched.
 */
import type { CompiledBank } from '../bank/check.ts'
import type { SearchSource } from './build-index.ts'

export function searchSourceOf(
  bank: Pick<CompiledBank, 'taxonomy' | 'items' | 'misconceptions'>,
): SearchSource {
  const strandNames = new Map(bank.taxonomy.strands.map((s) => [s.slug, s.name]))
  return {
    topics: bank.taxonomy.topics.map((t) => ({
      slug: t.slug,
      name: t.name,
      strandSlug: t.strandSlug,
      strandName: strandNames.get(t.strandSlug) ?? '',
    })),
    items: bank.items
      .filter((item) => item.row.status === 'published')
      .map((item) => ({
        id: item.row.id,
        construct: item.row.construct,
        stem: item.row.stemSource,
        topic: item.row.topicSlug,
        years: item.years,
        optionTexts: item.options.map((o) => o.textSource),
        misconceptions: [...new Set(item.options.flatMap((o) => o.misconceptions))],
      })),
    misconceptions: bank.misconceptions.map((m) => ({
      slug: m.row.slug,
      title: m.row.title,
      description: m.row.descriptionSource,
      topic: m.row.topicSlug,
    })),
  }
}
