/** The item API: listing with filters and cursor pages, one item with its options, misconceptions and errors. */
import { describe, expect, it } from 'vitest'
import * as routes from '../../src/items/items.routes.ts'
import type { Body, Problem } from './api-types.ts'
import { getJson } from './helpers.ts'

type List = Body<typeof routes.listItems>

describe('GET /api/items', () => {
  it('lists published items with their topic, strand, years and rendered stem', async () => {
    const { status, body } = await getJson<List>('/api/items')
    expect(status).toBe(200)
    expect(body.data).toHaveLength(20)
    const first = body.data[0]
    expect(first).toMatchObject({
      id: expect.any(String),
      topic: { slug: expect.any(String) },
      strand: { slug: expect.any(String) },
    })
    expect(first?.stem.html).toBeTruthy()
    expect(body.nextCursor).toEqual(expect.any(String))
  })

  it('walks every page with the cursor, without repeats', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const { body }: { body: { data: { id: string }[]; nextCursor: string | null } } =
        await getJson<List>(`/api/items?limit=50${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...body.data.map((i) => i.id))
      cursor = body.nextCursor
    } while (cursor)
    expect(seen.length).toBeGreaterThanOrEqual(80)
    expect(new Set(seen).size).toBe(seen.length)
    expect([...seen].sort()).toEqual(seen)
  })

  it('filters by topic, strand, year and misconception together', async () => {
    const { body } = await getJson<List>(
      '/api/items?strand=measurement&topic=perimeter&year=5&misconception=confuses-perimeter-and-area',
    )
    expect(body.data.map((i: { id: string }) => i.id)).toContain('perimeter-of-a-3-by-5-rectangle')
    for (const item of body.data) {
      expect(item.topic.slug).toBe('perimeter')
      expect(item.years).toContain(5)
      expect(item.misconceptions).toContain('confuses-perimeter-and-area')
    }
  })

  it('returns an empty page for a filter nothing matches', async () => {
    const { status, body } = await getJson<List>('/api/items?topic=perimeter&strand=algebra')
    expect(status).toBe(200)
    expect(body).toEqual({ data: [], nextCursor: null })
  })

  it.each([
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=ten', 'limit'],
    ['year=12', 'year'],
    ['topic=Not%20A%20Slug', 'topic'],
    ['colour=blue', 'colour'],
    ['cursor=%%%', 'cursor'],
  ])('answers ?%s with a 400 naming %s', async (query, field) => {
    const { status, body, res } = await getJson<Problem>(`/api/items?${query}`)
    expect(status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(body.errors).toContainEqual(expect.objectContaining({ in: 'query', field }))
  })
})

describe('GET /api/items/:id', () => {
  it('returns the perimeter item with options, explanations and misconceptions expanded', async () => {
    const { status, body } = await getJson<Body<typeof routes.getItem>>(
      '/api/items/perimeter-of-a-3-by-5-rectangle',
    )
    expect(status).toBe(200)
    expect(body.stem.source).toContain('3')
    expect(body.stem.html).toContain('class="katex"')
    expect(body.options.filter((o: { correct: boolean }) => o.correct)).toHaveLength(1)
    const area = body.options.find((o) => o.text.source.includes('15'))
    expect(area?.correct).toBe(false)
    expect(area?.misconceptions).toContainEqual({
      slug: 'confuses-perimeter-and-area',
      title: expect.any(String),
    })
    expect(area?.explanation.html).toBeTruthy()
  })

  it('returns 404 as problem+json for an unknown id', async () => {
    const { status, body, res } = await getJson<Problem>('/api/items/no-such-item')
    expect(status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(body).toMatchObject({
      status: 404,
      title: 'Not Found',
      detail: expect.stringContaining('no-such-item'),
    })
  })

  it('returns 400 for an id that cannot be one', async () => {
    const { status, body } = await getJson<Problem>('/api/items/Bad%20Id!')
    expect(status).toBe(400)
    expect(body.errors?.[0]).toMatchObject({ in: 'param', field: 'id' })
  })
})
