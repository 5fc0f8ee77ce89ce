/** The misconception and taxonomy API: lists, one misconception with the items that diagnose it, topics. */
import { describe, expect, it } from 'vitest'
import * as routes from '../../src/misconceptions/misconceptions.routes.ts'
import * as taxonomy from '../../src/taxonomy/taxonomy.routes.ts'
import type { Body, Problem } from './api-types.ts'
import { getJson } from './helpers.ts'

type List = Body<typeof routes.listMisconceptions>

describe('GET /api/misconceptions', () => {
  it('lists misconceptions with how many items diagnose each', async () => {
    const { status, body } = await getJson<List>('/api/misconceptions?limit=50')
    expect(status).toBe(200)
    expect(body.data.length).toBeGreaterThan(0)
    for (const m of body.data) expect(m.itemCount).toBeGreaterThanOrEqual(1)
  })

  it('filters by topic', async () => {
    const { body } = await getJson<List>('/api/misconceptions?topic=perimeter')
    expect(body.data.map((m: { slug: string }) => m.slug)).toContain('confuses-perimeter-and-area')
    for (const m of body.data) expect(m.topic.slug).toBe('perimeter')
  })

  it('rejects an unknown parameter', async () => {
    const { status, body } = await getJson<Problem>('/api/misconceptions?sort=title')
    expect(status).toBe(400)
    expect(body.errors?.[0]?.field).toBe('sort')
  })
})

describe('GET /api/misconceptions/:slug', () => {
  it('returns the misconception with the items that diagnose it and which option does', async () => {
    const { status, body } = await getJson<Body<typeof routes.getMisconception>>(
      '/api/misconceptions/confuses-perimeter-and-area',
    )
    expect(status).toBe(200)
    expect(body.description.html).toBeTruthy()
    expect(body.whyItArises.html).toBeTruthy()
    expect(body.howToAddress.html).toBeTruthy()
    const item = body.items.find((i) => i.id === 'perimeter-of-a-3-by-5-rectangle')
    expect(item?.options).toHaveLength(1)
  })

  it('returns 404 for an unknown slug', async () => {
    const { status } = await getJson('/api/misconceptions/no-such-misconception')
    expect(status).toBe(404)
  })
})

describe('GET /api/topics', () => {
  it('returns every strand with its topics and item counts that add up', async () => {
    const { status, body } = await getJson<Body<typeof taxonomy.listTopics>>('/api/topics')
    expect(status).toBe(200)
    const slugs = body.strands.map((s: { slug: string }) => s.slug)
    expect(slugs).toEqual(
      expect.arrayContaining([
        'place-value',
        'four-operations',
        'fractions-decimals-percentages',
        'ratio-proportion',
        'algebra',
        'measurement',
        'geometry',
        'statistics',
        'probability',
      ]),
    )
    for (const strand of body.strands) {
      expect(strand.itemCount).toBe(
        strand.topics.reduce((n: number, t: { itemCount: number }) => n + t.itemCount, 0),
      )
      expect(strand.itemCount).toBeGreaterThan(0)
    }
  })
})
