/** A query as the engine reads it: year words out, each word a slot of index terms, "did you mean". */
import type { IndexData } from './index-data.ts'
import { type Speller, typoDistance } from './spelling.ts'
import { textTerms } from '../terms/terms.ts'

/** Terms beyond this many are ignored: a 1,000-character query costs no more than a sentence. */
const MAX_QUERY_TERMS = 24
/** Completions of an unfinished last word, the most frequent first. */
const MAX_COMPLETIONS = 24
/** A term in more than this share of the bank cannot carry a result on its own. */
const COMMON_SHARE = 0.2
// How much a completion or a near spelling counts against the word itself.
const COMPLETION_FACTOR = 0.6
const TYPO_FACTOR = [1, 0.5, 0.3]
/** "year 7", "Y7", "yr 7", "KS3": a preference for those year groups, not words to match. */
const YEAR_WORDS = /(?<![\p{L}\p{N}])(year|yr|y|ks|key stage)\s*(\d{1,2})(?![\p{L}\p{N}])/giu
const KEY_STAGE_YEARS: Record<string, number[]> = {
  '1': [1, 2],
  '2': [3, 4, 5, 6],
  '3': [7, 8, 9],
  '4': [10, 11],
}
const COMPOUND = /^\d+(?:\.\d+)?x\d+(?:\.\d+)?$/

export interface Slot {
  /** The word as typed (lower case), when it came from one: did-you-mean replaces it. */
  token: string | null
  /** The word's term is in the index (so it is spelled right). */
  known: boolean
  /** It is the last word typed, perhaps unfinished. */
  last: boolean
  expansions: { term: number; factor: number }[]
  common: boolean
}

/** The query with its year words blanked out, and the years they asked for as a bit mask. */
export function takeYearWords(query: string): { text: string; preferredYears: number } {
  let preferredYears = 0
  const text = query.replace(YEAR_WORDS, (_, word: string, n: string) => {
    const years = /^k/i.test(word) ? (KEY_STAGE_YEARS[n] ?? []) : [Number(n)]
    for (const year of years) if (year < 32) preferredYears |= 1 << year
    return ' '
  })
  return { text, preferredYears }
}

/** A query's words → slots of index terms, each with its completions or near spellings. */
export function querySlots(data: IndexData, speller: Speller, text: string): Slot[] {
  const typed: { token: string | null; term: string }[] = []
  const terms = textTerms(text, (surface, term) => typed.push({ token: surface, term }))
  // textTerms adds a compound after "A times B"; it has no surface of its own.
  const compounds = terms.filter((term) => COMPOUND.test(term))
  for (const term of compounds) typed.push({ token: null, term })
  const seen = new Set<string>()
  const slots: Slot[] = []
  const n = data.refs.length
  typed.forEach(({ token, term }, i) => {
    if (seen.has(term) || slots.length >= MAX_QUERY_TERMS) return
    seen.add(term)
    const expansions: Slot['expansions'] = []
    const known = termId(data.terms, term)
    const isLast = token !== null && i === typed.length - 1 - compounds.length
    if (known >= 0) expansions.push({ term: known, factor: 1 })
    // The last word may be unfinished even when it is a word: "fra" on the way to "fraction".
    if (isLast && token.length >= 2 && !/\d/.test(token)) {
      for (const id of speller.completions(token, MAX_COMPLETIONS))
        expansions.push({ term: data.surfaceTerm[id]!, factor: COMPLETION_FACTOR })
    }
    if (known < 0 && token !== null) {
      if (expansions.length === 0 && !/\d/.test(token)) {
        for (const { id, distance } of speller.near(token, typoDistance(token.length)))
          expansions.push({ term: data.surfaceTerm[id]!, factor: TYPO_FACTOR[distance]! })
      }
    }
    const unique = new Map<number, number>()
    for (const e of expansions) unique.set(e.term, Math.max(unique.get(e.term) ?? 0, e.factor))
    const list = [...unique].map(([t, factor]) => ({ term: t, factor }))
    const common = list.every((e) => data.df[e.term]! > COMMON_SHARE * n)
    slots.push({ token, known: known >= 0, last: isLast, expansions: list, common })
  })
  return slots
}

/** Binary search of the sorted term list; -1 when the term is not in the index. */
function termId(terms: string[], term: string): number {
  let lo = 0
  let hi = terms.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const t = terms[mid]!
    if (t === term) return mid
    if (t < term) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/**
 * The query with each unknown word replaced by the nearest known one, or null when every
 * word is known (or still being typed: an unfinished last word with completions is not a typo).
 */
export function correctedQuery(speller: Speller, query: string, slots: Slot[]): string | null {
  let corrected = query
  let changed = false
  for (const { token, known, last } of slots) {
    if (token === null || known || /\d/.test(token)) continue
    if (last && speller.completions(token, 1).length > 0) continue
    const fix = speller.correct(token)
    if (fix === null || fix === token) continue
    const word = new RegExp(`(?<![\\p{L}\\p{N}])${token}(?![\\p{L}\\p{N}])`, 'giu')
    corrected = corrected.replace(word, fix)
    changed = true
  }
  return changed ? corrected : null
}
