/**
 * Files from and for the tools schools use, through the API inside workerd: a Moodle 4 export
 * with an embedded PNG (stored in the MEDIA bucket, served, shown, carried by exports), GIFT
 * (gift-pegjs running in the Worker), Excel CSVs sent as bytes, the default topic, and a set's
 * exports: CSV back in, QTI with its assessment test, Moodle with shuffling and notes.
 */
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import moodle4 from '../fixtures/interchange/moodle4-export.xml?raw'
import gift from '../fixtures/interchange/department.gift?raw'
import { makeAdmin } from './fixtures.ts'
import { call, getJson, send, signUp, type TestUser } from './helpers.ts'

let curator: TestUser
let reviewer: TestUser
const hub = `interchange-hub-${Date.now().toString(36)}`
const importFile = (source: object, extra: object = {}) =>
  send(curator, 'POST', `/api/hubs/${hub}/import`, { source, ...extra })
/** Imports land in review; a second curator publishes them, as for authored items. */
const publish = async (...ids: string[]) => {
  for (const id of ids)
    expect((await send(reviewer, 'POST', `/api/hubs/${hub}/items/${id}/publish`)).status).toBe(200)
}

beforeAll(async () => {
  const admin = await signUp('Ida Admin')
  curator = await signUp('Ivo Curator')
  reviewer = await signUp('Rae Reviewer')
  await makeAdmin(admin)
  await send(admin, 'POST', '/api/hubs', { slug: hub, name: 'Interchange Hub' })
  await send(admin, 'PUT', `/api/hubs/${hub}/curators/${curator.id}`)
  await send(admin, 'PUT', `/api/hubs/${hub}/curators/${reviewer.id}`)
})

describe('importing a Moodle 4 export', () => {
  let report: Record<string, any>
  beforeAll(async () => {
    const res = await importFile(
      { format: 'moodle-xml', name: 'moodle4-export.xml', xml: moodle4 },
      { topic: 'addition-subtraction' },
    )
    expect(res.status).toBe(200)
    report = await res.json()
    await publish('moodle-adding-fractions-pizza')
  })

  it('imports every multiple-choice question, the one in "Default for Quiz 1" into the given topic', () => {
    expect(report.items).toBe(3)
    expect(report.images).toBe(1)
    expect(report.skipped).toEqual([expect.objectContaining({ row: 3 })]) // the true/false one
    expect(report.flagged.map((f: { message: string }) => f.message).join('\n')).toMatch(
      /2 hint\(s\)/,
    )
  })

  it('stores the embedded PNG, serves it, and the item shows it', async () => {
    const item = await getJson<{ stem: { html: string } }>(
      '/api/items/moodle-adding-fractions-pizza',
    )
    const src =
      /<img src="(\/api\/media\/[0-9a-f]{32}\.png)" alt="A pizza cut into eight equal slices"/.exec(
        item.body.stem.html,
      )?.[1]
    expect(src).toBeDefined()
    const image = await call(src!)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.headers.get('cache-control')).toContain('immutable')
    const bytes = new Uint8Array(await image.arrayBuffer())
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    expect((await call('/api/media/not-a-key.png')).status).toBe(400)
  })

  it('carries the image in Moodle XML and QTI exports of the item', async () => {
    const xml = await (
      await call('/api/items/moodle-adding-fractions-pizza/export?format=moodle')
    ).text()
    // The question text is escaped inside the XML, as Moodle writes it too.
    expect(xml).toMatch(/src=&quot;@@PLUGINFILE@@\/[0-9a-f]{32}\.png&quot;/)
    expect(xml).toMatch(/<file name="[0-9a-f]{32}\.png" path="\/" encoding="base64">iVBOR/)
    const zip = unzipSync(
      new Uint8Array(
        await (
          await call('/api/items/moodle-adding-fractions-pizza/export?format=qti')
        ).arrayBuffer(),
      ),
    )
    expect(Object.keys(zip).some((name) => /^items\/media\/[0-9a-f]{32}\.png$/.test(name))).toBe(
      true,
    )
  })

  it('refuses a default topic that does not exist, naming the field', async () => {
    const res = await importFile(
      { format: 'moodle-xml', xml: moodle4 },
      { topic: 'basket-weaving', dryRun: true },
    )
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ field: 'topic' }),
    ])
  })
})

describe('importing GIFT and Excel CSVs', () => {
  it('imports a GIFT file with gift-pegjs inside the Worker', async () => {
    const res = await importFile(
      { format: 'gift', name: 'department.gift', text: gift },
      { dryRun: true },
    )
    const body = await res.json()
    expect(body).toMatchObject({
      dryRun: true,
      items: 4,
      files: [{ source: 'department.gift', format: 'gift' }],
    })
  })

  it('detects a Windows-1252, semicolon-separated CSV sent as bytes and reports it', async () => {
    const text =
      'QuestionId;CorrectAnswer;QuestionText;AnswerAText;AnswerBText\r\n31;A;What is ½ of £12 at the café?;£6;£24\r\n'
    const bytes = Uint8Array.from(
      text,
      (c) => ({ '½': 0xbd, '£': 0xa3, é: 0xe9 })[c] ?? c.charCodeAt(0),
    )
    const res = await importFile(
      { format: 'diagnostic-csv', questionsBase64: btoa(String.fromCharCode(...bytes)) },
      { topic: 'fractions-of-amounts' },
    )
    const body = (await res.json()) as { files: unknown; items: number }
    expect(body.files).toEqual([
      {
        source: 'questions.csv',
        format: 'diagnostic-csv',
        encoding: 'Windows-1252',
        delimiter: 'semicolon',
      },
    ])
    expect(body.items).toBe(1)
    await publish('dq-31')
    const item = await getJson<{ stem: { source: string } }>('/api/items/dq-31')
    expect(item.body.stem.source).toBe('What is ½ of £12 at the café?')
  })

  it('asks for the questions CSV when neither form of it is sent', async () => {
    const res = await importFile({
      format: 'diagnostic-csv',
      misconceptions: 'MisconceptionId,MisconceptionName',
    })
    expect(res.status).toBe(400)
  })
})

describe("a set's exports", () => {
  let setId: string
  const items = ['perimeter-of-a-3-by-5-rectangle', 'add-one-third-and-one-quarter']
  beforeAll(async () => {
    const res = await send(curator, 'POST', '/api/sets', {
      owner: { type: 'hub', id: hub },
      title: 'Exchange starters',
      entries: [
        { itemId: items[0], note: 'Vote, then ask a 16 and a 15 to explain.' },
        { itemId: items[1] },
      ],
    })
    setId = ((await res.json()) as { id: string }).id
    await send(curator, 'POST', `/api/sets/${setId}/versions`)
  })
  const exported = (query: string) => call(`/api/sets/${setId}/versions/1/export?${query}`)

  it('exports the set as the diagnostic-question CSV, which imports back without a problem', async () => {
    const res = await exported('format=csv')
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const csv = await res.text()
    const back = (await (
      await importFile({ format: 'diagnostic-csv', questions: csv }, { dryRun: true })
    ).json()) as { items: number; flagged: unknown[]; skipped: { message: string }[] }
    // Read back without a problem; the starter bank's items are not the hub's to write over.
    expect(back).toMatchObject({ items: 0 })
    expect(back.skipped.map((p) => p.message)).toEqual([
      expect.stringMatching(/belongs to the starter bank/),
      expect.stringMatching(/belongs to the starter bank/),
    ])
  })

  it('exports QTI with an assessment test in the set’s order', async () => {
    const zip = unzipSync(new Uint8Array(await (await exported('format=qti')).arrayBuffer()))
    const test = strFromU8(zip['tests/test.xml']!)
    expect([...test.matchAll(/href="\.\.\/items\/([^"]+)\.xml"/g)].map((m) => m[1])).toEqual(items)
    expect(strFromU8(zip[`items/${items[0]}.xml`]!)).toContain('view="tutor"')
  })

  it('exports Moodle XML with shuffling when asked, a category per topic, and the note', async () => {
    const xml = await (await exported('format=moodle&shuffle=true')).text()
    expect(xml).toContain('<shuffleanswers>true</shuffleanswers>')
    expect(xml).toContain('$course$/top/Exchange starters (v1)/Perimeter')
    expect(xml).toContain('Note for the teacher: Vote, then ask a 16 and a 15 to explain.')
    const plain = await (await exported('format=moodle')).text()
    expect(plain).toContain('<shuffleanswers>false</shuffleanswers>')
  })
})
