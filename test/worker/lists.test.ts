/** A teacher's list: adding, reordering, renaming and removing, always on the caller's own list. */
import { describe, expect, it } from 'vitest'
import { ITEM } from './fixtures.ts'
import { send, signUp } from './helpers.ts'

const SECOND = 'add-3-9-and-0-01'
const THIRD = 'add-2-pounds-30-and-80p'

type List = { name: string; items: { id: string; construct: string }[] }
const ids = async (res: Response) => ((await res.json()) as List).items.map((i) => i.id)

describe('a teacher’s list', () => {
  it('starts empty, keeps items in the order added, and adds each item only once', async () => {
    const tess = await signUp('Tess Teacher')
    expect(await ids(await send(tess, 'GET', '/api/me/list'))).toEqual([])
    await send(tess, 'PUT', `/api/me/list/items/${ITEM}`)
    await send(tess, 'PUT', `/api/me/list/items/${SECOND}`)
    const again = await send(tess, 'PUT', `/api/me/list/items/${ITEM}`)
    expect(again.status).toBe(200)
    expect(await ids(again)).toEqual([ITEM, SECOND])
  })

  it('keeps every item when several are added at once', async () => {
    const tess = await signUp('Tess Teacher')
    await Promise.all(
      [ITEM, SECOND, THIRD].map((id) => send(tess, 'PUT', `/api/me/list/items/${id}`)),
    )
    expect((await ids(await send(tess, 'GET', '/api/me/list'))).sort()).toEqual(
      [ITEM, SECOND, THIRD].sort(),
    )
  })

  it('is renamed and reordered by saving the whole order, and removes one item keeping the rest', async () => {
    const tess = await signUp('Tess Teacher')
    const saved = await send(tess, 'PUT', '/api/me/list', {
      name: 'Y5 starter',
      itemIds: [THIRD, ITEM, SECOND],
    })
    expect(saved.status).toBe(200)
    const body = (await saved.json()) as List
    expect(body.name).toBe('Y5 starter')
    expect(body.items.map((i) => i.id)).toEqual([THIRD, ITEM, SECOND])
    expect(await ids(await send(tess, 'DELETE', `/api/me/list/items/${ITEM}`))).toEqual([
      THIRD,
      SECOND,
    ])
  })

  it('answers 404 for an unknown item and 400 for a saved order naming one', async () => {
    const tess = await signUp('Tess Teacher')
    expect((await send(tess, 'PUT', '/api/me/list/items/no-such-item')).status).toBe(404)
    const res = await send(tess, 'PUT', '/api/me/list', { itemIds: [ITEM, 'no-such-item'] })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })

  it('is each teacher’s own: another teacher’s additions never show in mine', async () => {
    const [tess, theo] = [await signUp('Tess Teacher'), await signUp('Theo Teacher')]
    await send(tess, 'PUT', `/api/me/list/items/${ITEM}`)
    expect(await ids(await send(theo, 'GET', '/api/me/list'))).toEqual([])
    expect((await send(null, 'GET', '/api/me/list')).status).toBe(401)
  })
})
