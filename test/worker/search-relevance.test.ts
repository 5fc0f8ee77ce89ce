/** Search relevance: realistic teacher queries find an expected item in the top five. */
import { describe, expect, it } from 'vitest'
import relevance from '../search-relevance.json'
import { getJson } from './helpers.ts'

type Query = { q: string; filters?: Record<string, string | number>; expect: string[] }

describe('search relevance on realistic teacher queries', () => {
  it('puts an expected result in the top 5 for at least 90% of queries', async () => {
    const queries = relevance.queries as Query[]
    expect(queries.length).toBeGreaterThanOrEqual(30)
    const misses: string[] = []
    for (const { q, filters, expect: wanted } of queries) {
      const params = new URLSearchParams({
        q,
        limit: '5',
        ...Object.fromEntries(Object.entries(filters ?? {}).map(([k, v]) => [k, String(v)])),
      })
      const { body } = await getJson<{ data: { kind: string; ref: string }[] }>(
        `/api/search?${params}`,
      )
      const top = body.data.map((hit) => `${hit.kind}:${hit.ref}`)
      if (!wanted.some((w) => top.includes(w))) misses.push(`${q} → ${top.join(', ')}`)
    }
    const hitRate = 1 - misses.length / queries.length
    console.info(
      `search relevance: ${queries.length - misses.length}/${queries.length} in the top 5\n${misses.join('\n')}`,
    )
    expect(hitRate, `misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.9)
  })
})
