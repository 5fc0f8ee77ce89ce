/**
 * importIntoHub, behind the curators' import page: what it imports becomes the hub's own items
 * with a revision in review by the importer, so a second curator publishes it; ids that belong
 * to the bank's content or to another hub are skipped and reported; a dry run writes nothing.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { latestRevision, publishItem } from '../../src/authoring/authoring.queries.ts'
import { listHubItems } from '../../src/authoring/hub-items.queries.ts'
import { importIntoHub } from '../../src/imports/imports.queries.ts'
import { getDb } from '../../src/lib/db.ts'
import { ApiError } from '../../src/lib/errors.ts'
import { hubCuratedBy, ITEM } from './fixtures.ts'
import { call, signUp, type TestUser } from './helpers.ts'

const run = Date.now() % 1_000_000
const HEADER =
  'QuestionId,ConstructName,SubjectName,CorrectAnswer,QuestionText,AnswerAText,AnswerBText,AnswerCText,AnswerDText,MisconceptionAId,MisconceptionBId,MisconceptionCId,MisconceptionDId'
const csv = (questionId: number) => ({
  format: 'diagnostic-csv' as const,
  name: 'questions.csv',
  questions: `${HEADER}\n${questionId},Add fractions with different denominators,Adding and Subtracting Fractions,B,"\\( \\frac{1}{2}+\\frac{1}{3} \\)",\\( \\frac{2}{5} \\),\\( \\frac{5}{6} \\),\\( \\frac{2}{6} \\),\\( \\frac{1}{5} \\),${run},,${run},\n`,
  misconceptions: `MisconceptionId,MisconceptionName\n${run},Adds numerators and adds denominators\n`,
})
const options = { dryRun: false, licence: 'CC-BY-4.0' }

let importer: TestUser
let reviewer: TestUser
let hub: string

beforeAll(async () => {
  importer = await signUp('Ivy Importer')
  reviewer = await signUp('Rex Reviewer')
  hub = await hubCuratedBy(importer, reviewer)
})

describe('importIntoHub', () => {
  it('writes nothing in a dry run, but reports what it would import', async () => {
    const db = getDb(env.DB)
    const report = await importIntoHub(db, env.DB, env.MEDIA, csv(run * 10 + 1), {
      hubSlug: hub,
      importerId: importer.id,
      ...{
        ...options,
        dryRun: true,
      },
    })
    expect(report).toMatchObject({ items: 1, misconceptions: 1, skipped: [] })
    expect(await listHubItems(db, hub)).toEqual([])
  })

  it('puts imported items in the hub’s review queue, written by the importer', async () => {
    const db = getDb(env.DB)
    const report = await importIntoHub(db, env.DB, env.MEDIA, csv(run * 10 + 2), {
      hubSlug: hub,
      importerId: importer.id,
      ...options,
    })
    expect(report.items).toBe(1)
    const [queued] = await listHubItems(db, hub, 'review')
    expect(queued).toMatchObject({ id: `dq-${run * 10 + 2}`, authorId: importer.id })
  })

  it('lets only a second curator publish an imported item', async () => {
    const db = getDb(env.DB)
    const id = `dq-${run * 10 + 2}`
    await expect(publishItem(db, env.DB, hub, importer.id, id)).rejects.toThrow(ApiError)
    await publishItem(db, env.DB, hub, reviewer.id, id)
    expect((await latestRevision(db, id)).status).toBe('published')
  })

  it('changes nothing when the same file is imported again', async () => {
    const db = getDb(env.DB)
    const before = await latestRevision(db, `dq-${run * 10 + 2}`)
    await importIntoHub(db, env.DB, env.MEDIA, csv(run * 10 + 2), {
      hubSlug: hub,
      importerId: importer.id,
      ...options,
    })
    expect(await latestRevision(db, `dq-${run * 10 + 2}`)).toEqual(before)
  })

  it('skips an id that belongs to the bank’s own content or another hub, and says so', async () => {
    const db = getDb(env.DB)
    const other = await hubCuratedBy(importer)
    const report = await importIntoHub(db, env.DB, env.MEDIA, csv(run * 10 + 2), {
      hubSlug: other,
      importerId: importer.id,
      ...options,
    })
    expect(report.items).toBe(0)
    expect(report.skipped.map((s) => s.message)).toEqual([
      expect.stringMatching(new RegExp(`item "dq-${run * 10 + 2}" belongs to hub`)),
    ])
    const json = {
      format: 'json' as const,
      name: 'export.json',
      text: await (await call(`/api/items/${ITEM}/export?format=json`)).text(),
    }
    const fromBank = await importIntoHub(db, env.DB, env.MEDIA, json, {
      hubSlug: other,
      importerId: importer.id,
      ...options,
    })
    expect(
      fromBank.skipped.some((s) => s.message.includes(`"${ITEM}" belongs to the starter bank`)),
    ).toBe(true)
  })
})
