/**
 * The bank → the index's typed arrays (index-data.ts). Run when the bank changes, not per
 * request: the result is stored in D1 and loaded by every isolate after (search-store.ts).
 *
 * Scoring is BM25F: a term's frequency in each field is normalised by the field's length against
 * its average (b) and weighted by the field's boost; the fields' sum saturates (k1) at query
 * time, so a word found in the title, the stem and a misconception name counts a little more
 * than in the title alone, not three times as much. The per-field sums are computed here, once,
 * and kept per posting (and per topic or misconception, for the fields indexed once).
 */
import { plainText } from '../lib/plain-text.ts'
import { csr, type IndexData, ITEM, MISCONCEPTION, TITLE_FLAG, WEIGHT_SCALE } from './index-data.ts'
import { idWords, textTerms } from '../terms/terms.ts'

/** What an index is built from, however it was read (D1 here, a synthetic bank in bench/). */
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

/** Field boosts: a construct or title counts most, then the misconceptions an item reveals. */
export const BOOST = { title: 3, misconceptionNames: 2.5, topicNames: 1.5, body: 1 }
/** BM25's saturation: how quickly more occurrences stop counting. */
export const K1 = 1.2
const B = 0.75

/** A field's term frequency, normalised by the field's length. */
const normalised = (tf: number, length: number, average: number) =>
  tf / (1 - B + (B * length) / Math.max(average, 1))

/** Growable typed arrays for the (term, document, tf) triples of the direct fields. */
class Triples {
  length = 0
  term = new Uint32Array(1 << 16)
  doc = new Uint32Array(1 << 16)
  tfTitle = new Uint8Array(1 << 16)
  tfBody = new Uint8Array(1 << 16)
  push(term: number, doc: number, tfTitle: number, tfBody: number) {
    if (this.length === this.term.length) {
      const grow = <T extends Uint32Array | Uint8Array>(a: T): T => {
        const next = new (a.constructor as new (n: number) => T)(a.length * 2)
        next.set(a)
        return next
      }
      this.term = grow(this.term)
      this.doc = grow(this.doc)
      this.tfTitle = grow(this.tfTitle)
      this.tfBody = grow(this.tfBody)
    }
    const i = this.length++
    this.term[i] = term
    this.doc[i] = doc
    this.tfTitle[i] = Math.min(tfTitle, 255)
    this.tfBody[i] = Math.min(tfBody, 255)
  }
}

export function buildIndexData(source: SearchSource, version: string): IndexData {
  const strandSlugs = [...new Set(source.topics.map((t) => t.strandSlug))].sort()
  const strandCode = new Map(strandSlugs.map((s, i) => [s, i]))
  const topicSlugs = source.topics.map((t) => t.slug).sort()
  const topicCode = new Map(topicSlugs.map((s, i) => [s, i]))
  const misconceptionSlugs = [
    ...new Set([
      ...source.misconceptions.map((m) => m.slug),
      ...source.items.flatMap((i) => i.misconceptions),
    ]),
  ].sort()
  const misconceptionCode = new Map(misconceptionSlugs.map((s, i) => [s, i]))
  const topicsBySlug = new Map(source.topics.map((t) => [t.slug, t]))
  // An item whose topic is not in the taxonomy still gets a code (and an empty strand).
  const codeOfTopic = (slug: string) => {
    let code = topicCode.get(slug)
    if (code === undefined) topicCode.set(slug, (code = topicSlugs.push(slug) - 1))
    return code
  }

  // Term and surface dictionaries, filled as text is read; renumbered in sorted order at the end.
  const termId = new Map<string, number>()
  const termList: string[] = []
  const surfaces = new Map<string, { term: number; count: number }>()
  const idOf = (term: string) => {
    let id = termId.get(term)
    if (id === undefined) termId.set(term, (id = termList.push(term) - 1))
    return id
  }
  const read = (text: string) =>
    textTerms(text, (surface, term) => {
      const entry = surfaces.get(surface)
      if (entry) entry.count++
      else surfaces.set(surface, { term: idOf(term), count: 1 })
    }).map(idOf)
  const frequencies = (ids: number[]) => {
    const tf = new Map<number, number>()
    for (const id of ids) tf.set(id, (tf.get(id) ?? 0) + 1)
    return tf
  }

  const items = [...source.items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const misconceptions = [...source.misconceptions].sort((a, b) =>
    a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0,
  )
  const n = items.length + misconceptions.length
  const refs: string[] = new Array(n)
  const titles: string[] = new Array(n)
  const kinds = new Uint8Array(n)
  const strands = new Uint8Array(n)
  const topics = new Uint16Array(n)
  const years = new Uint32Array(n)
  const docMisconceptions: number[][] = new Array(n)
  const titleTermsOf: number[][] = new Array(n)
  const lengthTitle = new Uint32Array(n)
  const lengthBody = new Uint32Array(n)
  const triples = new Triples()

  const addDocument = (
    d: number,
    doc: { ref: string; kind: number; title: string; body: string; topic: string },
    yearList: number[],
    slugs: string[],
  ) => {
    refs[d] = doc.ref
    titles[d] = doc.title
    kinds[d] = doc.kind
    const topic = codeOfTopic(doc.topic)
    topics[d] = topic
    strands[d] = strandCode.get(topicsBySlug.get(doc.topic)?.strandSlug ?? '') ?? 0
    for (const year of yearList) if (year >= 0 && year < 32) years[d]! |= 1 << year
    docMisconceptions[d] = [...new Set(slugs.map((s) => misconceptionCode.get(s)!))].sort(
      (a, b) => a - b,
    )
    const title = read(doc.title)
    const body = read(doc.body)
    lengthTitle[d] = title.length
    lengthBody[d] = body.length
    const tfTitle = frequencies(title)
    const tfBody = frequencies(body)
    titleTermsOf[d] = [...tfTitle.keys()]
    for (const [term, tf] of tfTitle) triples.push(term, d, tf, tfBody.get(term) ?? 0)
    for (const [term, tf] of tfBody) if (!tfTitle.has(term)) triples.push(term, d, 0, tf)
  }

  items.forEach((item, d) =>
    addDocument(
      d,
      {
        ref: item.id,
        kind: ITEM,
        title: item.construct,
        // The id is a short summary written by a person ("perimeter-of-a-4-by-4-square").
        body: `${plainText(item.stem)} ${item.optionTexts.map(plainText).join(' ')} ${idWords(item.id)}`,
        topic: item.topic,
      },
      item.years,
      item.misconceptions,
    ),
  )
  misconceptions.forEach((m, i) =>
    addDocument(
      items.length + i,
      {
        ref: m.slug,
        kind: MISCONCEPTION,
        title: m.title,
        body: `${plainText(m.description)} ${idWords(m.slug)}`,
        topic: m.topic,
      },
      [],
      [m.slug],
    ),
  )

  // Groups: each topic's and strand's names, and each misconception's title, read once.
  const groupCount = topicSlugs.length + misconceptionSlugs.length
  const groupTerms: Map<number, number>[] = new Array(groupCount)
  const groupLength = new Uint32Array(groupCount)
  topicSlugs.forEach((slug, g) => {
    const topic = topicsBySlug.get(slug)
    const ids = topic ? read(`${topic.name} ${topic.strandName}`) : []
    groupTerms[g] = frequencies(ids)
    groupLength[g] = ids.length
  })
  const titleOf = new Map(misconceptions.map((m) => [m.slug, m.title]))
  misconceptionSlugs.forEach((slug, i) => {
    const ids = read(titleOf.get(slug) ?? '')
    groupTerms[topicSlugs.length + i] = frequencies(ids)
    groupLength[topicSlugs.length + i] = ids.length
  })

  // Renumber terms in sorted order, so a query finds one by binary search with no Map at all.
  const order = termList.map((_, i) => i).sort((a, b) => (termList[a]! < termList[b]! ? -1 : 1))
  const renumber = new Uint32Array(termList.length)
  order.forEach((old, id) => (renumber[old] = id))
  const terms = order.map((old) => termList[old]!)
  const T = terms.length

  const average = (lengths: Uint32Array, from = 0, to = lengths.length) => {
    let sum = 0
    for (let i = from; i < to; i++) sum += lengths[i]!
    return sum / Math.max(1, to - from)
  }
  const avgTitle = average(lengthTitle)
  const avgBody = average(lengthBody)
  const avgTopic = average(groupLength, 0, topicSlugs.length)
  const avgMisconception = average(groupLength, topicSlugs.length)

  // Postings, in document order within each term (documents were read in order).
  const postings = csr(T, (emit) => {
    for (let i = 0; i < triples.length; i++) emit(renumber[triples.term[i]!]!, i)
  })
  const postDocs = new Uint32Array(postings.values.length)
  const postWeights = new Uint16Array(postings.values.length)
  postings.values.forEach((i, p) => {
    const d = triples.doc[i]!
    const weight =
      BOOST.title * normalised(triples.tfTitle[i]!, lengthTitle[d]!, avgTitle) +
      BOOST.body * normalised(triples.tfBody[i]!, lengthBody[d]!, avgBody)
    postDocs[p] = d
    postWeights[p] =
      Math.min(0x7fff, Math.round(weight * WEIGHT_SCALE)) |
      (triples.tfTitle[i]! > 0 ? TITLE_FLAG : 0)
  })
  const groups = csr(T, (emit) => {
    groupTerms.forEach((tf, g) => {
      for (const term of tf.keys()) emit(renumber[term]!, g)
    })
  })
  const groupWeights = new Uint16Array(groups.values.length)
  for (let term = 0; term < T; term++) {
    for (let p = groups.start[term]!; p < groups.start[term + 1]!; p++) {
      const g = groups.values[p]!
      // The group's frequencies are keyed by the term's id before renumbering.
      const tf = groupTerms[g]!.get(order[term]!) ?? 0
      const weight =
        g < topicSlugs.length
          ? BOOST.topicNames * normalised(tf, groupLength[g]!, avgTopic)
          : BOOST.misconceptionNames * normalised(tf, groupLength[g]!, avgMisconception)
      groupWeights[p] = Math.min(0x7fff, Math.round(weight * WEIGHT_SCALE))
    }
  }

  const mc = csr(n, (emit) =>
    docMisconceptions.forEach((codes, d) => codes.forEach((c) => emit(d, c))),
  )
  const titleIndex = csr(n, (emit) =>
    titleTermsOf.forEach((ids, d) => ids.forEach((id) => emit(d, renumber[id]!))),
  )
  const data: IndexData = {
    version,
    refs,
    kinds,
    strands,
    topics,
    years,
    mcStart: mc.start,
    mcCodes: mc.values,
    titleStart: titleIndex.start,
    titleTerms: titleIndex.values,
    browse: browseOrder(titles),
    strandSlugs,
    topicSlugs,
    misconceptionSlugs,
    terms,
    df: new Uint32Array(T),
    postStart: postings.start,
    postDocs,
    postWeights,
    groupStart: groups.start,
    groupIds: groups.values,
    groupWeights,
    ...surfaceTable(surfaces, renumber),
  }
  data.df = documentFrequencies(data)
  return data
}

/** Every document in title order, as a teacher browsing the bank reads it. */
function browseOrder(titles: string[]): Uint32Array {
  const collator = new Intl.Collator('en-GB')
  const ids = titles.map((_, i) => i)
  ids.sort((a, b) => collator.compare(titles[a]!, titles[b]!) || a - b)
  return Uint32Array.from(ids)
}

function surfaceTable(
  surfaces: Map<string, { term: number; count: number }>,
  renumber: Uint32Array,
): Pick<IndexData, 'surfaces' | 'surfaceTerm' | 'surfaceCount'> {
  const list = [...surfaces.keys()].sort()
  return {
    surfaces: list,
    surfaceTerm: Uint32Array.from(list, (s) => renumber[surfaces.get(s)!.term]!),
    surfaceCount: Uint32Array.from(list, (s) => surfaces.get(s)!.count),
  }
}

/** How many documents each term reaches, through its own fields or its groups. */
function documentFrequencies(data: IndexData): Uint32Array {
  const T = data.terms.length
  const n = data.refs.length
  const df = new Uint32Array(T)
  // Terms of each group, to walk from a document to the terms its topic and misconceptions add.
  const groupCount = data.topicSlugs.length + data.misconceptionSlugs.length
  const termsOfGroup = csr(groupCount, (emit) => {
    for (let t = 0; t < T; t++) {
      for (let p = data.groupStart[t]!; p < data.groupStart[t + 1]!; p++) emit(data.groupIds[p]!, t)
    }
  })
  const termsOfDoc = csr(n, (emit) => {
    for (let t = 0; t < T; t++) {
      for (let p = data.postStart[t]!; p < data.postStart[t + 1]!; p++) emit(data.postDocs[p]!, t)
    }
  })
  const seen = new Int32Array(T).fill(-1)
  const count = (d: number, from: number, to: number, values: Uint32Array) => {
    for (let k = from; k < to; k++) {
      const t = values[k]!
      if (seen[t] !== d) {
        seen[t] = d
        df[t]!++
      }
    }
  }
  const topicCount = data.topicSlugs.length
  for (let d = 0; d < n; d++) {
    count(d, termsOfDoc.start[d]!, termsOfDoc.start[d + 1]!, termsOfDoc.values)
    const g = data.topics[d]!
    count(d, termsOfGroup.start[g]!, termsOfGroup.start[g + 1]!, termsOfGroup.values)
    if (data.kinds[d] !== ITEM) continue
    for (let k = data.mcStart[d]!; k < data.mcStart[d + 1]!; k++) {
      const m = topicCount + data.mcCodes[k]!
      count(d, termsOfGroup.start[m]!, termsOfGroup.start[m + 1]!, termsOfGroup.values)
    }
  }
  return df
}
