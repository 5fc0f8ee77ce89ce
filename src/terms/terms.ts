/**
 * Words → index terms, one way for the bank and for a teacher's query: the maths normalisation
 * of normalize.ts first (×/x/times, ½/1/2/a half, TeX, plurals, stop-words), then an English
 * stemmer (Porter, the `stemmer` package) so that "adding", "adds" and "add" are one term.
 *
 * A dimension written as two numbers with a times sign between them (`4x4`, `4 × 4`, and in an
 * item's id `4-by-4`) also becomes one compound term, `4x4`: a teacher who types "4x4" means the
 * 4-by-4 square, not every item with a 4 and a multiplication in it.
 */
import { stemmer } from 'stemmer'
import { processTerm, tokenize, wordTerm } from './normalize.ts'

// Words the stemmer must leave alone: "times" is multiplication, not the topic "time"; the others
// end in letters Porter would strip from words that do not have a suffix there.
const UNSTEMMED = new Set(['times', 'axis', 'minus', 'plus', 'less', 'lens', 'gas', 'always'])

// Stems the maths normalisation treats as one word, so every form of them agrees with it.
const STEM_ALIASES: Record<string, string> = {
  multipli: 'times', // multiplies, multiplied (normalize.ts already turns "multiply" into "times")
  percentag: 'percent',
}

const memo = new Map<string, string | null>()
const MEMO_LIMIT = 50_000

/**
 * One token (as `tokenize` splits text) → its index term, or null for a stop-word. Numbers,
 * fractions and mixed tokens like `2x` are kept as they are; words are stemmed.
 */
export function termOf(token: string): string | null {
  let term = memo.get(token)
  if (term !== undefined) return term
  term = stem(token)
  // The memo only saves stemming time; bounded so a stream of odd queries cannot grow it forever.
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(token, term)
  return term
}

function stem(token: string): string | null {
  const word = processTerm(token)
  if (word === null || word.length < 3 || UNSTEMMED.has(word) || !/^[a-z]+$/.test(word)) return word
  // British spellings as American ones, which Porter knows: factorising → factorizing → factor.
  let stemmed = stemmer(word.length >= 7 ? word.replace(/is(e|es|ed|ing|ation)$/, 'iz$1') : word)
  // Porter drops a doubled final consonant only after stripping a suffix ("adding" → "ad", but
  // "add" stays "add"); dropping it always makes the two agree.
  if (/([bcdfghjkmnpqrtvwxy])\1$/.test(stemmed)) stemmed = stemmed.slice(0, -1)
  return STEM_ALIASES[stemmed] ?? stemmed
}

const NUMBER = /^\d+(?:\.\d+)?$/

/**
 * Text → index terms in order (with repeats), plus a compound `AxB` after every `A times B`
 * of two plain numbers. `surfaces`, when given, receives each kept token as typed (lower case)
 * with its term: what "did you mean" and completion offer back to the teacher.
 */
export function textTerms(text: string, surfaces?: (surface: string, term: string) => void) {
  const tokens = tokenize(text)
  const terms: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    let token = tokens[i]!
    // "3-D", "3 D" and "3D" are one word.
    if (/^[23]$/.test(token) && tokens[i + 1] === 'd') token = `${tokens[i++]}d`
    const term = termOf(token)
    if (term === null) continue
    terms.push(term)
    surfaces?.(token, term)
    if (term === 'times' && i > 0 && i + 1 < tokens.length) {
      const [a, b] = [tokens[i - 1]!, tokens[i + 1]!]
      if (NUMBER.test(a) && NUMBER.test(b)) terms.push(`${a}x${b}`)
    }
  }
  return terms
}

/** An item's id as words: `perimeter-of-a-4-by-4-square` reads "perimeter of a 4 × 4 square". */
export function idWords(ref: string): string {
  return ref.replace(/(\d)-by-(?=\d)/g, '$1 × ').replace(/-/g, ' ')
}

/**
 * One word of displayed text (letters and digits only) → the term it was indexed as, for
 * highlighting every word of every snippet shown: normalize.ts's word-level rewrites and the
 * memoised stem, without the full maths pass of `textTerms`.
 */
export function wordTermOf(word: string): string | null {
  let term = wordMemo.get(word)
  if (term !== undefined) return term
  const plain = wordTerm(word)
  term = plain === null ? null : termOf(plain)
  if (wordMemo.size >= MEMO_LIMIT) wordMemo.clear()
  wordMemo.set(word, term)
  return term
}
const wordMemo = new Map<string, string | null>()
