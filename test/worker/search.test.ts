/** Search: maths-aware matching, facets, highlights, similar items, and an index that follows the bank version. */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { getJson } from './helpers.ts'

type Hit = {
  kind: string
  ref: string
  titleHtml: string
  snippetHtml: string
  strand: string
  topic: string
  years: number[]
  misconceptions: string[]
}
type Results = {
  total: number
  data: Hit[]
  nextCursor: string | null
  facets: Record<string, Record<string, number>>
}

const search = (query: string) => getJson<Results>(`/api/search?${query}`)
const refs = (body: Results) => body.data.map((h) => h.ref)

describe('GET /api/search', () => {
  it('finds the perimeter items by the misconception their wrong options reveal', async () => {
    const { status, body } = await search('q=confuses+area+and+perimeter&kind=item')
    expect(status).toBe(200)
    expect(refs(body).slice(0, 5)).toContain('perimeter-of-a-3-by-5-rectangle')
  })

  it('forgives a typo and completes the word being typed', async () => {
    expect(refs((await search('q=perimiter')).body).slice(0, 5)).toContain(
      'perimeter-of-a-3-by-5-rectangle',
    )
    const typing = (await search('q=equivalent+fra')).body
    expect(typing.total).toBeGreaterThan(0)
    expect(typing.data[0]?.topic).toMatch(/fraction/)
  })

  it('treats 4x4 and 4 × 4 alike', async () => {
    const a = (await search('q=4x4+square')).body
    const b = (await search(`q=${encodeURIComponent('4 × 4 square')}`)).body
    expect(refs(a)).toEqual(refs(b))
    expect(refs(a).slice(0, 5)).toContain('perimeter-of-a-4-by-4-square')
  })

  it('matches word forms alike: "adding fractions" finds the items about adding fractions first', async () => {
    const { body } = await search('q=adding+fractions&kind=item')
    // The same answer as the base form (stemmed alike), with the adding-fractions items at the
    // top (by ids that hold as other tests and the bank add items about fractions).
    expect(refs(body).slice(0, 10)).toEqual(
      refs((await search('q=add+fractions&kind=item')).body).slice(0, 10),
    )
    expect(refs(body).slice(0, 5)).toEqual(
      expect.arrayContaining(['add-one-third-and-one-quarter', 'add-two-fifths-and-one-fifth']),
    )
  })

  it('does not let a common word carry a result: "negative numbers" is about negatives', async () => {
    const { body } = await search('q=negative+numbers')
    // Relative to the bank, not a fixed count, so it holds as items are added: the phrase
    // narrows "negative" rather than widening to everything that mentions "numbers".
    const negative = (await search('q=negative')).body.total
    const numbers = (await search('q=numbers')).body.total
    expect(body.total).toBeGreaterThan(0)
    expect(body.total).toBeLessThanOrEqual(negative)
    expect(body.total * 3).toBeLessThan(numbers)
    for (const hit of body.data) expect(`${hit.ref} ${hit.topic}`).toMatch(/negative|minus/i)
  })

  it('puts the 4-by-4 square first for "4x4"', async () => {
    expect(refs((await search('q=4x4')).body)[0]).toBe('perimeter-of-a-4-by-4-square')
  })

  it('offers "did you mean" from the bank’s words, and its results when the query has none', async () => {
    const { body } = await getJson<Results & { didYouMean: string | null; corrected: boolean }>(
      '/api/search?q=fracshuns',
    )
    expect(body.didYouMean).toBe('fractions')
    expect(body.corrected).toBe(true)
    expect(body.total).toBeGreaterThan(5)
    expect(body.data[0]?.topic).toMatch(/fraction/)
    const typo = await getJson<{ didYouMean: string | null; corrected: boolean; total: number }>(
      '/api/search?q=perimiter',
    )
    expect(typo.body).toMatchObject({ didYouMean: 'perimeter', corrected: false })
    expect(typo.body.total).toBeGreaterThan(0)
    const right = await getJson<{ didYouMean: string | null }>('/api/search?q=perimeter')
    expect(right.body.didYouMean).toBeNull()
  })

  it('stores the index it built, under the bank version, for other isolates to load', async () => {
    await search('q=area')
    const version = await env.DB.prepare(
      "SELECT value FROM bank_meta WHERE key = 'bank_version'",
    ).first<{ value: string }>()
    const { results } = await env.DB.prepare(
      'SELECT key, part, parts FROM search_index_parts ORDER BY part',
    ).all<{ key: string; part: number; parts: number }>()
    expect(results.length).toBeGreaterThan(0)
    expect(results.every((r) => r.key.startsWith(`${version?.value}/`))).toBe(true)
    expect(results.length).toBe(results[0]?.parts)
  })

  it('combines filters with the text and counts facets', async () => {
    const { body } = await search('q=area&strand=measurement&year=5')
    expect(body.total).toBeGreaterThan(0)
    for (const hit of body.data) {
      expect(hit.strand).toBe('measurement')
      expect(hit.kind).toBe('item') // misconceptions have no year groups
      expect(hit.years).toContain(5)
    }
    expect(body.facets.strand?.measurement).toBe(body.total)
    expect(Object.keys(body.facets.year ?? {}).length).toBeGreaterThan(1) // other years stay visible
  })

  it('highlights matched words in HTML-safe snippets', async () => {
    const { body } = await search('q=perimeter')
    const hit = body.data.find((h) => h.snippetHtml.includes('<mark>'))
    expect(hit).toBeDefined()
    for (const h of body.data) {
      expect(h.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
    }
  })

  it('pages through results with the cursor', async () => {
    const first = (await search('q=fraction&limit=5')).body
    expect(first.data).toHaveLength(5)
    const second = (await search(`q=fraction&limit=5&cursor=${first.nextCursor}`)).body
    expect(refs(second).some((r) => refs(first).includes(r))).toBe(false)
  })

  it('browses by filters alone when the query is empty', async () => {
    const { status, body } = await search('q=&topic=perimeter')
    expect(status).toBe(200)
    expect(body.total).toBeGreaterThan(1)
  })

  it.each([
    ['emoji', '🙂📐'],
    ['lone TeX', '\\frac{'],
    ['dollar signs', '$$'],
    ['control characters', 'area\u0001\u0002'],
    ['an HTML tag', '<script>alert(1)</script>'],
    ['500 characters', 'fraction '.repeat(55).slice(0, 500)],
  ])('answers %s with results, never a 500', async (_, q) => {
    const { status, body } = await search(`q=${encodeURIComponent(q)}`)
    expect(status).toBe(200)
    expect(Array.isArray(body.data)).toBe(true)
  })

  it('answers a 1,000-character query and a bad filter with a clear 400', async () => {
    const long = await getJson<{ errors: { field: string }[] }>(`/api/search?q=${'a'.repeat(1000)}`)
    expect(long.status).toBe(400)
    expect(long.body.errors[0]?.field).toBe('q')
    const kind = await getJson<{ errors: { field: string }[] }>('/api/search?q=area&kind=pupil')
    expect(kind.status).toBe(400)
    expect(kind.body.errors[0]?.field).toBe('kind')
  })

  it('refreshes the index when the bank version moves', async () => {
    const before = (await search('q=quincunxial')).body.total
    expect(before).toBe(0)
    await env.DB.batch([
      env.DB.prepare(
        "UPDATE items SET construct = 'Quincunxial shapes' WHERE id = 'perimeter-of-a-3-by-5-rectangle'",
      ),
      env.DB.prepare("UPDATE bank_meta SET value = 'test-bump' WHERE key = 'bank_version'"),
    ])
    expect(refs((await search('q=quincunxial')).body)).toContain('perimeter-of-a-3-by-5-rectangle')
  })
})

describe('GET /api/items/:id/similar', () => {
  it('returns items sharing a misconception, most similar first', async () => {
    const { status, body } = await getJson<{
      data: { id: string; sharedMisconceptions: string[]; score: number }[]
    }>('/api/items/perimeter-of-a-3-by-5-rectangle/similar')
    expect(status).toBe(200)
    expect(body.data.length).toBeGreaterThan(0)
    expect(body.data.map((d) => d.id)).not.toContain('perimeter-of-a-3-by-5-rectangle')
    expect(body.data[0]?.sharedMisconceptions.length).toBeGreaterThan(0)
    const scores = body.data.map((d) => d.score)
    expect([...scores].sort((a, b) => b - a)).toEqual(scores)
  })

  it('returns 404 for an unknown item', async () => {
    expect((await getJson('/api/items/no-such-item/similar')).status).toBe(404)
  })
})
