/**
 * The baseline: the MiniSearch index the app used before src/search/engine.ts (2026-11), kept
 * unchanged apart from its imports so that `npm run bench:search` and `npm run bench:relevance`
 * measure the new index against it in the same run, on the same machine. Not used by the app.
 */
import MiniSearch, { type SearchResult } from 'minisearch'
import { processTerm, tokenize, wordTerm } from '../../src/terms/normalize.ts'

export type SearchKind = 'item' | 'misconception'

/** What the index is built from: one per published item and one per misconception. */
export interface SearchDocument {
  kind: SearchKind
  /** Item id or misconception slug. */
  ref: string
  /** An item's construct, a misconception's title. */
  title: string
  /** Stem or description, as plain words. */
  text: string
  /** Item: its options' text. */
  options: string
  /** Item: the titles of the misconceptions its wrong options reveal. */
  misconceptionNames: string
  /** Topic and strand names. */
  topicNames: string
  strand: string
  topic: string
  years: number[]
  /** Item: misconception slugs its options reveal; misconception: its own slug. */
  misconceptions: string[]
}

type Stored = Pick<
  SearchDocument,
  'kind' | 'ref' | 'title' | 'strand' | 'topic' | 'years' | 'misconceptions'
> & {
  snippet: string
}

export interface SearchFilters {
  kind?: SearchKind
  strand?: string
  topic?: string
  year?: number
  misconception?: string
}

export interface SearchHit {
  kind: SearchKind
  ref: string
  title: string
  titleHtml: string
  snippetHtml: string
  strand: string
  topic: string
  years: number[]
  misconceptions: string[]
  score: number
}

export type Facets = Record<keyof SearchFilters, Record<string, number>>

const SNIPPET_LENGTH = 220
/** Terms beyond this many are ignored: a 1,000-character query costs no more than a sentence. */
const MAX_QUERY_TERMS = 24

// Stem (or description) and option text are one field: a field fewer to score on every query.
const FIELDS = ['title', 'misconceptionNames', 'topicNames', 'body'] as const

export class SearchIndex {
  readonly version: string
  readonly size: number
  private readonly mini: MiniSearch<SearchDocument & { id: string }>
  private readonly itemsByMisconception = new Map<string, Set<string>>()
  /** Every indexed term: a query word found here is spelled right, so it skips fuzzy matching. */
  private readonly vocabulary = new Set<string>()

  constructor(documents: SearchDocument[], version: string) {
    this.version = version
    this.size = documents.length
    // Topic and misconception names repeat across thousands of documents: tokenize each once.
    const tokenized = new Map<string, string[]>()
    const vocabulary = this.vocabulary
    this.mini = new MiniSearch<SearchDocument & { id: string }>({
      fields: [...FIELDS],
      storeFields: [
        'kind',
        'ref',
        'title',
        'strand',
        'topic',
        'years',
        'misconceptions',
        'snippet',
      ],
      extractField: (doc, field) =>
        field === 'snippet'
          ? doc.text.slice(0, SNIPPET_LENGTH)
          : field === 'body'
            ? `${doc.text} ${doc.options}`
            : ((doc as unknown as Record<string, unknown>)[field] as string),
      tokenize: (text) => {
        let terms = tokenized.get(text)
        if (!terms) tokenized.set(text, (terms = tokenize(text)))
        return terms
      },
      processTerm: (term) => {
        const processed = processTerm(term)
        if (processed) vocabulary.add(processed)
        return processed
      },
      searchOptions: {
        // Queries arrive already normalised by search(): split on spaces and leave terms alone.
        tokenize: (text) => text.split(' '),
        processTerm: (term) => term,
        boost: { title: 3, misconceptionNames: 2.5, topicNames: 1.5, body: 1 },
        // While typing, an unfinished last word is a prefix ("equivalent fra"); an unknown longer
        // word is probably a typo ("perimiter"). Known words skip both, which keeps search fast.
        prefix: (term, index, terms) =>
          index === terms.length - 1 && term.length >= 2 && !vocabulary.has(term),
        fuzzy: (term) =>
          term.length >= 5 && !/\d/.test(term) && !vocabulary.has(term) ? 0.2 : false,
        maxFuzzy: 2,
        combineWith: 'OR',
      },
    })
    this.mini.addAll(documents.map((doc) => ({ ...doc, id: `${doc.kind}:${doc.ref}` })))
    tokenized.clear()
    for (const doc of documents) {
      if (doc.kind !== 'item') continue
      for (const slug of doc.misconceptions) {
        let set = this.itemsByMisconception.get(slug)
        if (!set) this.itemsByMisconception.set(slug, (set = new Set()))
        set.add(doc.ref)
      }
    }
  }

  /**
   * Ranked hits for a query with filters, and facet counts. Each facet counts the hits that pass
   * every *other* filter, so a teacher sees what choosing another value would give.
   */
  search(query: string, filters: SearchFilters) {
    const terms = queryTerms(query)
    const raw: SearchResult[] =
      terms.length > 0
        ? this.mini.search(terms.join(' '))
        : query.trim() === ''
          ? this.browseAll()
          : [] // Only stop-words, symbols or emoji: nothing to match on.

    const facets: Facets = { kind: {}, strand: {}, topic: {}, year: {}, misconception: {} }
    const keys = Object.keys(facets) as (keyof SearchFilters)[]
    const active = keys.filter((key) => filters[key] !== undefined)
    const hits: SearchResult[] = active.length === 0 ? raw : []
    for (const result of raw) {
      const doc = result as unknown as Stored
      // Only active filters can fail; with none (the common case) every result is a hit.
      let failed: keyof SearchFilters | null = null
      let failures = 0
      for (const key of active) {
        if (!passes(doc, key, filters)) {
          failed = key
          if (++failures > 1) break
        }
      }
      if (failures > 1) continue
      if (failed) count(facets[failed], doc, failed)
      else {
        if (active.length > 0) hits.push(result)
        for (const key of keys) count(facets[key], doc, key)
      }
    }
    return { total: hits.length, hits, facets, terms }
  }

  private browsed: SearchResult[] | undefined
  /** Every document in title order: computed on the first browse, then reused (it is read-only). */
  private browseAll(): SearchResult[] {
    const collator = new Intl.Collator('en-GB')
    this.browsed ??= this.mini
      .search(MiniSearch.wildcard)
      .sort((a, b) => collator.compare(String(a.title), String(b.title)))
    return this.browsed
  }

  /** Shape a page of raw hits, with HTML-safe highlighting of the terms that matched. */
  present(results: SearchResult[]): SearchHit[] {
    return results.map((result) => {
      const doc = result as unknown as Stored & SearchResult
      const matched = new Set(result.terms)
      return {
        kind: doc.kind,
        ref: doc.ref,
        title: doc.title,
        titleHtml: highlight(doc.title, matched),
        snippetHtml: highlight(doc.snippet, matched),
        strand: doc.strand,
        topic: doc.topic,
        years: doc.years,
        misconceptions: doc.misconceptions,
        score: Math.round(result.score * 1000) / 1000,
      }
    })
  }

  /**
   * Items like this one: sharing misconceptions counts most, then a similar construct, then the
   * same topic. Null when the item is not in the index.
   */
  similar(
    itemId: string,
    limit: number,
  ): { ref: string; score: number; sharedMisconceptions: string[] }[] | null {
    const self = this.mini.getStoredFields(`item:${itemId}`) as Stored | undefined
    if (!self) return null
    const scores = new Map<string, { score: number; shared: string[] }>()
    const entry = (ref: string) => {
      let e = scores.get(ref)
      if (!e) scores.set(ref, (e = { score: 0, shared: [] }))
      return e
    }
    for (const slug of self.misconceptions) {
      for (const ref of this.itemsByMisconception.get(slug) ?? []) {
        if (ref === itemId) continue
        const e = entry(ref)
        e.score += 3
        e.shared.push(slug)
      }
    }
    const constructMatches = this.mini.search(queryTerms(self.title).join(' '), {
      fields: ['title'],
      prefix: false,
      fuzzy: false,
      filter: (r) => r.kind === 'item' && r.ref !== itemId,
    })
    const top = constructMatches[0]?.score ?? 1
    for (const match of constructMatches.slice(0, 50)) {
      const e = entry(String(match.ref))
      e.score += (2 * match.score) / top
      if (match.topic === self.topic) e.score += 0.5
    }
    return [...scores.entries()]
      .sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([ref, e]) => ({
        ref,
        score: Math.round(e.score * 1000) / 1000,
        sharedMisconceptions: e.shared,
      }))
  }
}

/** A query's words as indexed terms, stop-words gone, at most MAX_QUERY_TERMS of them. */
function queryTerms(query: string): string[] {
  return tokenize(query)
    .map(processTerm)
    .filter((t): t is string => Boolean(t))
    .slice(0, MAX_QUERY_TERMS)
}

function passes(doc: Stored, key: keyof SearchFilters, filters: SearchFilters): boolean {
  const wanted = filters[key]
  if (wanted === undefined) return true
  switch (key) {
    case 'year':
      return doc.years.includes(wanted as number)
    case 'misconception':
      return doc.misconceptions.includes(wanted as string)
    default:
      return doc[key] === wanted
  }
}

function count(facet: Record<string, number>, doc: Stored, key: keyof SearchFilters) {
  const values: (string | number)[] =
    key === 'year' ? doc.years : key === 'misconception' ? doc.misconceptions : [doc[key]]
  for (const value of values) facet[value] = (facet[value] ?? 0) + 1
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)

/** Escape text and wrap each word whose indexed form matched in <mark>. */
export function highlight(text: string, matched: Set<string>): string {
  let out = ''
  let last = 0
  for (const word of text.matchAll(/[\p{L}\p{N}]+(?:[./][\p{N}]+)*/gu)) {
    const index = word.index ?? 0
    const term = wordTerm(word[0])
    out += escapeHtml(text.slice(last, index))
    out += term && matched.has(term) ? `<mark>${escapeHtml(word[0])}</mark>` : escapeHtml(word[0])
    last = index + word[0].length
  }
  return out + escapeHtml(text.slice(last))
}
