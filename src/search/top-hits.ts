/**
 * The best hits of a search, kept while every match is scored: a binary min-heap on the rank key
 * (the worst kept hit at the root), so thousands of matches cost a page's worth of sorting.
 */

/**
 * The best `size` documents seen so far, as a binary min-heap on the rank key (the worst kept
 * hit at the root), so a search of thousands of matches sorts only a page of them.
 */
export class TopHits {
  private readonly keys: number[] = []
  private readonly docs: number[] = []
  private readonly scores: number[] = []
  private readonly size: number
  constructor(size: number) {
    this.size = size
  }

  /** Higher keys rank first; among equal keys, the lower document id (earlier in the bank). */
  offer(key: number, doc: number, score = 0) {
    if (this.size === 0) return
    const { keys, docs, scores } = this
    if (keys.length === this.size) {
      if (!this.better(key, doc, keys[0]!, docs[0]!)) return
      keys[0] = key
      docs[0] = doc
      scores[0] = score
      this.down(0)
      return
    }
    keys.push(key)
    docs.push(doc)
    scores.push(score)
    let i = keys.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.better(keys[parent]!, docs[parent]!, keys[i]!, docs[i]!)) break
      this.swap(i, parent)
      i = parent
    }
  }

  sorted(): { doc: number; score: number }[] {
    return this.keys
      .map((key, i) => ({ key, doc: this.docs[i]!, score: this.scores[i]! }))
      .sort((a, b) => b.key - a.key || a.doc - b.doc)
  }

  private better(keyA: number, docA: number, keyB: number, docB: number) {
    return keyA > keyB || (keyA === keyB && docA < docB)
  }

  private down(i: number) {
    const n = this.keys.length
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let worst = i
      if (l < n && this.better(this.keys[worst]!, this.docs[worst]!, this.keys[l]!, this.docs[l]!))
        worst = l
      if (r < n && this.better(this.keys[worst]!, this.docs[worst]!, this.keys[r]!, this.docs[r]!))
        worst = r
      if (worst === i) return
      this.swap(i, worst)
      i = worst
    }
  }

  private swap(i: number, j: number) {
    const { keys, docs, scores } = this
    ;[keys[i], keys[j]] = [keys[j]!, keys[i]!]
    ;[docs[i], docs[j]] = [docs[j]!, docs[i]!]
    ;[scores[i], scores[j]] = [scores[j]!, scores[i]!]
  }
}
