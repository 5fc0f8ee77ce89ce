/** Small builders for the class-evidence tests: a class, a live session, a joined device. */
import { expect } from 'vitest'
import { call, send, type TestUser } from './helpers.ts'

export const ITEM = 'perimeter-of-a-3-by-5-rectangle'
export const SQUARE = 'perimeter-of-a-4-by-4-square'

export async function newClass(teacher: TestUser, label = '8X2', year = 8): Promise<string> {
  const res = await send(teacher, 'POST', '/api/classes', { label, year })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

export interface Started {
  id: string
  code: string
  joinUrl: string
  state: { position: number; answered: number; counts: Record<string, number> | null }
}

export async function startLive(teacher: TestUser, classId: string, itemIds = [ITEM, SQUARE]) {
  const res = await send(teacher, 'POST', '/api/live-sessions', { classId, itemIds })
  expect(res.status).toBe(201)
  return (await res.json()) as Started
}

/** A pupil's device joining with the code: an anonymous token, nothing else. */
export async function joinDevice(code: string): Promise<string> {
  const res = await send(null, 'POST', `/api/live/${code}/join`)
  expect(res.status).toBe(201)
  return ((await res.json()) as { token: string }).token
}

export const vote = (code: string, token: string, label: string, position?: number) =>
  send(null, 'POST', `/api/live/${code}/votes`, { token, label, position })

export async function teacherState(teacher: TestUser, sessionId: string) {
  const res = await send(teacher, 'GET', `/api/live-sessions/${sessionId}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as Started).state as Started['state'] & {
    connected: number
    status: string
    revealed: boolean
    ended: boolean
  }
}

/** Opens a WebSocket through the Worker, as a browser would, and collects what it receives. */
export async function openSocket(path: string, cookie?: string) {
  const headers: Record<string, string> = { upgrade: 'websocket' }
  if (cookie) headers.cookie = cookie
  const res = await call(path, { headers })
  expect(res.status).toBe(101)
  const ws = res.webSocket
  if (!ws) throw new Error('no WebSocket in the response')
  ws.accept()
  const received: Record<string, unknown>[] = []
  const waiters: { test: (m: Record<string, unknown>) => boolean; done: () => void }[] = []
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as Record<string, unknown>
    received.push(message)
    for (const w of waiters.filter((w) => w.test(message))) w.done()
  })
  /** Resolves with the first message (already received or yet to come) that passes `test`. */
  const next = (test: (m: Record<string, unknown>) => boolean, timeoutMs = 3000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const already = received.find(test)
      if (already) return resolve(already)
      const timer = setTimeout(
        () => reject(new Error(`no matching message: ${JSON.stringify(received)}`)),
        timeoutMs,
      )
      waiters.push({
        test,
        done: () => {
          clearTimeout(timer)
          resolve(received.find(test)!)
        },
      })
    })
  return { ws, received, next }
}

export async function tallyRows(teacher: TestUser, classId: string) {
  const res = await send(teacher, 'GET', `/api/tallies?classId=${classId}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { data: Record<string, any>[] }).data
}
