/**
 * Words the index does not know: completions of a word being typed, near spellings of a typo,
 * and "did you mean" from the index's own vocabulary, by edit distance and by sound (Double
 * Metaphone, so "fracshuns" finds "fractions", which is four letters away).
 */
import { doubleMetaphone } from 'double-metaphone'

/** Restricted Damerau–Levenshtein distance (a swap of two letters is one edit), or max + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const m = a.length
  const n = b.length
  let prev2 = new Array<number>(n + 1).fill(0)
  let prev = Array.from({ length: n + 1 }, (_, j) => j)
  let row = new Array<number>(n + 1).fill(0)
  for (let i = 1; i <= m; i++) {
    row[0] = i
    let best = i
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1)
      row[j] = v
      if (v < best) best = v
    }
    // Every later row is at least this row's minimum: stop once it is out of reach.
    if (best > max) return max + 1
    ;[prev2, prev, row] = [prev, row, prev2]
  }
  return prev[n]!
}

/** How far a typo of this length may be from the word meant. */
export const typoDistance = (length: number) => (length >= 8 ? 2 : length >= 5 ? 1 : 0)

export interface Vocabulary {
  /** Surface forms, sorted. */
  surfaces: string[]
  surfaceCount: Uint32Array
}

/** Lookups over a vocabulary; the length buckets and sound codes are made on first use. */
export class Speller {
  private byLength: number[][] | undefined
  private bySound: Map<string, number[]> | undefined
  private readonly vocabulary: Vocabulary

  constructor(vocabulary: Vocabulary) {
    this.vocabulary = vocabulary
  }

  /** Surface ids starting with `prefix`, the most frequent first, at most `limit`. */
  completions(prefix: string, limit: number): number[] {
    const { surfaces, surfaceCount } = this.vocabulary
    let lo = 0
    let hi = surfaces.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (surfaces[mid]! < prefix) lo = mid + 1
      else hi = mid
    }
    const found: number[] = []
    for (let i = lo; i < surfaces.length && surfaces[i]!.startsWith(prefix); i++) found.push(i)
    if (found.length <= limit) return found
    return found.sort((a, b) => surfaceCount[b]! - surfaceCount[a]!).slice(0, limit)
  }

  /** Surface ids within `max` edits of `word`, with their distance. */
  near(word: string, max: number): { id: number; distance: number }[] {
    if (max === 0) return []
    this.byLength ??= this.bucketByLength()
    const found: { id: number; distance: number }[] = []
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const id of this.byLength[length] ?? []) {
        const distance = editDistance(word, this.vocabulary.surfaces[id]!, max)
        if (distance <= max && distance > 0) found.push({ id, distance })
      }
    }
    return found
  }

  /**
   * The word a teacher probably meant: the nearest known spelling, preferring one that sounds
   * the same and then the commoner word. Null when nothing is close in spelling or sound.
   */
  correct(word: string): string | null {
    if (word.length < 3 || /\d/.test(word)) return null
    const { surfaces, surfaceCount } = this.vocabulary
    const spelled = this.near(word, Math.max(1, typoDistance(word.length)))
    const codes = new Set(doubleMetaphone(word).filter(Boolean))
    this.bySound ??= this.bucketBySound()
    const sounds = new Set<number>()
    for (const code of codes) for (const id of this.bySound.get(code) ?? []) sounds.add(id)
    let best: { id: number; cost: number } | null = null
    const consider = (id: number, distance: number) => {
      // Sounding alike halves the cost of the edits: "fracshuns" → "fractions" (3 edits).
      const cost = sounds.has(id) ? distance / 2 : distance
      if (
        !best ||
        cost < best.cost ||
        (cost === best.cost && surfaceCount[id]! > surfaceCount[best.id]!)
      )
        best = { id, cost }
    }
    for (const { id, distance } of spelled) consider(id, distance)
    for (const id of sounds) {
      const distance = editDistance(word, surfaces[id]!, Math.ceil(word.length / 2))
      if (distance <= Math.ceil(word.length / 2)) consider(id, distance)
    }
    return best === null ? null : surfaces[(best as { id: number }).id]!
  }

  private bucketByLength(): number[][] {
    const buckets: number[][] = []
    // Numbers are never typos of words: leaving them out halves the scan on a large bank.
    this.vocabulary.surfaces.forEach((s, id) => {
      if (!/\d/.test(s)) (buckets[s.length] ??= []).push(id)
    })
    return buckets
  }

  private bucketBySound(): Map<string, number[]> {
    const map = new Map<string, number[]>()
    this.vocabulary.surfaces.forEach((s, id) => {
      if (s.length < 3 || /\d/.test(s)) return
      for (const code of new Set(doubleMetaphone(s))) {
        if (!code) continue
        const list = map.get(code)
        if (list) list.push(id)
        else map.set(code, [id])
      }
    })
    return map
  }
}
