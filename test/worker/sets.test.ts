/** Item sets: building, publishing immutable versions, withdrawing, exporting and importing. */
import { env } from 'cloudflare:workers'
import { unzipSync, strFromU8 } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeAdmin } from './fixtures.ts'
import { call, getJson, send, signUp, type TestUser } from './helpers.ts'

let curator: TestUser
let secondCurator: TestUser
let teacher: TestUser
const hub = `sets-hub-${Date.now().toString(36)}`

beforeAll(async () => {
  const admin = await signUp('Ada Admin')
  curator = await signUp('Cora Curator')
  secondCurator = await signUp('Cal Curator')
  teacher = await signUp('Tess Teacher')
  await makeAdmin(admin)
  await send(admin, 'POST', '/api/hubs', { slug: hub, name: 'Sets Hub' })
  await send(admin, 'PUT', `/api/hubs/${hub}/curators/${curator.id}`)
  await send(admin, 'PUT', `/api/hubs/${hub}/curators/${secondCurator.id}`)
})

async function newSet(entries: { itemId: string; note?: string }[]) {
  const res = await send(curator, 'POST', '/api/sets', {
    owner: { type: 'hub', id: hub },
    title: 'Perimeter and area starters',
    years: [4, 5],
    entries,
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

describe('item sets', () => {
  it('publishes immutable numbered versions with a changelog against the previous one', async () => {
    const id = await newSet([
      { itemId: 'perimeter-of-a-3-by-5-rectangle', note: 'Before teaching perimeter' },
    ])
    const v1 = await send(curator, 'POST', `/api/sets/${id}/versions`)
    expect(v1.status).toBe(201)
    expect(v1.headers.get('location')).toBe(`/api/sets/${id}/versions/1`)
    expect(((await v1.json()) as { changelog: string[] }).changelog).toEqual([
      'First version: 1 item.',
    ])

    const edit = await send(curator, 'PUT', `/api/sets/${id}`, {
      title: 'Perimeter and area starters',
      years: [4, 5],
      entries: [
        { itemId: 'perimeter-of-a-4-by-4-square', note: 'For discussion' },
        { itemId: 'perimeter-of-a-3-by-5-rectangle', note: 'Before teaching perimeter' },
      ],
    })
    expect(edit.status).toBe(200)
    const v2 = (await (await send(secondCurator, 'POST', `/api/sets/${id}/versions`)).json()) as {
      version: number
      changelog: string[]
    }
    expect(v2.version).toBe(2)
    expect(v2.changelog.join('\n')).toMatch(/Added “.*square.*” at position 1/)
    expect(v2.changelog.join('\n')).toMatch(/moved from position 1 to 2/)

    // Version 1 is exactly as published: one item, pinned to a revision, with its rendered stem.
    const { status, body, res } = await getJson<{
      entries: { itemId: string; revision: number; item: { stem: { html: string } } }[]
    }>(`/api/sets/${id}/versions/1`)
    expect(status).toBe(200)
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=86400/)
    expect(body.entries).toHaveLength(1)
    expect(body.entries[0]).toMatchObject({
      itemId: 'perimeter-of-a-3-by-5-rectangle',
      revision: expect.any(Number),
    })
    expect(body.entries[0]?.item.stem.html).toContain('katex')
  })

  it('has a public page for each version, linked from the hub page, with its exports', async () => {
    const id = await newSet([
      { itemId: 'perimeter-of-a-3-by-5-rectangle', note: 'Use before teaching perimeter' },
    ])
    await send(curator, 'POST', `/api/sets/${id}/versions`)
    const page = await call(`/sets/${id}/versions/1`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Perimeter and area starters')
    expect(html).toContain('Use before teaching perimeter')
    expect(html).toContain(`/api/sets/${id}/versions/1/export?format=qti`)
    expect(html).toContain('class="katex"')
    expect(await (await call(`/hubs/${hub}`)).text()).toContain(`/sets/${id}/versions/1`)
    expect((await call(`/sets/${id}/versions/9`)).status).toBe(404)
  })

  it('withdraws a version, keeping the record marked withdrawn', async () => {
    const id = await newSet([{ itemId: 'add-47-and-38' }])
    await send(curator, 'POST', `/api/sets/${id}/versions`)
    expect(
      (
        await send(curator, 'POST', `/api/sets/${id}/versions/1/withdraw`, {
          reason: 'Replaced by a better set',
        })
      ).status,
    ).toBe(204)
    expect(
      (await send(curator, 'POST', `/api/sets/${id}/versions/1/withdraw`, { reason: 'Again' }))
        .status,
    ).toBe(409)
    const { body } = await getJson<{ withdrawnAt: string | null; withdrawnReason: string }>(
      `/api/sets/${id}/versions/1`,
    )
    expect(body).toMatchObject({
      withdrawnAt: expect.any(String),
      withdrawnReason: 'Replaced by a better set',
    })
  })

  it('refuses unknown items naming each, and keeps a teacher out of a hub set draft', async () => {
    const res = await send(curator, 'POST', '/api/sets', {
      owner: { type: 'hub', id: hub },
      title: 'Broken',
      entries: [{ itemId: 'add-47-and-38' }, { itemId: 'no-such-item' }],
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { errors: { field: string }[] }).errors).toEqual([
      expect.objectContaining({ field: 'entries.1.itemId' }),
    ])
    const id = await newSet([{ itemId: 'add-47-and-38' }])
    expect((await send(teacher, 'GET', `/api/sets/${id}`)).status).toBe(403)
  })

  it('gives workgroups private sets, which are not published', async () => {
    const wg = (await (
      await send(teacher, 'POST', '/api/workgroups', { name: 'Y5 fractions work group' })
    ).json()) as { id: string }
    const res = await send(teacher, 'POST', '/api/sets', {
      owner: { type: 'workgroup', id: wg.id },
      title: 'Our starters',
      entries: [{ itemId: 'add-47-and-38' }],
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    expect((await send(curator, 'GET', `/api/sets/${id}`)).status).toBe(404)
    expect((await send(teacher, 'POST', `/api/sets/${id}/versions`)).status).toBe(409)
    expect((await call(`/api/sets/${id}/versions`)).status).toBe(404)
  })
})

describe('exports', () => {
  let setId: string
  beforeAll(async () => {
    setId = await newSet([
      { itemId: 'perimeter-of-a-3-by-5-rectangle' },
      { itemId: 'add-one-third-and-one-quarter' },
    ])
    await send(curator, 'POST', `/api/sets/${setId}/versions`)
  })
  const exported = (format: string) => call(`/api/sets/${setId}/versions/1/export?format=${format}`)

  it('exports our JSON, which a hub reads back but may not write over the starter bank with', async () => {
    const res = await exported('json')
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.json"/)
    const text = await res.text()
    expect(JSON.parse(text).items).toHaveLength(2)
    const dry = await send(curator, 'POST', `/api/hubs/${hub}/import`, {
      source: { format: 'json', text },
      dryRun: true,
    })
    // Read back whole, but the items are the starter bank's, so the hub's import skips them.
    expect(await dry.json()).toMatchObject({
      dryRun: true,
      items: 0,
      skipped: [
        { message: expect.stringMatching(/belongs to the starter bank/) },
        { message: expect.stringMatching(/belongs to the starter bank/) },
      ],
    })
  })

  it('exports Moodle XML with one multichoice question per item and misconceptions as tags', async () => {
    const xml = await (await exported('moodle')).text()
    expect(xml).toContain('<quiz>')
    expect(xml.match(/<question type="multichoice">/g)).toHaveLength(2)
    expect(xml).toContain('confuses-perimeter-and-area')
  })

  it('exports GIFT with TeX braces escaped', async () => {
    const gift = await (await exported('gift')).text()
    expect(gift).toMatch(/^::/m)
    expect(gift).toContain('\\{')
  })

  it('exports a QTI 3.0 package: a zip with a manifest and one assessment item per item', async () => {
    const res = await exported('qti')
    expect(res.headers.get('content-type')).toBe('application/zip')
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
    const manifest = strFromU8(files['imsmanifest.xml']!)
    expect(manifest.match(/imsqti_item_xmlv3p0/g)).toHaveLength(2)
    // Item XML files; a diagram travels beside its item as an .svg file.
    const items = Object.keys(files).filter(
      (name) => name.startsWith('items/') && name.endsWith('.xml'),
    )
    expect(files['tests/test.xml']).toBeDefined() // the qti-assessment-test
    expect(items).toHaveLength(2)
    const item = strFromU8(files[items[0]!]!)
    expect(item).toContain('<qti-assessment-item')
    expect(item).toContain('<qti-feedback-inline')
    expect(item).toContain('<math')
  })

  it('exports a printable worksheet with the answer key on its own page', async () => {
    const html = await (await exported('html')).text()
    expect(html).toContain('Answer key')
    expect(html).toContain('class="answer-key"')
  })

  it('exports a single item', async () => {
    const res = await call('/api/items/perimeter-of-a-3-by-5-rectangle/export?format=gift')
    expect(res.status).toBe(200)
    expect(
      await (
        await call('/api/items/perimeter-of-a-3-by-5-rectangle/export?format=pdf')
      ).status,
    ).toBe(400)
  })
})

describe('POST /api/hubs/:hubSlug/import', () => {
  const questions = [
    'QuestionId,ConstructId,ConstructName,SubjectId,SubjectName,CorrectAnswer,QuestionText,AnswerAText,AnswerBText,AnswerCText,AnswerDText,MisconceptionAId,MisconceptionBId,MisconceptionCId,MisconceptionDId',
    '9001,10,Calculate the perimeter of a rectangle from its side lengths,100,Perimeter,A,"A zygomorphic rectangle is \\( 2 \\mathrm{~cm} \\) by \\( 7 \\mathrm{~cm} \\). What is its perimeter?",\\( 18 \\mathrm{~cm} \\),\\( 14 \\mathrm{~cm} \\),\\( 9 \\mathrm{~cm} \\),\\( 28 \\mathrm{~cm} \\),,1,2,',
    '9002,11,Compare decimals,101,Ordering Decimals,Z,Which is largest?,\\( 0.5 \\),\\( 0.45 \\),\\( 0.405 \\),\\( 0.4 \\),,,,',
  ].join('\n')
  const misconceptions =
    'MisconceptionId,MisconceptionName\n1,"Calculates area, not perimeter"\n2,Adds one length and one width\n'
  const source = { format: 'diagnostic-csv', name: 'questions.csv', questions, misconceptions }

  it('imports good rows into review, reports a bad row by number; published, they are searchable', async () => {
    const res = await send(curator, 'POST', `/api/hubs/${hub}/import`, { source })
    expect(res.status).toBe(200)
    const report = (await res.json()) as {
      items: number
      misconceptions: number
      skipped: { row: number | null; message: string }[]
    }
    expect(report.items).toBe(1)
    expect(report.skipped).toEqual([expect.objectContaining({ row: 3 })])
    expect((await getJson('/api/items/dq-9001')).status).toBe(404) // in review
    const published = await send(secondCurator, 'POST', `/api/hubs/${hub}/items/dq-9001/publish`)
    expect(published.status).toBe(200)
    const search = await getJson<{ data: { ref: string }[] }>('/api/search?q=zygomorphic')
    expect(search.body.data.map((h) => h.ref)).toContain('dq-9001')
  })

  it('changes nothing and duplicates nothing when the same file is imported again', async () => {
    const count = async () =>
      (
        await env.DB.prepare("SELECT count(*) AS n FROM items WHERE id LIKE 'dq-%'").first<{
          n: number
        }>()
      )?.n
    const revisions = async () =>
      (
        await env.DB.prepare(
          "SELECT count(*) AS n FROM item_revisions WHERE item_id = 'dq-9001'",
        ).first<{ n: number }>()
      )?.n
    await send(curator, 'POST', `/api/hubs/${hub}/import`, { source })
    const [before, revBefore] = [await count(), await revisions()]
    await send(curator, 'POST', `/api/hubs/${hub}/import`, { source })
    expect([await count(), await revisions()]).toEqual([before, revBefore])
  })

  it('is for curators only', async () => {
    expect(
      (await send(teacher, 'POST', `/api/hubs/${hub}/import`, { source, dryRun: true })).status,
    ).toBe(403)
  })
})
