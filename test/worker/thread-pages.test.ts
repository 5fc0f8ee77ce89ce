/**
 * The thread page as a browser without JavaScript uses it: the header names the item by its
 * construct and stem, a reply says whom it replies to, a reply to a question starts as an
 * answer, and a post is endorsed (and the endorsement taken back) with a button.
 */
import { describe, expect, it } from 'vitest'
import { established, ITEM } from './fixtures.ts'
import { send, submitForm, type TestUser } from './helpers.ts'

const page = async (path: string, who: TestUser) => (await send(who, 'GET', path)).text()

describe('GET /threads/{id}', () => {
  it('names the item, shows what a reply replies to, and defaults the reply kind', async () => {
    const asker = await established('Asha')
    const answerer = await established('Bram')
    const res = await send(asker, 'POST', '/api/threads', {
      targetKind: 'item',
      targetId: ITEM,
      title: 'How do you introduce perimeter?',
      post: { kind: 'question', body: 'Do you walk round the playground first?' },
    })
    const thread = (await res.json()) as { id: string; firstPost: { id: string } }
    const html = await page(`/threads/${thread.id}`, answerer)
    expect(html).toContain('On the item <a href="/items/perimeter-of-a-3-by-5-rectangle">')
    expect(html).not.toContain(`>${ITEM}</a>`)
    expect(html).toMatch(/<option value="answer" selected="">Answer<\/option>/)

    const reply = await submitForm(
      `/threads/${thread.id}/posts`,
      { kind: 'answer', body: 'Yes, then trace the edges.', parentId: thread.firstPost.id },
      answerer,
    )
    expect(reply.status).toBe(303)
    const replyId = /#post-(.+)$/.exec(reply.headers.get('location') ?? '')?.[1] ?? ''
    const after = await page(`/threads/${thread.id}`, asker)
    expect(after).toContain(
      `In reply to <a href="#post-${thread.firstPost.id}">Asha</a>: “Do you walk round the playground first?”`,
    )
    // Replying to the answer (not a question) starts as a comment.
    expect(await page(`/threads/${thread.id}?replyTo=${replyId}`, asker)).toMatch(
      /<option value="comment" selected="">Comment<\/option>/,
    )
  })

  it('endorses a post with a button, and takes the endorsement back', async () => {
    const author = await established('Cass')
    const reader = await established('Dev')
    const res = await send(author, 'POST', '/api/threads', {
      targetKind: 'item',
      targetId: ITEM,
      title: 'Fences and fields',
      post: { kind: 'idea', body: 'Fence for perimeter, field for area.' },
    })
    const { id, firstPost } = (await res.json()) as { id: string; firstPost: { id: string } }
    // No button on one's own post.
    expect(await page(`/threads/${id}`, author)).not.toContain(`/posts/${firstPost.id}/endorsement`)
    const on = await submitForm(`/posts/${firstPost.id}/endorsement`, { endorse: 'yes' }, reader)
    expect(on.status).toBe(303)
    expect(on.headers.get('location')).toBe(`/threads/${id}#post-${firstPost.id}`)
    const endorsed = await page(`/threads/${id}`, reader)
    expect(endorsed).toContain('1 endorsed')
    expect(endorsed).toContain('aria-pressed="true"')
    await submitForm(`/posts/${firstPost.id}/endorsement`, { endorse: 'no' }, reader)
    expect(await page(`/threads/${id}`, reader)).not.toContain('1 endorsed')
  })
})
