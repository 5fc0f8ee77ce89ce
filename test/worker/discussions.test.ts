/** Discussions: threads on items and misconceptions, posts, revisions, endorsements, flags, moderation and feeds. */
import { describe, expect, it } from 'vitest'
import {
  established,
  hubCuratedBy,
  ITEM,
  type PostBody,
  reply,
  startThread,
  workgroup,
} from './fixtures.ts'
import { getJson, send, signUp } from './helpers.ts'

type Page<T> = { data: T[]; nextCursor: string | null }

describe('public threads', () => {
  it('are read by anyone and written by signed-in teachers, with replies and quotes', async () => {
    const tess = await established('Tess')
    const cam = await established('Cam')
    const { threadId, firstPost } = await startThread(tess, {
      evidence: { pupilsAsked: 28, counts: { A: 12, B: 11, C: 4, D: 1 } },
    })
    expect(firstPost).toMatchObject({ kind: 'evidence', revision: 1, deleted: false })
    expect(firstPost.body?.html).toContain('class="katex"')
    expect(firstPost.evidence).toEqual({ pupilsAsked: 28, counts: { A: 12, B: 11, C: 4, D: 1 } })

    const { status, post } = await reply(cam, threadId, {
      kind: 'challenge',
      body: 'Did they all *know* the 4×4 square has area 16 too?',
      parentId: firstPost.id,
      quoteId: firstPost.id,
    })
    expect(status).toBe(201)
    expect(post.parentId).toBe(firstPost.id)
    expect(post.quote?.excerptHtml).toMatch(/^<blockquote><p>We asked 28 Y4 pupils/)

    const anonymous = await getJson<Page<PostBody>>(`/api/threads/${threadId}/posts`)
    expect(anonymous.status).toBe(200)
    expect(anonymous.body.data.map((p) => p.kind)).toEqual(['evidence', 'challenge'])
    expect(
      (await send(null, 'POST', `/api/threads/${threadId}/posts`, { kind: 'idea', body: 'x' }))
        .status,
    ).toBe(401)
    const list = await getJson<Page<{ id: string; postCount: number }>>(
      `/api/threads?targetKind=item&targetId=${ITEM}`,
    )
    expect(list.body.data.find((t) => t.id === threadId)?.postCount).toBe(2)
    expect((await getJson('/api/threads?targetKind=item&targetId=no-such-item')).status).toBe(404)
  })

  it('paginates long threads with the cursor', async () => {
    const tess = await established('Tess')
    const { threadId } = await startThread(tess)
    for (let i = 1; i <= 4; i++)
      expect((await reply(tess, threadId, { body: `idea ${i}` })).status).toBe(201)
    const seen: string[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const page: Page<PostBody> = (
        await getJson<Page<PostBody>>(
          `/api/threads/${threadId}/posts?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).body
      expect(page.data.length).toBeLessThanOrEqual(2)
      seen.push(...page.data.map((p) => p.body?.source ?? ''))
      cursor = page.nextCursor
    }
    expect(seen.slice(1)).toEqual(['idea 1', 'idea 2', 'idea 3', 'idea 4'])
  })
})

describe('workgroup threads', () => {
  it('are invisible (404) to everyone outside the workgroup, on every route', async () => {
    const lead = await established('Lee')
    const member = await established('Mo')
    const outsider = await established('Olly')
    const wg = await workgroup(lead, member)
    const { threadId, firstPost } = await startThread(member, {
      workgroupId: wg,
      body: 'Private: what went wrong in 4B',
    })
    for (const [as, method, path, body] of [
      [outsider, 'GET', `/api/threads/${threadId}`],
      [null, 'GET', `/api/threads/${threadId}`],
      [outsider, 'GET', `/api/threads/${threadId}/posts`],
      [null, 'GET', `/api/posts/${firstPost.id}/revisions`],
      [outsider, 'POST', `/api/threads/${threadId}/posts`, { kind: 'idea', body: 'hi' }],
      [outsider, 'PUT', `/api/posts/${firstPost.id}/endorsement`],
      [outsider, 'POST', `/api/posts/${firstPost.id}/flags`, { reason: 'spam spam' }],
      [outsider, 'PUT', `/api/threads/${threadId}/accepted-answer`, { postId: null }],
    ] as const) {
      const res = await send(as, method, path, body)
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(await res.text()).not.toContain('went wrong')
    }
    const ids = async (as: typeof outsider | null) =>
      (
        (await (
          await send(as, 'GET', `/api/threads?targetKind=item&targetId=${ITEM}&limit=50`)
        ).json()) as Page<{ id: string }>
      ).data.map((t) => t.id)
    expect(await ids(outsider)).not.toContain(threadId)
    expect(await ids(null)).not.toContain(threadId)
    expect(await ids(lead)).toContain(threadId)
    // Starting a thread in someone else's workgroup is a 404 too.
    const res = await send(outsider, 'POST', '/api/threads', {
      targetKind: 'item',
      targetId: ITEM,
      workgroupId: wg,
      title: 'Sneaking in',
      post: { kind: 'idea', body: 'x' },
    })
    expect(res.status).toBe(404)
  })
})

describe('posts', () => {
  it('are edited and deleted only by their authors; edits keep revisions; deletion leaves a tombstone', async () => {
    const tess = await established('Tess')
    const cam = await established('Cam')
    const { threadId, firstPost } = await startThread(tess, {
      kind: 'idea',
      body: 'Use a $4 \\times 4$ square',
    })
    const { post: answer } = await reply(cam, threadId, { body: 'Try it', parentId: firstPost.id })
    expect(
      (await send(cam, 'PATCH', `/api/posts/${firstPost.id}`, { body: 'mine now' })).status,
    ).toBe(403)
    expect((await send(cam, 'DELETE', `/api/posts/${firstPost.id}`)).status).toBe(403)
    expect((await send(null, 'PATCH', `/api/posts/${firstPost.id}`, { body: 'x' })).status).toBe(
      401,
    )
    const edited = await send(tess, 'PATCH', `/api/posts/${firstPost.id}`, {
      body: 'Use a $4 \\times 4$ square *first*',
    })
    expect(edited.status).toBe(200)
    expect(await edited.json()).toMatchObject({
      revision: 2,
      body: { source: 'Use a $4 \\times 4$ square *first*' },
    })
    await send(tess, 'PATCH', `/api/posts/${firstPost.id}`, { kind: 'challenge' })
    const revisions = (
      await getJson<{ data: { revision: number; kind: string; body: { source: string } }[] }>(
        `/api/posts/${firstPost.id}/revisions`,
      )
    ).body.data
    expect(revisions.map((r) => [r.revision, r.kind, r.body.source])).toEqual([
      [1, 'idea', 'Use a $4 \\times 4$ square'],
      [2, 'idea', 'Use a $4 \\times 4$ square *first*'],
      [3, 'challenge', 'Use a $4 \\times 4$ square *first*'],
    ])

    expect((await send(tess, 'DELETE', `/api/posts/${firstPost.id}`)).status).toBe(204)
    const posts = (await getJson<Page<PostBody>>(`/api/threads/${threadId}/posts`)).body.data
    expect(posts[0]).toMatchObject({ id: firstPost.id, deleted: true, body: null, evidence: null })
    expect(posts[1]).toMatchObject({ id: answer.id, parentId: firstPost.id })
    expect((await getJson(`/api/posts/${firstPost.id}/revisions`)).body).toEqual({ data: [] })
    expect((await send(tess, 'PATCH', `/api/posts/${firstPost.id}`, { body: 'back' })).status).toBe(
      404,
    )
    expect((await send(tess, 'DELETE', `/api/posts/${firstPost.id}`)).status).toBe(404)
  })

  it('carry classroom counts that must fit the item and the pupils asked, and never names', async () => {
    const tess = await established('Tess')
    const { threadId } = await startThread(tess)
    const cases: [unknown, string][] = [
      [{ pupilsAsked: 28, counts: { B: 29 } }, 'evidence.counts.B'],
      [{ pupilsAsked: 28, counts: { E: 1 } }, 'evidence.counts.E'],
      [{ pupilsAsked: 10, counts: { A: 6, B: 6 } }, 'evidence.counts'],
      [{ pupilsAsked: 10, counts: { A: 'Tom' } }, 'evidence.counts.A'],
      [{ pupilsAsked: 10, counts: { A: 1 }, names: ['Tom'] }, 'evidence'],
      [{ pupilsAsked: 0, counts: {} }, 'evidence.pupilsAsked'],
    ]
    for (const [evidence, field] of cases) {
      const res = await send(tess, 'POST', `/api/threads/${threadId}/posts`, {
        kind: 'evidence',
        body: 'counts',
        evidence,
      })
      expect(res.status, JSON.stringify(evidence)).toBe(400)
      const problem = (await res.json()) as { errors: { field: string }[] }
      expect(problem.errors.map((e) => e.field)).toContain(field)
    }
    const question = await send(tess, 'POST', `/api/threads/${threadId}/posts`, {
      kind: 'question',
      body: 'why?',
      evidence: { pupilsAsked: 3, counts: {} },
    })
    expect(((await question.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe(
      'evidence',
    )
    expect(
      (
        await reply(tess, threadId, {
          kind: 'evidence',
          body: 'ok',
          evidence: { pupilsAsked: 30, counts: { A: 20, D: 10 } },
        })
      ).status,
    ).toBe(201)
  })

  it('refuses TeX KaTeX cannot render with a 400 naming the body', async () => {
    const tess = await established('Tess')
    const { threadId } = await startThread(tess)
    const res = await send(tess, 'POST', `/api/threads/${threadId}/posts`, {
      kind: 'idea',
      body: 'See $\\frac{1}{$',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ errors: [{ in: 'body', field: 'body' }] })
  })

  it('take one endorsement per person, and a question thread can accept an answer', async () => {
    const tess = await established('Tess')
    const cam = await established('Cam')
    const { threadId, firstPost } = await startThread(tess, { kind: 'question', body: 'Why 15?' })
    const { post: answer } = await reply(cam, threadId, { body: 'They found the area' })
    for (let i = 0; i < 2; i++)
      expect((await send(tess, 'PUT', `/api/posts/${answer.id}/endorsement`)).status).toBe(204)
    const endorsed = (
      await getJson<Page<PostBody>>(`/api/threads/${threadId}/posts`, {
        headers: { cookie: tess.cookie },
      })
    ).body.data[1]
    expect(endorsed).toMatchObject({ endorsements: 1, endorsedByMe: true })
    expect((await send(tess, 'DELETE', `/api/posts/${answer.id}/endorsement`)).status).toBe(204)
    expect(
      (await getJson<Page<PostBody>>(`/api/threads/${threadId}/posts`)).body.data[1]?.endorsements,
    ).toBe(0)

    expect(
      (await send(cam, 'PUT', `/api/threads/${threadId}/accepted-answer`, { postId: answer.id }))
        .status,
    ).toBe(403)
    expect(
      (
        await send(tess, 'PUT', `/api/threads/${threadId}/accepted-answer`, {
          postId: firstPost.id,
        })
      ).status,
    ).toBe(400)
    const accepted = await send(tess, 'PUT', `/api/threads/${threadId}/accepted-answer`, {
      postId: answer.id,
    })
    expect(await accepted.json()).toMatchObject({ acceptedPostId: answer.id })
    expect(
      (await getJson<Page<PostBody>>(`/api/threads/${threadId}/posts`)).body.data[1]?.accepted,
    ).toBe(true)
    const notQuestion = await startThread(tess, { kind: 'idea' })
    const { post: other } = await reply(cam, notQuestion.threadId, { body: 'yes' })
    expect(
      (
        await send(tess, 'PUT', `/api/threads/${notQuestion.threadId}/accepted-answer`, {
          postId: other.id,
        })
      ).status,
    ).toBe(409)
  })
})

describe('moderation', () => {
  type Queue = Page<{ post: PostBody & { flaggedHtml: string }; flags: { reason: string }[] }>

  it('takes flags to a queue where a curator hides and restores with a reason, and locks threads', async () => {
    const tess = await established('Tess')
    const cam = await established('Cam')
    const curator = await established('Cora')
    await hubCuratedBy(curator)
    const { threadId } = await startThread(tess)
    const { post } = await reply(cam, threadId, { body: 'Pupil Jane Smith in 4B got it wrong' })
    const flagged = await send(tess, 'POST', `/api/posts/${post.id}/flags`, {
      reason: 'Names a pupil',
    })
    expect(flagged.status).toBe(204)

    expect((await send(tess, 'GET', '/api/moderation/queue')).status).toBe(403)
    const queue = (await (
      await send(curator, 'GET', '/api/moderation/queue?limit=50')
    ).json()) as Queue
    const entry = queue.data.find((e) => e.post.id === post.id)
    expect(entry?.flags).toEqual([expect.objectContaining({ reason: 'Names a pupil' })])

    expect(
      (
        await send(tess, 'POST', `/api/posts/${post.id}/moderation`, {
          action: 'hide',
          reason: 'Names a pupil',
        })
      ).status,
    ).toBe(403)
    const hidden = await send(curator, 'POST', `/api/posts/${post.id}/moderation`, {
      action: 'hide',
      reason: 'Names a pupil',
    })
    expect(await hidden.json()).toMatchObject({ body: null, hidden: { reason: 'Names a pupil' } })
    const served = await (await send(null, 'GET', `/api/threads/${threadId}/posts`)).text()
    expect(served).not.toContain('Jane Smith')
    expect(await (await send(null, 'GET', `/api/posts/${post.id}/revisions`)).json()).toEqual({
      data: [],
    })
    const after = (await (
      await send(curator, 'GET', '/api/moderation/queue?limit=50')
    ).json()) as Queue
    expect(after.data.map((e) => e.post.id)).not.toContain(post.id)

    const restored = await send(curator, 'POST', `/api/posts/${post.id}/moderation`, {
      action: 'restore',
      reason: 'Name removed by author',
    })
    expect(await restored.json()).toMatchObject({
      hidden: null,
      body: { source: 'Pupil Jane Smith in 4B got it wrong' },
    })

    const locked = await send(curator, 'POST', `/api/threads/${threadId}/moderation`, {
      action: 'lock',
      reason: 'Going in circles',
    })
    expect(await locked.json()).toMatchObject({ locked: { reason: 'Going in circles' } })
    const refused = await reply(cam, threadId, { body: 'One more thing' })
    expect(refused.status).toBe(409)
    expect((await send(cam, 'PATCH', `/api/posts/${post.id}`, { body: 'edit' })).status).toBe(409)
    await send(curator, 'POST', `/api/threads/${threadId}/moderation`, {
      action: 'unlock',
      reason: 'Calmer now',
    })
    expect((await reply(cam, threadId, { body: 'One more thing' })).status).toBe(201)
  })

  it("leaves a workgroup's threads to its leads", async () => {
    const lead = await established('Lee')
    const member = await established('Mo')
    const curator = await established('Cora')
    await hubCuratedBy(curator)
    const wg = await workgroup(lead, member)
    const { firstPost } = await startThread(member, { workgroupId: wg })
    await send(lead, 'POST', `/api/posts/${firstPost.id}/flags`, { reason: 'Wrong group' })
    expect(
      (
        await send(curator, 'POST', `/api/posts/${firstPost.id}/moderation`, {
          action: 'hide',
          reason: 'x x x',
        })
      ).status,
    ).toBe(404)
    expect((await send(member, 'GET', `/api/moderation/queue?workgroupId=${wg}`)).status).toBe(403)
    const queue = (await (
      await send(lead, 'GET', `/api/moderation/queue?workgroupId=${wg}`)
    ).json()) as Queue
    expect(queue.data.map((e) => e.post.id)).toEqual([firstPost.id])
    expect(
      (
        await send(lead, 'POST', `/api/posts/${firstPost.id}/moderation`, {
          action: 'hide',
          reason: 'Wrong group',
        })
      ).status,
    ).toBe(200)
  })
})

describe('posting limits', () => {
  it('slows down accounts younger than a day, not established ones', async () => {
    const fresh = await signUp('Newbie')
    const old = await established('Olga')
    const { threadId } = await startThread(old)
    // The limiter counts in fixed 60 s windows: 25 tries puts more than 10 in one window even
    // if a window boundary falls mid-test.
    const statuses: number[] = []
    let last: Response | undefined
    for (let i = 0; i < 25 && last?.status !== 429; i++) {
      last = await send(fresh, 'POST', `/api/threads/${threadId}/posts`, {
        kind: 'idea',
        body: `post ${i}`,
      })
      statuses.push(last.status)
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true)
    expect(last?.status).toBe(429)
    expect(last?.headers.get('retry-after')).toBe('60')
    for (let i = 0; i < 12; i++)
      expect((await reply(old, threadId, { body: `post ${i}` })).status).toBe(201)
  })
})

describe('feeds', () => {
  it('show new posts in my workgroups, and the threads I take part in', async () => {
    const lead = await established('Lee')
    const member = await established('Mo')
    const outsider = await established('Olly')
    const wg = await workgroup(lead, member)
    const since = new Date().toISOString()
    const { threadId } = await startThread(member, { workgroupId: wg, body: 'Feed me' })
    const publicThread = await startThread(outsider)
    await reply(lead, publicThread.threadId, { body: 'Joining in' })

    const feed = (await (
      await send(lead, 'GET', `/api/feeds/workgroups?since=${since}`)
    ).json()) as Page<PostBody>
    expect(feed.data.map((p) => p.body?.source)).toEqual(['Feed me'])
    const outsiders = (await (
      await send(outsider, 'GET', '/api/feeds/workgroups')
    ).json()) as Page<PostBody>
    expect(outsiders.data.map((p) => p.body?.source)).not.toContain('Feed me')

    const mine = (await (await send(lead, 'GET', '/api/feeds/participating')).json()) as Page<{
      id: string
    }>
    expect(mine.data.map((t) => t.id)).toEqual([publicThread.threadId])
    const members = (await (await send(member, 'GET', '/api/feeds/participating')).json()) as Page<{
      id: string
    }>
    expect(members.data.map((t) => t.id)).toEqual([threadId])
    expect((await send(null, 'GET', '/api/feeds/participating')).status).toBe(401)
  })
})
