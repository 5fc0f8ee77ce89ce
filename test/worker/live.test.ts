/**
 * Live sessions: one Durable Object per session, pupils voting anonymously with a device token,
 * the teacher revealing, every closed question leaving one tally in D1.
 */
import { evictDurableObject, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { send, signUp, type TestUser } from './helpers.ts'
import {
  ITEM,
  joinDevice,
  newClass,
  openSocket,
  SQUARE,
  startLive,
  tallyRows,
  teacherState,
  vote,
} from './evidence-helpers.ts'

let teacher: TestUser
let other: TestUser
let classId: string

beforeAll(async () => {
  teacher = await signUp('Lena Live')
  other = await signUp('Omar Other')
  classId = await newClass(teacher, '7Y1', 7)
})

const stubFor = (sessionId: string) =>
  env.LIVE_SESSIONS.get(env.LIVE_SESSIONS.idFromName(sessionId))

describe('POST /api/live-sessions', () => {
  it('starts a session with a six-character join code and a join link', async () => {
    const session = await startLive(teacher, classId)
    expect(session.code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/)
    expect(session.joinUrl).toBe(`https://bank.test/live/${session.code}`)
    expect(session.state).toMatchObject({ position: 0, answered: 0, counts: null })
  })

  it('answers 404 for a class that is not yours, and 400 for an unknown item', async () => {
    const res = await send(other, 'POST', '/api/live-sessions', { classId, itemIds: [ITEM] })
    expect(res.status).toBe(404)
    const bad = await send(teacher, 'POST', '/api/live-sessions', {
      classId,
      itemIds: [ITEM, 'no-such-item'],
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe(
      'itemIds.1',
    )
  })

  it('draws the join QR code as SVG for the teacher only', async () => {
    const session = await startLive(teacher, classId)
    const res = await send(teacher, 'GET', `/api/live-sessions/${session.id}/qr`)
    expect(res.headers.get('content-type')).toBe('image/svg+xml')
    expect(await res.text()).toMatch(/^<svg[^>]*role="img"/)
    expect((await send(other, 'GET', `/api/live-sessions/${session.id}/qr`)).status).toBe(404)
  })
})

describe('voting', () => {
  it('counts one vote per device; voting again replaces it; the distribution stays hidden', async () => {
    const session = await startLive(teacher, classId)
    const [a, b, c] = [
      await joinDevice(session.code),
      await joinDevice(session.code),
      await joinDevice(session.code),
    ]
    for (const [token, label] of [
      [a, 'A'],
      [b, 'B'],
      [c, 'B'],
      [c, 'C'],
    ] as const)
      expect((await vote(session.code, token, label)).status).toBe(200)
    const state = await teacherState(teacher, session.id)
    expect(state).toMatchObject({ answered: 3, counts: null, status: 'open', revealed: false })
    const pupil = await send(null, 'GET', `/api/live/${session.code}?token=${c}`)
    expect(await pupil.json()).toMatchObject({ myVote: 'C', answered: 3 })
  })

  it('accepts the code in lower case, as pupils type it', async () => {
    const session = await startLive(teacher, classId)
    const token = await joinDevice(session.code.toLowerCase())
    expect((await vote(session.code.toLowerCase(), token, 'a')).status).toBe(200)
  })

  it('refuses bad votes with clear problems: option E, no token, unknown code, old question', async () => {
    const session = await startLive(teacher, classId)
    const token = await joinDevice(session.code)
    const optionE = await vote(session.code, token, 'E')
    expect(optionE.status).toBe(400)
    expect(await optionE.json()).toMatchObject({
      detail: 'Option E is not one of A, B, C, D',
      errors: [{ field: 'label' }],
    })
    expect((await vote(session.code, 'made-up-token', 'A')).status).toBe(403)
    const unknown = await vote('ZZZZZZ', token, 'A')
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { detail: string }).detail).toContain('ZZZZZZ')
    expect((await vote('not-a-code', token, 'A')).status).toBe(400)
    expect((await vote(session.code, token, 'A', 1)).status).toBe(409)
  })

  it('reveals the distribution, closes voting and writes one tally with the item revision', async () => {
    const klass = await newClass(teacher, '9Z3', 9)
    const session = await startLive(teacher, klass)
    const tokens = await Promise.all([1, 2, 3, 4].map(() => joinDevice(session.code)))
    await Promise.all(tokens.map((t, i) => vote(session.code, t, i < 3 ? 'B' : 'A')))
    const revealed = await send(teacher, 'POST', `/api/live-sessions/${session.id}/reveal`)
    expect(revealed.status).toBe(200)
    expect(((await revealed.json()) as { state: object }).state).toMatchObject({
      revealed: true,
      status: 'closed',
      counts: { A: 1, B: 3, C: 0, D: 0 },
    })
    const late = await vote(session.code, tokens[0]!, 'C')
    expect(late.status).toBe(409)
    expect(((await late.json()) as { detail: string }).detail).toBe(
      'Voting on this question has closed',
    )
    // Revealing twice writes nothing more.
    await send(teacher, 'POST', `/api/live-sessions/${session.id}/reveal`)
    const rows = await tallyRows(teacher, klass)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      itemId: ITEM,
      itemRevision: 1,
      sessionId: session.id,
      source: 'live',
      year: 9,
      pupilsAnswering: 4,
      counts: { A: 1, B: 3, C: 0, D: 0 },
    })
  })

  it('moving on closes and tallies the question left; pupils can then vote on the next one', async () => {
    const klass = await newClass(teacher, '5A', 5)
    const session = await startLive(teacher, klass)
    const token = await joinDevice(session.code)
    await vote(session.code, token, 'C')
    const next = await send(teacher, 'PUT', `/api/live-sessions/${session.id}/position`, {
      position: 1,
    })
    expect(((await next.json()) as { state: object }).state).toMatchObject({
      position: 1,
      answered: 0,
      status: 'open',
    })
    expect((await vote(session.code, token, 'A', 1)).status).toBe(200)
    const back = await send(teacher, 'PUT', `/api/live-sessions/${session.id}/position`, {
      position: 0,
    })
    expect(((await back.json()) as { state: object }).state).toMatchObject({
      position: 0,
      status: 'closed',
      answered: 1,
    })
    const outside = await send(teacher, 'PUT', `/api/live-sessions/${session.id}/position`, {
      position: 2,
    })
    expect(outside.status).toBe(400)
    const ended = await send(teacher, 'POST', `/api/live-sessions/${session.id}/end`)
    expect(((await ended.json()) as { endedAt: string | null }).endedAt).not.toBeNull()
    expect((await vote(session.code, token, 'B')).status).toBe(409)
    const rows = await tallyRows(teacher, klass)
    expect(rows.map((r) => [r.itemId, r.counts])).toEqual(
      expect.arrayContaining([
        [ITEM, { A: 0, B: 0, C: 1, D: 0 }],
        [SQUARE, expect.objectContaining({ A: 1 })],
      ]),
    )
    expect(rows).toHaveLength(2)
  })

  it('records typed hands-up counts for the current question as the same kind of tally', async () => {
    const klass = await newClass(teacher, '6B', 6)
    const session = await startLive(teacher, klass, [ITEM])
    const bad = await send(teacher, 'POST', `/api/live-sessions/${session.id}/counts`, {
      counts: { A: 3, E: 1 },
    })
    expect(bad.status).toBe(400)
    const res = await send(teacher, 'POST', `/api/live-sessions/${session.id}/counts`, {
      counts: { A: 12, B: 9, C: 4, D: 2 },
    })
    expect(res.status).toBe(200)
    const [row] = await tallyRows(teacher, klass)
    expect(row).toMatchObject({ source: 'typed', pupilsAnswering: 27 })
  })

  it('loses no vote when the object is evicted mid-question', async () => {
    const klass = await newClass(teacher, '8R', 8)
    const session = await startLive(teacher, klass)
    const tokens = await Promise.all([1, 2, 3].map(() => joinDevice(session.code)))
    await vote(session.code, tokens[0]!, 'A')
    await vote(session.code, tokens[1]!, 'B')
    const stub = stubFor(session.id)
    await evictDurableObject(stub)
    // A fresh instance rebuilds the count from storage, and keeps taking votes.
    await vote(session.code, tokens[2]!, 'B')
    const stored = await runInDurableObject(stub, (_, state) =>
      state.storage.list({ prefix: 'vote:0:' }),
    )
    expect(stored.size).toBe(3)
    await send(teacher, 'POST', `/api/live-sessions/${session.id}/reveal`)
    const [row] = await tallyRows(teacher, klass)
    expect(row?.counts).toEqual({ A: 1, B: 2, C: 0, D: 0 })
  })
})

describe('WebSockets', () => {
  it('shows the teacher each vote as a count, then the distribution on reveal; pupils follow', async () => {
    const session = await startLive(teacher, classId)
    const token = await joinDevice(session.code)
    const teacherWs = await openSocket(`/api/live-sessions/${session.id}/socket`, teacher.cookie)
    const pupilWs = await openSocket(`/api/live/${session.code}/socket?token=${token}`)
    await teacherWs.next((m) => m.type === 'state')
    await pupilWs.next((m) => m.type === 'state')
    pupilWs.ws.send(JSON.stringify({ type: 'vote', label: 'B', position: 0 }))
    expect(await pupilWs.next((m) => m.type === 'voted')).toMatchObject({ label: 'B' })
    const answered = await teacherWs.next((m) => m.type === 'answered' && m.answered === 1)
    expect(answered).not.toHaveProperty('counts')
    pupilWs.ws.send(JSON.stringify({ type: 'vote', label: 'E' }))
    expect(await pupilWs.next((m) => m.type === 'error')).toMatchObject({ status: 400 })
    await send(teacher, 'POST', `/api/live-sessions/${session.id}/reveal`)
    expect(await teacherWs.next((m) => m.type === 'revealed')).toMatchObject({
      counts: { A: 0, B: 1, C: 0, D: 0 },
    })
    expect(await pupilWs.next((m) => m.type === 'revealed')).not.toHaveProperty('counts')
    await send(teacher, 'PUT', `/api/live-sessions/${session.id}/position`, { position: 1 })
    expect(await pupilWs.next((m) => m.type === 'question')).toMatchObject({
      position: 1,
      itemId: SQUARE,
    })
    teacherWs.ws.close()
    pupilWs.ws.close()
  })

  it('lets only the session’s teacher open the teacher socket, and only joined devices vote', async () => {
    const session = await startLive(teacher, classId)
    const outsider = await send(other, 'GET', `/api/live-sessions/${session.id}/socket`)
    expect(outsider.status).toBe(404)
    const notUpgrade = await send(teacher, 'GET', `/api/live-sessions/${session.id}/socket`)
    expect(notUpgrade.status).toBe(426)
    const { call } = await import('./helpers.ts')
    const stranger = await call(`/api/live/${session.code}/socket?token=forged`, {
      headers: { upgrade: 'websocket' },
    })
    expect(stranger.status).toBe(403)
  })
})
