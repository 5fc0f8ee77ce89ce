/**
 * The search index as plain typed arrays: what is built from the bank, stored in D1 as one blob,
 * and searched. Every document is a small integer (its position here); every facet value is a
 * small integer code into a table of slugs; postings are compressed sparse rows (a term's
 * documents are `postDocs[postStart[t] .. postStart[t + 1]]`). Nothing per document is a string
 * except its ref, so the index of a 50k-item bank stays a few tens of MB.
 *
 * Topic and strand names, and the titles of the misconceptions an item's options reveal, repeat
 * across thousands of items: they are indexed once per topic or misconception ("groups"), and a
 * group's match reaches its documents through `topicDocs` and `misconceptionDocs`.
 */

export const ITEM = 0
export const MISCONCEPTION = 1

export interface IndexData {
  version: string
  // One entry per document; items first, then misconceptions.
  refs: string[]
  kinds: Uint8Array
  strands: Uint8Array
  topics: Uint16Array
  /** Bit y is set when the item suits year y. */
  years: Uint32Array
  /** Misconception codes of a document: `mcCodes[mcStart[d] .. mcStart[d + 1]]`. */
  mcStart: Uint32Array
  mcCodes: Uint32Array
  /** A document's title terms, for "similar items". */
  titleStart: Uint32Array
  titleTerms: Uint32Array
  /** Document ids in title order: browsing (an empty query) reads it as it is. */
  browse: Uint32Array

  strandSlugs: string[]
  topicSlugs: string[]
  misconceptionSlugs: string[]

  /** Term id → term, sorted, so a term is found by binary search. */
  terms: string[]
  /** Documents containing the term through any field, groups included. */
  df: Uint32Array
  postStart: Uint32Array
  postDocs: Uint32Array
  /** BM25F weight × 256 (title and body together); bit 15 marks a match in the title. */
  postWeights: Uint16Array
  /** Group postings: ids below `topicSlugs.length` are topics, the rest misconceptions. */
  groupStart: Uint32Array
  groupIds: Uint32Array
  groupWeights: Uint16Array

  /** Words as written in the bank (lower case), sorted: completion and "did you mean". */
  surfaces: string[]
  surfaceTerm: Uint32Array
  /** How often each surface form occurs: a likelier completion or correction comes first. */
  surfaceCount: Uint32Array
}

export const WEIGHT_SCALE = 256
export const TITLE_FLAG = 0x8000

/**
 * Compressed sparse rows from pairs: `each` is called twice with an `emit(row, value)`, once to
 * count and once to fill, so no list of pairs is ever held.
 */
export function csr(rows: number, each: (emit: (row: number, value: number) => void) => void) {
  const start = new Uint32Array(rows + 1)
  each((row) => start[row + 1]!++)
  for (let r = 0; r < rows; r++) start[r + 1]! += start[r]!
  const fill = start.slice(0, rows)
  const values = new Uint32Array(start[rows]!)
  each((row, value) => (values[fill[row]!++] = value))
  return { start, values }
}

/** Documents of each topic, and the items that reveal each misconception. */
export function groupDocuments(data: IndexData) {
  const n = data.refs.length
  const byTopic = csr(data.topicSlugs.length, (emit) => {
    for (let d = 0; d < n; d++) emit(data.topics[d]!, d)
  })
  // Only items reach a misconception through its name: a misconception's own title is its title.
  const byMisconception = csr(data.misconceptionSlugs.length, (emit) => {
    for (let d = 0; d < n; d++) {
      if (data.kinds[d] !== ITEM) continue
      for (let k = data.mcStart[d]!; k < data.mcStart[d + 1]!; k++) emit(data.mcCodes[k]!, d)
    }
  })
  return {
    topicStart: byTopic.start,
    topicDocs: byTopic.values,
    misconceptionStart: byMisconception.start,
    misconceptionDocs: byMisconception.values,
  }
}
