/**
 * Optimistic concurrency on every editable resource: its revision is its ETag, an edit naming an
 * older one in If-Match gets 412 with the current ETag, and of many edits based on one revision
 * fired at once exactly one lands — never a 500, never a lost or mixed write.
 */
import { describe, expect, it } from 'vitest'
import { draftItem, hubCuratedBy, ITEM, startThread, teachers, workgroup } from './fixtures.ts'
import { send, type TestUser } from './helpers.ts'

const AT_ONCE = 30
const ANOTHER_ITEM = 'perimeter-after-rearranging-a-6-by-2-rectangle'

interface Editable {
  /** Who edits, and the ETag of the resource as it is now. */
  setUp(): Promise<{ as: TestUser; etag: string }>
  /** The resource as it is now and its revision as an ETag. */
  read(as: TestUser): Promise<{ etag: string | null; data: Record<string, unknown> }>
  method: 'PATCH' | 'PUT'
  path: string
  body(i: number): unknown
  /** Whether what was read back is all of edit `i`, not part of one edit and part of another. */
  isWhole?(read: Record<string, unknown>, i: number): boolean
}

const readBack = async (res: Response) => ({
  etag: res.headers.get('etag'),
  data: (await res.json()) as Record<string, unknown>,
})

const etagOf = async (res: Response) => {
  expect(res.status, await res.clone().text()).toBe(200)
  const tag = res.headers.get('etag')
  expect(tag).toMatch(/^"\d+(\.[0-9a-f]{16})?"$/)
  return tag as string
}

/** The revision an ETag names: `"7"` from an edit, `"7.<digest>"` from a read. */
const revisionOf = (tag: string | null) => Number(/^"(\d+)/.exec(tag ?? '')?.[1])

/** One editable resource per test, made fresh, so the revisions seen are only this test's. */
function editables(): Record<string, Editable> {
  let path = ''
  let threadId = ''
  const target = (p: string) => {
    path = p
    return p
  }
  return {
    hub: {
      async setUp() {
        const { cora } = await teachers(['cora'])
        target(`/api/hubs/${await hubCuratedBy(cora)}`)
        return { as: cora, etag: await etagOf(await send(cora, 'GET', path)) }
      },
      read: async (as) => readBack(await send(as, 'GET', path)),
      method: 'PATCH',
      get path() {
        return path
      },
      body: (i) => ({ name: `East Maths Hub ${i}`, description: `Edit ${i}` }),
      isWhole: (hub, i) => hub.name === `East Maths Hub ${i}` && hub.description === `Edit ${i}`,
    },
    workgroup: {
      async setUp() {
        const { lee } = await teachers(['lee'])
        target(`/api/workgroups/${await workgroup(lee)}`)
        return { as: lee, etag: await etagOf(await send(lee, 'GET', path)) }
      },
      read: async (as) => readBack(await send(as, 'GET', path)),
      method: 'PATCH',
      get path() {
        return path
      },
      body: (i) => ({ name: `Lesson study ${i}`, description: `Edit ${i}` }),
      isWhole: (wg, i) => wg.name === `Lesson study ${i}` && wg.description === `Edit ${i}`,
    },
    set: {
      async setUp() {
        const { sam } = await teachers(['sam'])
        const made = await send(sam, 'POST', '/api/sets', {
          owner: { type: 'workgroup', id: await workgroup(sam) },
          title: 'Perimeter starters',
          entries: [{ itemId: ITEM }],
        })
        target(`/api/sets/${((await made.json()) as { id: string }).id}`)
        return { as: sam, etag: await etagOf(await send(sam, 'GET', path)) }
      },
      read: async (as) => readBack(await send(as, 'GET', path)),
      method: 'PUT',
      get path() {
        return path
      },
      body: (i) => ({
        title: `Starters ${i}`,
        entries: [
          { itemId: i % 2 ? ITEM : ANOTHER_ITEM, note: `note ${i}` },
          { itemId: i % 2 ? ANOTHER_ITEM : ITEM, note: `second ${i}` },
        ],
      }),
      isWhole: (set, i) => {
        const entries = set.entries as { note: string }[]
        return (
          set.title === `Starters ${i}` &&
          entries.length === 2 &&
          entries[0]?.note === `note ${i}` &&
          entries[1]?.note === `second ${i}`
        )
      },
    },
    post: {
      async setUp() {
        const { pat } = await teachers(['pat'])
        const started = await startThread(pat, { kind: 'idea', body: 'First go.' })
        const { firstPost } = started
        threadId = started.threadId
        target(`/api/posts/${firstPost.id}`)
        return { as: pat, etag: `"${firstPost.revision}"` }
      },
      // Posts are read in their thread, each with its revision; an edit answers with the ETag.
      read: async (as) => {
        const page = await send(as, 'GET', `/api/threads/${threadId}/posts`)
        const { data } = (await page.json()) as { data: { id: string; revision: number }[] }
        const post = data.find((p) => path.endsWith(p.id))
        return { etag: `"${post?.revision}"`, data: post ?? {} }
      },
      method: 'PATCH',
      get path() {
        return path
      },
      body: (i) => ({ body: `Edit number ${i}` }),
    },
    profile: {
      async setUp() {
        const { max } = await teachers(['max'])
        target('/api/me')
        return { as: max, etag: await etagOf(await send(max, 'GET', path)) }
      },
      read: async (as) => readBack(await send(as, 'GET', path)),
      method: 'PATCH',
      get path() {
        return path
      },
      body: (i) => ({ displayName: `Max ${i}`, school: `School ${i}` }),
      isWhole: (me, i) => me.displayName === `Max ${i}` && me.school === `School ${i}`,
    },
    class: {
      async setUp() {
        const { kim } = await teachers(['kim'])
        const made = await send(kim, 'POST', '/api/classes', { label: '8X2', year: 8 })
        const made_ = (await made.json()) as { id: string; revision: number }
        target(`/api/classes/${made_.id}`)
        return { as: kim, etag: `"${made_.revision}"` }
      },
      read: async (as) => {
        const list = await send(as, 'GET', '/api/classes')
        const { data } = (await list.json()) as { data: { id: string; revision: number }[] }
        const cls = data.find((x) => path.endsWith(x.id))
        return { etag: `"${cls?.revision}"`, data: cls ?? {} }
      },
      method: 'PATCH',
      get path() {
        return path
      },
      body: (i) => ({ label: `8X${i}`, year: 7 + (i % 3) }),
      isWhole: (cls, i) => cls.label === `8X${i}` && cls.year === 7 + (i % 3),
    },
    list: {
      async setUp() {
        const { liv } = await teachers(['liv'])
        target('/api/me/list')
        await send(liv, 'PUT', `/api/me/list/items/${ITEM}`)
        return { as: liv, etag: await etagOf(await send(liv, 'GET', path)) }
      },
      read: async (as) => readBack(await send(as, 'GET', path)),
      method: 'PUT',
      get path() {
        return path
      },
      body: (i) => ({
        name: `Lesson ${i}`,
        itemIds: i % 2 ? [ITEM, ANOTHER_ITEM] : [ANOTHER_ITEM],
      }),
      isWhole: (list, i) => {
        const ids = (list.items as { id: string }[]).map((x) => x.id)
        return (
          list.name === `Lesson ${i}` &&
          JSON.stringify(ids) === JSON.stringify(i % 2 ? [ITEM, ANOTHER_ITEM] : [ANOTHER_ITEM])
        )
      },
    },
  }
}

describe.each(Object.keys(editables()))('%s: revision as ETag, If-Match → 412', (name) => {
  const resource = () => editables()[name] as Editable

  it('answers an edit with its new ETag, and refuses one based on the revision before', async () => {
    const r = resource()
    const { as, etag } = await r.setUp()
    const edited = await send(as, r.method, r.path, r.body(1), { 'if-match': etag })
    const next = await etagOf(edited)
    expect(next).not.toBe(etag)

    const stale = await send(as, r.method, r.path, r.body(2), { 'if-match': etag })
    expect(stale.status).toBe(412)
    expect(stale.headers.get('content-type')).toBe('application/problem+json')
    expect(stale.headers.get('etag')).toBe(next)
    expect(((await stale.json()) as { detail: string }).detail).toMatch(/changed meanwhile/)
    // The refused edit left no trace.
    const now = await r.read(as)
    expect(revisionOf(now.etag)).toBe(revisionOf(next))
    if (r.isWhole) expect(r.isWhole(now.data, 1)).toBe(true)
  })

  it('refuses weak, listed and unknown tags, and takes `*` or no If-Match as "whatever is there"', async () => {
    const r = resource()
    const { as, etag } = await r.setUp()
    for (const tag of [`W/${etag}`, `${etag}, "0"`, 'revision-1', '"999999"'])
      expect((await send(as, r.method, r.path, r.body(3), { 'if-match': tag })).status).toBe(412)
    expect((await send(as, r.method, r.path, r.body(4), { 'if-match': '*' })).status).toBe(200)
    expect((await send(as, r.method, r.path, r.body(5))).status).toBe(200)
  })

  it(`of ${AT_ONCE} edits based on one revision at once, exactly one lands, whole`, async () => {
    const r = resource()
    const { as, etag } = await r.setUp()
    const responses = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, i) =>
        send(as, r.method, r.path, r.body(i), { 'if-match': etag }),
      ),
    )
    const statuses = responses.map((res) => res.status)
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    // Posts check the revision before their batch, so a loser can also meet the batch's 409.
    expect(statuses.filter((s) => s === 412 || s === 409)).toHaveLength(AT_ONCE - 1)
    const winner = statuses.indexOf(200)
    const after = await r.read(as)
    expect(revisionOf(after.etag)).toBe(revisionOf(etag) + 1)
    if (r.isWhole) expect(r.isWhole(after.data, winner)).toBe(true)
  })
})

describe('reads: the revision for If-Match, and a validator that sees every change', () => {
  it('answers a conditional GET with 304 until anything shown changes, an edit or not', async () => {
    const { cora, cleo } = await teachers(['cora', 'cleo'])
    const path = `/api/hubs/${await hubCuratedBy(cora)}`
    const first = await etagOf(await send(cora, 'GET', path))
    expect((await send(cora, 'GET', path, undefined, { 'if-none-match': first })).status).toBe(304)
    // A new curator changes what the hub shows but is no edit of the hub: the revision stays.
    const admin = (await teachers(['ada'], { admins: ['ada'] })).ada
    expect((await send(admin, 'PUT', `${path}/curators/${cleo.id}`)).status).toBe(204)
    const second = await send(cora, 'GET', path, undefined, { 'if-none-match': first })
    expect(second.status).toBe(200)
    expect(second.headers.get('etag')).not.toBe(first)
    expect(revisionOf(second.headers.get('etag'))).toBe(revisionOf(first))
    // Either form of the tag names the revision in If-Match.
    const edit = await send(cora, 'PATCH', path, { name: 'West Maths Hub' }, { 'if-match': first })
    expect(edit.status).toBe(200)
  })
})

describe('authored items and misconceptions: If-Match on a curator’s edit', () => {
  it('numbers an item’s revisions as its ETag and refuses a save based on an older one', async () => {
    const { cora } = await teachers(['cora'])
    const hub = await hubCuratedBy(cora)
    const id = `square-side-${crypto.randomUUID().slice(0, 8)}`
    const made = await send(
      cora,
      'POST',
      `/api/hubs/${hub}/items`,
      draftItem(id, 'A square has sides of $2$ cm. What is its perimeter?'),
    )
    expect(made.status).toBe(201)
    expect(made.headers.get('etag')).toBe('"1"')
    const path = `/api/hubs/${hub}/items/${id}`
    const second = await send(
      cora,
      'PUT',
      path,
      draftItem(id, 'A square pen has sides of $2$ cm. What is its perimeter?'),
      { 'if-match': '"1"' },
    )
    expect(second.status).toBe(200)
    expect(second.headers.get('etag')).toBe('"2"')
    const stale = await send(
      cora,
      'PUT',
      path,
      draftItem(id, 'A square tile has sides of $2$ cm. What is its perimeter?'),
      {
        'if-match': '"1"',
      },
    )
    expect(stale.status).toBe(412)
    expect(stale.headers.get('etag')).toBe('"2"')
    const revisions = (await (await send(cora, 'GET', `${path}/revisions`)).json()) as {
      data: unknown[]
    }
    expect(revisions.data).toHaveLength(2)
  })

  it('moves a misconception’s revision with each edit and refuses a stale one', async () => {
    const { cora } = await teachers(['cora'])
    const hub = await hubCuratedBy(cora)
    const slug = `thinks-a-square-has-two-sides-${crypto.randomUUID().slice(0, 8)}`
    const body = (description: string) => ({
      slug,
      title: 'Thinks a square has two sides',
      topic: 'perimeter',
      description,
      whyItArises: 'Rectangles are drawn with two labelled sides.',
      howToAddress: 'Count the sides by walking round them.',
    })
    const made = await send(
      cora,
      'POST',
      `/api/hubs/${hub}/misconceptions`,
      body('Halves a perimeter.'),
    )
    expect(made.headers.get('etag')).toBe('"1"')
    const path = `/api/hubs/${hub}/misconceptions/${slug}`
    const edit = await send(cora, 'PUT', path, body('Halves it: $20 \\div 2$.'), {
      'if-match': '"1"',
    })
    expect(edit.status).toBe(200)
    expect(edit.headers.get('etag')).toBe('"2"')
    const stale = await send(cora, 'PUT', path, body('Something else.'), { 'if-match': '"1"' })
    expect(stale.status).toBe(412)
    const shown = (await (await send(null, 'GET', `/api/misconceptions/${slug}`)).json()) as {
      description: { source: string }
    }
    expect(shown.description.source).toBe('Halves it: $20 \\div 2$.')
  })
})
