/**
 * The search engine over the index's typed arrays (index-data.ts): ranked, filtered, faceted
 * results, "did you mean", and "similar items". Pure: the Worker, the tests and the benchmarks
 * all search the same way, from an index built by build-index.ts or loaded from its blob.
 * How a query's words become terms is in query-slots.ts; filters and facets in filter-check.ts.
 *
 * Ranking, in order: documents that match every meaningful query term come before those that
 * match only some; within that, BM25F (idf × the field weights kept per posting). A term found
 * in a large share of the bank ("numbers") is not meaningful on its own: a document matching
 * only such terms is dropped when the query has rarer ones. Every match is scored — with typed
 * arrays that is cheap — but only a page of hits is ever sorted.
 */
import { buildIndexData, K1, type SearchSource } from './build-index.ts'
import { groupDocuments, type IndexData, ITEM, TITLE_FLAG, WEIGHT_SCALE } from './index-data.ts'
import { emptyFacets, type FacetCounts, facetRecords, yearsOf } from './facets.ts'
import { filterCheck, tally } from './filter-check.ts'
import { correctedQuery, querySlots, type Slot, takeYearWords } from './query-slots.ts'
import { Speller } from './spelling.ts'
import { TopHits } from './top-hits.ts'

export type SearchKind = 'item' | 'misconception'

export interface SearchFilters {
  kind?: SearchKind
  strand?: string
  topic?: string
  year?: number
  misconception?: string
}

export type Facets = Record<keyof SearchFilters, Record<string, number>>

/** One ranked hit: codes decoded, title and snippet still to be read (search-hits.ts). */
export interface EngineHit {
  kind: SearchKind
  ref: string
  strand: string
  topic: string
  years: number[]
  misconceptions: string[]
  score: number
  /** Index terms this query could have matched it by, for highlighting. */
  terms: Set<string>
}

export interface EngineResult {
  total: number
  /** Hits `offset` to `offset + limit` (exclusive), best first. */
  hits: EngineHit[]
  facets: Facets
  /** The query corrected from the index's vocabulary, when a word in it looked misspelt. */
  didYouMean: string | null
  /** True when the query had no results and `hits` are those of `didYouMean`. */
  corrected: boolean
}

/** How much a hit in a year group the query named ("year 7", "KS3") counts over others. */
const YEAR_BOOST = 1.5

export class SearchIndex {
  readonly version: string
  readonly size: number
  private readonly data: IndexData
  private readonly groups: ReturnType<typeof groupDocuments>
  private readonly idf: Float32Array
  private readonly speller: Speller
  private readonly docOfRef = new Map<string, number>()
  // Scratch space reused by every search (a Worker runs one request's search at a time).
  private readonly score: Float32Array
  private readonly slotScore: Float32Array
  private readonly expScore: Float32Array
  private readonly mask: Uint32Array
  private readonly touched: Uint32Array
  private readonly slotTouched: Uint32Array
  private readonly expTouched: Uint32Array
  private readonly facets: FacetCounts

  constructor(data: IndexData) {
    this.data = data
    this.version = data.version
    this.size = data.refs.length
    const n = this.size
    this.groups = groupDocuments(data)
    this.idf = Float32Array.from(data.df, (df) => Math.log(1 + (n - df + 0.5) / (df + 0.5)))
    this.speller = new Speller(data)
    data.refs.forEach((ref, d) => {
      // Items and misconceptions may share a slug; `similar` only asks for items.
      if (data.kinds[d] === ITEM) this.docOfRef.set(ref, d)
    })
    this.score = new Float32Array(n)
    this.slotScore = new Float32Array(n)
    this.expScore = new Float32Array(n)
    this.mask = new Uint32Array(n)
    this.touched = new Uint32Array(n)
    this.slotTouched = new Uint32Array(n)
    this.expTouched = new Uint32Array(n)
    this.facets = emptyFacets(data)
  }

  static build(source: SearchSource, version: string): SearchIndex {
    return new SearchIndex(buildIndexData(source, version))
  }

  /** The arrays the index is made of, for storing (search-codec.ts). */
  get indexData(): IndexData {
    return this.data
  }

  /**
   * One page of ranked hits for a query with filters, and facet counts over all of them. Each
   * facet counts the hits that pass every *other* filter, so a teacher sees what choosing
   * another value would give. An empty query browses every document in title order.
   */
  search(query: string, filters: SearchFilters, offset = 0, limit = 20): EngineResult {
    const { slots, ...first } = this.run(query, filters, offset, limit)
    const didYouMean = correctedQuery(this.speller, query, slots)
    if (first.total > 0 || didYouMean === null) return { ...first, didYouMean, corrected: false }
    const { slots: _, ...second } = this.run(didYouMean, filters, offset, limit)
    return { ...second, didYouMean, corrected: true }
  }

  private run(query: string, filters: SearchFilters, offset: number, limit: number) {
    const { text, preferredYears } = takeYearWords(query)
    const slots = querySlots(this.data, this.speller, text)
    const facets = this.facets
    for (const counts of Object.values(facets)) counts.fill(0)
    const keep = filterCheck(this.data, filters)
    const page = new TopHits(offset + limit)
    let total = 0

    if (slots.length === 0) {
      // Only stop-words, symbols or emoji: nothing to match on. A year alone browses that year.
      if (text.trim() !== '' || (query.trim() !== '' && preferredYears === 0)) {
        return { total: 0, hits: [], facets: facetRecords(this.data, facets), slots }
      }
      for (const d of this.data.browse) {
        if (preferredYears !== 0 && (this.data.years[d]! & preferredYears) === 0) continue
        if (tally(this.data, d, keep, facets)) page.offer(-total++, d)
      }
      return {
        total,
        hits: this.hits(page, offset, new Set()),
        facets: facetRecords(this.data, facets),
        slots,
      }
    }

    const touchedCount = this.accumulate(slots)
    let meaningful = 0
    slots.forEach((slot, i) => {
      if (slot.expansions.length > 0 && !slot.common) meaningful |= 1 << i
    })
    const { score, mask, touched } = this
    for (let k = 0; k < touchedCount; k++) {
      const d = touched[k]!
      const matched = mask[d]!
      let s = score[d]!
      score[d] = 0
      mask[d] = 0
      if (meaningful !== 0 && (matched & meaningful) === 0) continue
      if (!tally(this.data, d, keep, facets)) continue
      total++
      if (preferredYears !== 0 && (this.data.years[d]! & preferredYears) !== 0) s *= YEAR_BOOST
      // Matching every meaningful term puts a document in the first tier, whatever its score.
      const tier = (matched & meaningful) === meaningful ? 1e6 : 0
      page.offer(tier + s, d, s)
    }
    const terms = new Set(
      slots.flatMap((slot) => slot.expansions.map((e) => this.data.terms[e.term]!)),
    )
    const hits = this.hits(page, offset, terms)
    return { total, hits, facets: facetRecords(this.data, facets), slots }
  }

  /**
   * Score every document a slot reaches: within a slot, the best of its expansions (a word and
   * its completions are alternatives, not extra evidence); across slots, the sum.
   */
  private accumulate(slots: Slot[]): number {
    const { data, groups, idf, score, slotScore, expScore, mask, touched } = this
    const { slotTouched, expTouched } = this
    const { postStart, postDocs, postWeights, groupStart, groupIds, groupWeights } = data
    const topicCount = data.topicSlugs.length
    let touchedCount = 0
    slots.forEach((slot, bit) => {
      const single = slot.expansions.length === 1
      let slotCount = 0
      for (const { term, factor } of slot.expansions) {
        let expCount = 0
        for (let p = postStart[term]!; p < postStart[term + 1]!; p++) {
          const d = postDocs[p]!
          if (expScore[d] === 0) expTouched[expCount++] = d
          expScore[d]! += postWeights[p]! & ~TITLE_FLAG
        }
        for (let p = groupStart[term]!; p < groupStart[term + 1]!; p++) {
          const g = groupIds[p]!
          const value = groupWeights[p]!
          const isTopic = g < topicCount
          const start = isTopic ? groups.topicStart : groups.misconceptionStart
          const docs = isTopic ? groups.topicDocs : groups.misconceptionDocs
          const row = isTopic ? g : g - topicCount
          for (let k = start[row]!; k < start[row + 1]!; k++) {
            const d = docs[k]!
            if (expScore[d] === 0) expTouched[expCount++] = d
            expScore[d]! += value
          }
        }
        // The fields' weighted frequencies, summed, saturate together (BM25F).
        const w = idf[term]! * factor * (K1 + 1)
        for (let k = 0; k < expCount; k++) {
          const d = expTouched[k]!
          const tf = expScore[d]! / WEIGHT_SCALE
          const value = (w * tf) / (tf + K1)
          expScore[d] = 0
          if (single) {
            // One way to match this word: straight into the document's score.
            if (mask[d] === 0) touched[touchedCount++] = d
            score[d]! += value
            mask[d]! |= 1 << bit
            continue
          }
          if (slotScore[d] === 0) slotTouched[slotCount++] = d
          if (value > slotScore[d]!) slotScore[d] = value
        }
      }
      for (let k = 0; k < slotCount; k++) {
        const d = slotTouched[k]!
        if (mask[d] === 0) touched[touchedCount++] = d
        score[d]! += slotScore[d]!
        mask[d]! |= 1 << bit
        slotScore[d] = 0
      }
    })
    return touchedCount
  }

  private hits(page: TopHits, offset: number, terms: Set<string>): EngineHit[] {
    const data = this.data
    return page
      .sorted()
      .slice(offset)
      .map(({ doc: d, score }) => ({
        kind: data.kinds[d] === ITEM ? 'item' : 'misconception',
        ref: data.refs[d]!,
        strand: data.strandSlugs[data.strands[d]!] ?? '',
        topic: data.topicSlugs[data.topics[d]!]!,
        years: yearsOf(data.years[d]!),
        misconceptions: [...data.mcCodes.subarray(data.mcStart[d]!, data.mcStart[d + 1]!)].map(
          (c) => data.misconceptionSlugs[c]!,
        ),
        score: Math.round(score * 1000) / 1000,
        terms,
      }))
  }

  /**
   * Items like this one: sharing misconceptions counts most, then a similar construct, then the
   * same topic. Null when the item is not in the index.
   */
  similar(
    itemId: string,
    limit: number,
  ): { ref: string; score: number; sharedMisconceptions: string[] }[] | null {
    const data = this.data
    const self = this.docOfRef.get(itemId)
    if (self === undefined) return null
    const scores = new Map<number, { score: number; shared: string[] }>()
    const entry = (d: number) => {
      let e = scores.get(d)
      if (!e) scores.set(d, (e = { score: 0, shared: [] }))
      return e
    }
    const { misconceptionStart, misconceptionDocs } = this.groups
    for (let k = data.mcStart[self]!; k < data.mcStart[self + 1]!; k++) {
      const code = data.mcCodes[k]!
      for (let j = misconceptionStart[code]!; j < misconceptionStart[code + 1]!; j++) {
        const d = misconceptionDocs[j]!
        if (d === self) continue
        const e = entry(d)
        e.score += 3
        e.shared.push(data.misconceptionSlugs[code]!)
      }
    }
    // Constructs alike: BM25 of this construct's terms over other items' constructs.
    const construct = new Map<number, number>()
    for (let k = data.titleStart[self]!; k < data.titleStart[self + 1]!; k++) {
      const t = data.titleTerms[k]!
      for (let p = data.postStart[t]!; p < data.postStart[t + 1]!; p++) {
        const d = data.postDocs[p]!
        const w = data.postWeights[p]!
        if (d === self || data.kinds[d] !== ITEM || (w & TITLE_FLAG) === 0) continue
        construct.set(d, (construct.get(d) ?? 0) + this.idf[t]! * (w & ~TITLE_FLAG))
      }
    }
    const matches = [...construct].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 50)
    const top = matches[0]?.[1] ?? 1
    for (const [d, value] of matches) {
      const e = entry(d)
      e.score += (2 * value) / top
      if (data.topics[d] === data.topics[self]) e.score += 0.5
    }
    return [...scores.entries()]
      .map(([d, e]) => ({ ref: data.refs[d]!, e }))
      .sort((a, b) => b.e.score - a.e.score || (a.ref < b.ref ? -1 : 1))
      .slice(0, limit)
      .map(({ ref, e }) => ({
        ref,
        score: Math.round(e.score * 1000) / 1000,
        sharedMisconceptions: e.shared,
      }))
  }
}
