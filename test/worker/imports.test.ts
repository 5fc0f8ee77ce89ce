/** Imports through the API: a hub writes only its own or new items, and they land in review. */
import { describe, expect, it } from 'vitest'
import { hubCuratedBy, ITEM, teachers } from './fixtures.ts'
import { getJson, send } from './helpers.ts'

/** Our JSON export of an item, with its id (and construct) changed as asked. */
async function exported(id: string, changes: { id?: string; construct?: string } = {}) {
  const res = await send(null, 'GET', `/api/items/${id}/export?format=json`)
  const bundle = (await res.json()) as { items: { id: string; construct: string }[] }
  for (const item of bundle.items) Object.assign(item, changes)
  return JSON.stringify(bundle)
}

describe('POST /api/hubs/{hubSlug}/import', () => {
  it('skips the starter bank’s and other hubs’ items, with the reason; new ones land in review', async () => {
    const { cora, cal, olly } = await teachers(['cora', 'cal', 'olly'])
    const hub = await hubCuratedBy(cora, cal)
    const other = await hubCuratedBy(olly)
    // Another hub's draft.
    const theirs = `their-draft-${crypto.randomUUID().slice(0, 6)}`
    expect(
      (
        await send(olly, 'POST', `/api/hubs/${other}/import`, {
          source: { format: 'json', text: await exported(ITEM, { id: theirs }) },
        })
      ).status,
    ).toBe(200)

    const before = (await getJson<{ options: unknown[] }>(`/api/items/${ITEM}`)).body
    const mine = `my-new-item-${crypto.randomUUID().slice(0, 6)}`
    for (const [id, why] of [
      [ITEM, /belongs to the starter bank/],
      [theirs, new RegExp(`belongs to hub "${other}"`)],
    ] as const) {
      const res = await send(cora, 'POST', `/api/hubs/${hub}/import`, {
        source: { format: 'json', text: await exported(ITEM, { id, construct: 'Rewritten' }) },
      })
      const report = (await res.json()) as { items: number; skipped: { message: string }[] }
      expect(res.status).toBe(200)
      expect(report.items).toBe(0)
      expect(report.skipped.map((s) => s.message)).toContainEqual(expect.stringMatching(why))
    }
    expect((await getJson(`/api/items/${ITEM}`)).body).toEqual(before)

    const res = await send(cora, 'POST', `/api/hubs/${hub}/import`, {
      source: { format: 'json', text: await exported(ITEM, { id: mine }) },
    })
    expect(((await res.json()) as { items: number }).items).toBe(1)
    expect((await getJson(`/api/items/${mine}`)).status).toBe(404) // in review, not public
    expect((await send(cora, 'POST', `/api/hubs/${hub}/items/${mine}/publish`)).status).toBe(403)
    expect((await send(cal, 'POST', `/api/hubs/${hub}/items/${mine}/publish`)).status).toBe(200)
    expect((await getJson(`/api/items/${mine}`)).status).toBe(200)
  })

  it('answers 400 for a Moodle file with an external entity, saying why', async () => {
    const { cora } = await teachers(['cora'])
    const hub = await hubCuratedBy(cora)
    const xml = `<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz><question type="multichoice"><name><text>&x;</text></name></question></quiz>`
    const res = await send(cora, 'POST', `/api/hubs/${hub}/import`, {
      source: { format: 'moodle-xml', xml },
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(((await res.json()) as { detail: string }).detail).toMatch(/external entit/i)
  })
})
