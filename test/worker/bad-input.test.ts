/**
 * Bad input gets a clear 400 or is stored safely, never a 500: the failures the fuzz test and
 * the trust review found, each pinned by the request that used to fail.
 */
import { parseDocument } from 'htmlparser2'
import { beforeAll, describe, expect, it } from 'vitest'
import { draftItem, hubCuratedBy, ITEM, teachers } from './fixtures.ts'
import { send, type TestUser } from './helpers.ts'

let author: TestUser
let hub: string
beforeAll(async () => {
  ;({ author } = await teachers(['author']))
  hub = await hubCuratedBy(author)
})

const unique = () => crypto.randomUUID().slice(0, 8)
const MATRIX = '$\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}$ '

describe('authored text', () => {
  it('answers 400 naming the field for a misconception of dense TeX past what a bank row holds (was a 500: statement too long)', async () => {
    const dense = MATRIX.repeat(200).slice(0, 5000)
    const res = await send(author, 'POST', `/api/hubs/${hub}/misconceptions`, {
      slug: `dense-${unique()}`,
      title: 'Dense maths everywhere',
      topic: 'perimeter',
      description: dense,
      whyItArises: dense,
      howToAddress: dense,
    })
    expect(res.status, await res.clone().text()).toBe(400)
    const problem = (await res.json()) as { errors: { field: string; message: string }[] }
    expect(problem.errors[0]).toMatchObject({ message: expect.stringMatching(/kB of HTML/) })
  })

  it('refuses a NUL byte in an item with 400 naming the field (was a 500)', async () => {
    const id = `nul-${unique()}`
    const stem = 'A square has sides of 2\u0000cm. What is its perimeter?'
    const res = await send(author, 'POST', `/api/hubs/${hub}/items`, draftItem(id, stem))
    expect(res.status, await res.clone().text()).toBe(400)
    const problem = (await res.json()) as { errors: { field: string; message: string }[] }
    expect(problem.errors).toEqual([
      expect.objectContaining({
        field: 'stem',
        message: expect.stringMatching(/control characters/),
      }),
    ])
  })

  it('answers 400 naming the field when maths renders to more HTML than a field may hold', async () => {
    const res = await send(author, 'POST', '/api/threads', {
      targetKind: 'item',
      targetId: ITEM,
      title: 'Many matrices',
      post: { kind: 'idea', body: MATRIX.repeat(400) },
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const problem = (await res.json()) as { errors: { field: string; message: string }[] }
    expect(problem.errors).toEqual([
      { in: 'body', field: 'body', message: expect.stringMatching(/kB of HTML/) },
    ])
  })

  it('keeps a link whose title holds TeX a whole tag in the stored HTML', async () => {
    const res = await send(author, 'POST', '/api/threads', {
      targetKind: 'item',
      targetId: ITEM,
      title: 'A link with maths in its title',
      post: { kind: 'idea', body: 'See [this](https://example.org/ "why $\\frac{1}{2}$")' },
    })
    expect(res.status).toBe(201)
    const { firstPost } = (await res.json()) as { firstPost: { body: { html: string } } }
    const link = parseDocument(firstPost.body.html).children.flatMap((p) =>
      'children' in p ? p.children : [],
    )
    expect(link).toContainEqual(
      expect.objectContaining({ attribs: { href: 'https://example.org/', title: 'why 1/2' } }),
    )
  })

  it('refuses, with 400, a text field one character past its declared maximum', async () => {
    const res = await send(author, 'POST', `/api/hubs/${hub}/items`, {
      ...draftItem(`long-${unique()}`, 'x'.repeat(5001)),
    })
    expect(res.status).toBe(400)
    const problem = (await res.json()) as { errors: { field: string }[] }
    expect(problem.errors.map((e) => e.field)).toEqual(['stem'])
  })
})

describe('imported text', () => {
  const header =
    'QuestionId,ConstructName,SubjectName,CorrectAnswer,QuestionText,AnswerAText,AnswerBText,AnswerCText,AnswerDText,MisconceptionAId,MisconceptionBId,MisconceptionCId,MisconceptionDId'
  const misconceptions = 'MisconceptionId,MisconceptionName\n1,Gives the area for the perimeter'

  it('reports the row of a CSV file that has a NUL byte and imports the rest (was a 500 for the whole file)', async () => {
    const n = Math.floor(Math.random() * 1e6) + 1e6
    const questions = [
      header,
      `${n},Find a perimeter,Perimeter,A,What is the perimeter of a 2 by 3 rectangle?,10,6,5,12,,1,,`,
      `${n + 1},Find a\u0000perimeter,Perimeter,A,What is\u0000the perimeter of a 1 by 4 rectangle?,10,5,4,8,,1,,`,
    ].join('\n')
    const res = await send(author, 'POST', `/api/hubs/${hub}/import`, {
      source: { format: 'diagnostic-csv', questions, misconceptions },
    })
    expect(res.status, await res.clone().text()).toBe(200)
    const report = (await res.json()) as { items: number; skipped: { row: number | null }[] }
    expect(report.items).toBe(1)
    expect(report.skipped).toEqual([expect.objectContaining({ row: 3 })])
  })

  // A file with nothing readable in it is a bad request that says why; nothing is imported.
  it('answers 400, importing nothing, for a Moodle XML file that declares an external entity (was a 500)', async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz><question type="multichoice"><name><text>&x;</text></name><questiontext format="html"><text>What is 2 + 2?</text></questiontext><answer fraction="100"><text>4</text></answer><answer fraction="0"><text>5</text></answer></question></quiz>'
    const res = await send(author, 'POST', `/api/hubs/${hub}/import`, {
      source: { format: 'moodle-xml', xml },
      dryRun: true,
    })
    expect(res.status, await res.clone().text()).toBe(400)
    const problem = (await res.json()) as { detail: string }
    expect(problem.detail).toMatch(/External entities/)
  })
})
