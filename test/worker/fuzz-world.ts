/**
 * The world the fuzz test's requests land in: one account per role and one of every kind of
 * resource the API has (a workgroup, an invite, a hub with a set and a drafted item, public and
 * workgroup threads, an annotation, a note, a class with a live session and a tally, an enquiry,
 * an API token), so that generated paths name things that exist and reach the handlers' real work.
 */
import { expect } from 'vitest'
import { createSession } from '../../src/accounts/accounts.queries.ts'
import { getDb } from '../../src/lib/db.ts'
import { env } from 'cloudflare:workers'
import {
  draftItem,
  hubCuratedBy,
  ITEM,
  makeAdmin,
  MISCONCEPTION,
  teachers,
  workgroup,
} from './fixtures.ts'
import { send, type TestUser } from './helpers.ts'

export const ROLES = ['teacher', 'member', 'lead', 'curator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface World {
  users: Record<Role, TestUser>
  /** A bearer token of the teacher's. */
  token: string
  /** Real values by path parameter (and body field) name. */
  values: Record<string, string[]>
}

async function created<T>(res: Response | Promise<Response>): Promise<T> {
  const r = await res
  expect(r.status, await r.clone().text()).toBeLessThan(300)
  return (await r.json()) as T
}

const CSV_HEADER =
  'QuestionId,ConstructName,SubjectName,CorrectAnswer,QuestionText,AnswerAText,AnswerBText,AnswerCText,AnswerDText,MisconceptionAId,MisconceptionBId,MisconceptionCId,MisconceptionDId'
const MOODLE_QUESTION =
  '<question type="multichoice"><name><text>Q</text></name><questiontext format="html"><text>What is $2+2$?</text></questiontext><single>true</single><answer fraction="100"><text>4</text><feedback><text>Yes</text></feedback></answer><answer fraction="0"><text>5</text><feedback><text>No</text></feedback></answer></question>'

/** Files for the import route that parse: plain ones, and ones with a NUL or an external entity. */
const IMPORT_SOURCES: Record<string, string[]> = {
  questions: [
    `${CSV_HEADER}\n7001,Find a perimeter,Perimeter,A,What is the perimeter of a 2 by 3 rectangle?,10,6,5,12,,1,,`,
    `${CSV_HEADER}\n7002,Find a\u0000 perimeter,Perimeter,A,What\u0000?,10,6,5,12,,1,,\n7003,Find an area,Area,B,What is $3\\times 4$?,7,12,14,34,1,,,`,
  ],
  misconceptions: ['MisconceptionId,MisconceptionName\n1,Gives the area for the perimeter'],
  xml: [
    `<?xml version="1.0"?><quiz>${MOODLE_QUESTION}</quiz>`,
    `<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz>${MOODLE_QUESTION.replace('Q<', '&x;<')}</quiz>`,
    `<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><quiz>${MOODLE_QUESTION.replace('Q<', '&c;<')}</quiz>`,
  ],
  text: ['{"items":[],"misconceptions":[]}', '{"format":"misconception-bank","items":[{}]}'],
}

export async function buildWorld(): Promise<World> {
  const users = await teachers(['teacher', 'member', 'lead', 'curator', 'admin'])
  await makeAdmin(users.admin)
  const { teacher, member, lead, curator } = users
  const workgroupId = await workgroup(lead, member)
  const hubSlug = await hubCuratedBy(curator)

  const token = await created<{ id: string; token: string }>(
    send(teacher, 'POST', '/api/me/tokens', { name: 'fuzz' }),
  )
  const invite = await created<{ id: string; code: string }>(
    send(lead, 'POST', `/api/workgroups/${workgroupId}/invites`, {}),
  )
  const set = await created<{ id: string }>(
    send(curator, 'POST', '/api/sets', {
      owner: { type: 'hub', id: hubSlug },
      title: 'Fuzz set',
      entries: [{ itemId: ITEM }],
    }),
  )
  await created(send(curator, 'POST', `/api/sets/${set.id}/versions`))
  const itemId = `fuzz-${crypto.randomUUID().slice(0, 8)}`
  await created(send(curator, 'POST', `/api/hubs/${hubSlug}/items`, draftItem(itemId)))

  const threads = await Promise.all(
    [undefined, workgroupId].map((wg) =>
      created<{ id: string; firstPost: { id: string } }>(
        send(member, 'POST', '/api/threads', {
          targetKind: 'item',
          targetId: ITEM,
          ...(wg ? { workgroupId: wg } : {}),
          title: 'Fuzz thread',
          post: { kind: 'question', body: 'Why do they add two sides?' },
        }),
      ),
    ),
  )
  const annotation = await created<{ id: string }>(
    send(lead, 'POST', `/api/workgroups/${workgroupId}/annotations`, {
      itemId: ITEM,
      label: 'B',
      misconceptionSlug: MISCONCEPTION,
      evidence: 'Half of 4B chose it',
    }),
  )
  const note = await created<{ id: string }>(
    send(member, 'POST', `/api/workgroups/${workgroupId}/notes`, {
      misconceptionSlug: MISCONCEPTION,
      body: 'What worked',
    }),
  )
  const klass = await created<{ id: string }>(
    send(member, 'POST', '/api/classes', { label: '8X2', year: 8 }),
  )
  const session = await created<{ id: string; code: string }>(
    send(member, 'POST', '/api/live-sessions', { classId: klass.id, itemIds: [ITEM] }),
  )
  const tally = await created<{ id: string }>(
    send(member, 'POST', '/api/tallies', { classId: klass.id, itemId: ITEM, counts: { A: 3 } }),
  )
  const enquiry = await created<{ id: string }>(
    send(lead, 'POST', `/api/workgroups/${workgroupId}/enquiries`, {
      question: 'Does tracing every side help Year 5?',
      misconceptions: [MISCONCEPTION],
      pre: { itemIds: [ITEM] },
      post: { itemIds: [ITEM] },
      preFrom: '2026-09-01',
      preTo: '2026-09-30',
      postFrom: '2026-11-01',
      postTo: '2026-11-30',
    }),
  )

  const userIds = Object.values(users).map((u) => u.id)
  const userEmails = Object.values(users).map((u) => u.email)
  const values: Record<string, string[]> = {
    id: [ITEM, itemId],
    itemId: [ITEM],
    itemIds: [ITEM],
    targetId: [ITEM, MISCONCEPTION],
    slug: [MISCONCEPTION, 'adds-one-length-and-one-width'],
    misconceptionSlug: [MISCONCEPTION],
    misconception: [MISCONCEPTION],
    misconceptions: [MISCONCEPTION],
    related: [MISCONCEPTION],
    topic: ['perimeter'],
    strand: ['measurement'],
    userId: userIds,
    tokenId: [token.id],
    workgroupId: [workgroupId],
    inviteId: [invite.id],
    code: [invite.code, session.code],
    hubSlug: [hubSlug],
    setId: [set.id],
    version: ['1', '2'],
    threadId: threads.map((t) => t.id),
    postId: threads.map((t) => t.firstPost.id),
    parentId: threads.map((t) => t.firstPost.id),
    quoteId: threads.map((t) => t.firstPost.id),
    annotationId: [annotation.id],
    noteId: [note.id],
    classId: [klass.id],
    sessionId: [session.id],
    tallyId: [tally.id],
    enquiryId: [enquiry.id],
    email: userEmails,
    password: ['correct horse battery staple'],
    ...IMPORT_SOURCES,
  }
  return { users, token: token.token, values }
}

/** A new session for `user`, for requests that end the session they are sent with. */
export async function freshCookie(user: TestUser): Promise<string> {
  return `__Host-session=${await createSession(getDb(env.DB), user.id, null)}`
}
