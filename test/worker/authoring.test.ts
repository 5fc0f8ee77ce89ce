/** Authoring: hub curators draft, submit and publish items (a second curator publishes), with every revision kept. */
import { beforeAll, describe, expect, it } from 'vitest'
import { makeAdmin } from './fixtures.ts'
import { getJson, send, signUp, type TestUser } from './helpers.ts'

let author: TestUser
let reviewer: TestUser
const hub = `authoring-hub-${Date.now().toString(36)}`

const item = (overrides: Record<string, unknown> = {}) => ({
  id: 'halve-a-perimeter-zebra',
  construct: 'Find the side of a square from its perimeter',
  topic: 'perimeter',
  years: [5],
  stem: 'A zebra pen is a square with a perimeter of $20\\text{ cm}$. How long is each side?',
  options: [
    { text: '$5\\text{ cm}$', correct: true, explanation: 'Divides the perimeter by four sides.' },
    {
      text: '$10\\text{ cm}$',
      explanation: 'Halves, as if a square had two sides.',
      misconceptions: ['adds-one-length-and-one-width'],
    },
    {
      text: '$80\\text{ cm}$',
      explanation: 'Multiplies by four instead of dividing.',
      misconceptions: ['uses-the-wrong-inverse-operation'],
    },
  ],
  source: 'Written by a hub',
  licence: 'CC-BY-4.0',
  ...overrides,
})

beforeAll(async () => {
  const admin = await signUp('Ada Admin')
  author = await signUp('Ari Author')
  reviewer = await signUp('Rev Reviewer')
  await makeAdmin(admin)
  await send(admin, 'POST', '/api/hubs', { slug: hub, name: 'Authoring Hub' })
  await send(admin, 'PUT', `/api/hubs/${hub}/curators/${author.id}`)
  await send(admin, 'PUT', `/api/hubs/${hub}/curators/${reviewer.id}`)
})

describe('authoring items through the API', () => {
  it('takes an item from draft through review (by a second curator) to published', async () => {
    expect((await send(author, 'POST', `/api/hubs/${hub}/items`, item())).status).toBe(201)
    expect((await getJson(`/api/items/halve-a-perimeter-zebra`)).status).toBe(404) // drafts are not public
    expect(
      (await send(author, 'POST', `/api/hubs/${hub}/items/halve-a-perimeter-zebra/submit`)).status,
    ).toBe(200)
    expect(
      (await send(author, 'POST', `/api/hubs/${hub}/items/halve-a-perimeter-zebra/publish`)).status,
    ).toBe(403)
    expect(
      (await send(reviewer, 'POST', `/api/hubs/${hub}/items/halve-a-perimeter-zebra/publish`))
        .status,
    ).toBe(200)
    const { status, body } = await getJson<{ stem: { html: string } }>(
      '/api/items/halve-a-perimeter-zebra',
    )
    expect(status).toBe(200)
    expect(body.stem.html).toContain('katex')
    expect(
      (await getJson<{ data: { ref: string }[] }>('/api/search?q=zebra')).body.data.map(
        (h) => h.ref,
      ),
    ).toContain('halve-a-perimeter-zebra')
  })

  it('keeps the published item until an edit is reviewed, and keeps every revision', async () => {
    const edited = item({
      stem: 'A square has a perimeter of $24\\text{ cm}$. How long is each side?',
    })
    expect(
      (await send(author, 'PUT', `/api/hubs/${hub}/items/halve-a-perimeter-zebra`, edited)).status,
    ).toBe(200)
    expect(
      (await getJson<{ stem: { source: string } }>('/api/items/halve-a-perimeter-zebra')).body.stem
        .source,
    ).toContain('20')
    await send(author, 'POST', `/api/hubs/${hub}/items/halve-a-perimeter-zebra/submit`)
    await send(reviewer, 'POST', `/api/hubs/${hub}/items/halve-a-perimeter-zebra/publish`)
    expect(
      (await getJson<{ stem: { source: string } }>('/api/items/halve-a-perimeter-zebra')).body.stem
        .source,
    ).toContain('24')
    const revisions = (await (
      await send(author, 'GET', `/api/hubs/${hub}/items/halve-a-perimeter-zebra/revisions`)
    ).json()) as { data: { revision: number; status: string; reviewedBy: string | null }[] }
    expect(revisions.data.map((r) => [r.revision, r.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ])
    expect(revisions.data[0]?.reviewedBy).toBe(reviewer.id)
  })

  it('lets nobody publish their own words, even after a second curator re-saves them unchanged', async () => {
    const id = 'halve-a-perimeter-yak'
    expect((await send(author, 'POST', `/api/hubs/${hub}/items`, item({ id }))).status).toBe(201)
    // The reviewer saves the author's draft as it is, then submits it.
    expect((await send(reviewer, 'PUT', `/api/hubs/${hub}/items/${id}`, item({ id }))).status).toBe(
      200,
    )
    await send(reviewer, 'POST', `/api/hubs/${hub}/items/${id}/submit`)
    expect((await send(author, 'POST', `/api/hubs/${hub}/items/${id}/publish`)).status).toBe(403)
    // An edit by the reviewer makes both of them writers of what is pending: a third must publish.
    await send(reviewer, 'PUT', `/api/hubs/${hub}/items/${id}`, item({ id, construct: 'Halve it' }))
    await send(reviewer, 'POST', `/api/hubs/${hub}/items/${id}/submit`)
    expect((await send(author, 'POST', `/api/hubs/${hub}/items/${id}/publish`)).status).toBe(403)
    expect((await send(reviewer, 'POST', `/api/hubs/${hub}/items/${id}/publish`)).status).toBe(403)
  })

  it('shows a reviewer the revision under review beside the published one, field by field', async () => {
    const id = 'halve-a-perimeter-zebra' // published by the first test
    await send(
      author,
      'PUT',
      `/api/hubs/${hub}/items/${id}`,
      item({ construct: 'Halve a perimeter' }),
    )
    const res = await send(reviewer, 'GET', `/api/hubs/${hub}/items/${id}/review`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      revision: { status: string }
      published: { construct: string } | null
      changes: { field: string; published: unknown; draft: unknown }[]
    }
    expect(body.revision.status).toBe('draft')
    expect(body.changes).toContainEqual({
      field: 'construct',
      published: body.published?.construct,
      draft: 'Halve a perimeter',
    })
  })

  it('validates with the content schemas and names each bad field', async () => {
    const bad = await send(
      author,
      'POST',
      `/api/hubs/${hub}/items`,
      item({ id: 'another-zebra', topic: 'no-such-topic', stem: '$\\frac{1}{$' }),
    )
    expect(bad.status).toBe(400)
    const body = (await bad.json()) as { errors: { field: string }[] }
    expect(body.errors.map((e) => e.field)).toContain('topic')
    const tex = await send(
      author,
      'POST',
      `/api/hubs/${hub}/items`,
      item({ id: 'another-zebra', stem: '$\\frac{1}{$' }),
    )
    expect(((await tex.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('stem')
    const twoCorrect = await send(
      author,
      'POST',
      `/api/hubs/${hub}/items`,
      item({
        id: 'another-zebra',
        options: [
          { text: 'a', correct: true, explanation: 'x' },
          { text: 'b', correct: true, explanation: 'y' },
        ],
      }),
    )
    expect(twoCorrect.status).toBe(400)
    expect((await send(author, 'POST', `/api/hubs/${hub}/items`, item())).status).toBe(409)
  })

  it('adds a misconception to the bank', async () => {
    const res = await send(author, 'POST', `/api/hubs/${hub}/misconceptions`, {
      slug: 'thinks-a-square-has-two-sides',
      title: 'Thinks a square has two sides',
      topic: 'perimeter',
      description: 'Halves a perimeter to find a side.',
      whyItArises: 'Rectangles are drawn with two labelled sides.',
      howToAddress: 'Count the sides by walking round them.',
    })
    expect(res.status).toBe(201)
    expect((await getJson('/api/misconceptions/thinks-a-square-has-two-sides')).status).toBe(200)
  })

  it('changes a misconception, re-rendering its maths', async () => {
    const res = await send(
      author,
      'PUT',
      `/api/hubs/${hub}/misconceptions/thinks-a-square-has-two-sides`,
      {
        slug: 'thinks-a-square-has-two-sides',
        title: 'Thinks a square has two sides',
        topic: 'perimeter',
        description: 'Halves a perimeter: $20 \\div 2 = 10$.',
        whyItArises: 'Rectangles are drawn with two labelled sides.',
        howToAddress: 'Count the sides by walking round them.',
      },
    )
    expect(res.status).toBe(200)
    const { body } = await getJson<{ description: { html: string } }>(
      '/api/misconceptions/thinks-a-square-has-two-sides',
    )
    expect(body.description.html).toContain('katex')
    const missing = await send(author, 'PUT', `/api/hubs/${hub}/misconceptions/no-such-one`, {
      slug: 'no-such-one',
      title: 'Nothing here',
      topic: 'perimeter',
      description: 'x',
      whyItArises: 'y',
      howToAddress: 'z',
    })
    expect(missing.status).toBe(404)
  })
})
