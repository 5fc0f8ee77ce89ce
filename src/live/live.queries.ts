/**
 * Live sessions in D1: the join code that finds a session, the class and teacher it belongs to,
 * and the questions it pins (item and revision). Votes are not here: they live in the session's
 * Durable Object until each question closes and leaves its tally.
 */
import { and, eq, isNull } from 'drizzle-orm'
import { newId } from '../accounts/secrets.ts'
import { liveSessions, type LiveQuestion, type LiveSource } from '../db/schema.ts'
import { currentRevision } from '../evidence/tallies.queries.ts'
import type { Db } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { getVersion } from '../sets/sets.queries.ts'

/** Letters and digits that cannot be misread on a projector (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const CODE_PATTERN = /^[A-HJKMNP-Z2-9]{6}$/

export function newJoinCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6))
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
}

/** What a teacher typed (any case, spaces) as a code, or null if it cannot be one. */
export function normalizeCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase()
  return CODE_PATTERN.test(code) ? code : null
}

export const MAX_LIVE_QUESTIONS = 50

/** The questions to show: published items pinned at their current revision, or a set version. */
export async function resolveQuestions(
  db: Db,
  from: { itemIds?: string[]; set?: { setId: string; version: number } },
): Promise<{ questions: LiveQuestion[]; source: LiveSource }> {
  if (from.set) {
    const version = await getVersion(db, from.set.setId, from.set.version)
    if (!version) throw notFound('That published set version')
    return {
      questions: version.entries.map((e) => ({
        itemId: e.itemId,
        revision: e.revision,
        labels: e.item.options.map((o) => o.label),
      })),
      source: { kind: 'set', setId: from.set.setId, version: from.set.version },
    }
  }
  const ids = from.itemIds ?? []
  const questions = []
  for (const [i, id] of ids.entries()) {
    const { itemId, revision, labels } = await currentRevision(db, id, `itemIds.${i}`)
    questions.push({ itemId, revision, labels })
  }
  return { questions, source: { kind: ids.length === 1 ? 'item' : 'items' } }
}

export async function createLiveSession(
  db: Db,
  input: { teacherId: string; classId: string; questions: LiveQuestion[]; source: LiveSource },
) {
  const id = newId()
  // A clash among live codes is rare (31^6 codes); try again with a fresh one if it happens.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newJoinCode()
    const inserted = await db
      .insert(liveSessions)
      .values({ id, code, ...input, startedAt: new Date().toISOString() })
      .onConflictDoNothing()
      .returning({ id: liveSessions.id })
    if (inserted.length > 0) return { id, code }
  }
  throw new ApiError(409, 'Could not find a free join code; try again')
}

export async function getSessionByCode(db: Db, code: string) {
  const [row] = await db.select().from(liveSessions).where(eq(liveSessions.code, code))
  return row ?? null
}

/** The teacher's own session, or 404 for anyone else (sessions are private to their teacher). */
export async function requireOwnSession(db: Db, sessionId: string, teacherId: string) {
  const [row] = await db
    .select()
    .from(liveSessions)
    .where(and(eq(liveSessions.id, sessionId), eq(liveSessions.teacherId, teacherId)))
  if (!row) throw notFound('That live session')
  return row
}

export async function markEnded(db: Db, sessionId: string) {
  await db
    .update(liveSessions)
    .set({ endedAt: new Date().toISOString() })
    .where(and(eq(liveSessions.id, sessionId), isNull(liveSessions.endedAt)))
}
