/**
 * Ranking quality against test/search-relevance.json: MRR@10 (how soon the first relevant
 * result comes) and nDCG@5 (how good the first five are, by grade), plus the share of queries
 * with a relevant result in the top 5. One function, so the benchmark and the tests of both
 * search paths (in-isolate and FTS5) judge a ranking the same way.
 */

export interface RelevanceQuery {
  q: string
  style: string
  set: string
  filters?: Record<string, string | number>
  /** `kind:ref` → grade: 3 what was meant, 2 clearly relevant, 1 useful; unlisted is 0. */
  relevant: Record<string, number>
}

export interface QueryScore {
  query: RelevanceQuery
  /** `kind:ref` of the first ten results. */
  top: string[]
  reciprocalRank: number
  ndcg: number
  hitAt5: boolean
}

export interface Summary {
  queries: number
  mrr10: number
  ndcg5: number
  hitAt5: number
}

const gain = (grade: number) => 2 ** grade - 1

/** Score one ranking (`kind:ref`, best first) for one query. */
export function scoreQuery(query: RelevanceQuery, ranking: string[]): QueryScore {
  const top = ranking.slice(0, 10)
  const first = top.findIndex((ref) => (query.relevant[ref] ?? 0) > 0)
  const dcg = (grades: number[]) =>
    grades.slice(0, 5).reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0)
  const ideal = dcg(Object.values(query.relevant).sort((a, b) => b - a))
  return {
    query,
    top,
    reciprocalRank: first === -1 ? 0 : 1 / (first + 1),
    ndcg: ideal === 0 ? 0 : dcg(top.map((ref) => query.relevant[ref] ?? 0)) / ideal,
    hitAt5: first !== -1 && first < 5,
  }
}

export function summarize(scores: QueryScore[]): Summary {
  const mean = (f: (s: QueryScore) => number) =>
    scores.reduce((sum, s) => sum + f(s), 0) / Math.max(1, scores.length)
  return {
    queries: scores.length,
    mrr10: mean((s) => s.reciprocalRank),
    ndcg5: mean((s) => s.ndcg),
    hitAt5: mean((s) => (s.hitAt5 ? 1 : 0)),
  }
}

/** Queries grouped by a key (style, set), each group summarised, in first-seen order. */
export function summarizeBy(scores: QueryScore[], key: (q: RelevanceQuery) => string) {
  const groups = new Map<string, QueryScore[]>()
  for (const s of scores) {
    const k = key(s.query)
    groups.set(k, [...(groups.get(k) ?? []), s])
  }
  return [...groups].map(([name, group]) => ({ name, ...summarize(group) }))
}
