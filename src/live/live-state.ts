/** A live session's state: what its Durable Object stores, what each screen is shown, results. */
import type { LiveQuestion } from '../db/schema.ts'

export interface SessionMeta {
  sessionId: string
  teacherId: string
  classId: string
  /** The class's year group when the session started. */
  year: number
  questions: LiveQuestion[]
}

export interface Progress {
  position: number
  /** Positions whose voting has closed (their tally is written). */
  closed: number[]
  revealed: number[]
  /** Counts typed by the teacher (hands up, whiteboards) instead of device votes. */
  typed: Record<number, Record<string, number>>
  ended: boolean
}

/** What went wrong, as an HTTP status and a sentence for the person who asked. */
export interface LiveFailure {
  ok: false
  status: 400 | 403 | 404 | 409 | 503
  detail: string
  field?: string
}
export type LiveResult<T> = { ok: true; value: T } | LiveFailure

export interface QuestionState {
  sessionId: string
  position: number
  total: number
  itemId: string
  labels: string[]
  status: 'open' | 'closed'
  revealed: boolean
  answered: number
  connected: number
  ended: boolean
}
export interface TeacherState extends QuestionState {
  /** Per option, only once the teacher has revealed the question. */
  counts: Record<string, number> | null
}
export interface PupilState extends QuestionState {
  myVote: string | null
}

export const fail = (
  status: LiveFailure['status'],
  detail: string,
  field?: string,
): LiveFailure => ({
  ok: false,
  status,
  detail,
  field,
})
export const voteKey = (position: number, token: string) => `vote:${position}:${token}`
