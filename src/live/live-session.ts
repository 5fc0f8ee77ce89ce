/**
 * One Durable Object per live session. It holds the session's votes in its own storage (so a
 * restart or an eviction mid-question loses none), talks to the teacher's and the pupils' screens
 * over hibernatable WebSockets, and writes one tally to D1 whenever a question closes.
 *
 * Pupils are anonymous: a device joins and gets a random token that means something only inside
 * this session. One vote per token per question; voting again replaces it. The distribution is
 * sent to nobody until the teacher reveals it, so pupils cannot follow the crowd.
 *
 * The state's types are in live-state.ts; what travels over the sockets is in live-socket.ts.
 */
import { DurableObject } from 'cloudflare:workers'
import { getDb } from '../lib/db.ts'
import { writeTally } from '../evidence/tallies.queries.ts'
import {
  acceptSocket,
  answerSocketMessage,
  broadcast,
  closeSocket,
  type SocketSession,
} from './live-socket.ts'
import {
  fail,
  type LiveFailure,
  type LiveResult,
  type Progress,
  type PupilState,
  type QuestionState,
  type SessionMeta,
  type TeacherState,
  voteKey,
} from './live-state.ts'

export class LiveSession extends DurableObject<Env> {
  private meta: SessionMeta | undefined
  private progress: Progress = { position: 0, closed: [], revealed: [], typed: {}, ended: false }
  /** Votes on the current question, token → label; rebuilt from storage after any restart. */
  private votes = new Map<string, string>()

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    // Pings are answered without waking the object, so idle sockets stay hibernated.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'))
    ctx.blockConcurrencyWhile(async () => {
      this.meta = await ctx.storage.get<SessionMeta>('meta')
      this.progress = (await ctx.storage.get<Progress>('progress')) ?? this.progress
      if (this.meta) await this.loadVotes()
    })
  }

  private async loadVotes() {
    const prefix = `vote:${this.progress.position}:`
    const stored = await this.ctx.storage.list<string>({ prefix })
    this.votes = new Map([...stored].map(([key, label]) => [key.slice(prefix.length), label]))
  }

  /** Called once by the Worker right after it records the session in D1. */
  async init(meta: SessionMeta): Promise<void> {
    if (this.meta) return
    this.meta = meta
    await this.ctx.storage.put({ meta, progress: this.progress })
  }

  private get question() {
    return this.meta?.questions[this.progress.position]
  }

  private counts(): Record<string, number> {
    const question = this.question
    if (!question) return {}
    const typed = this.progress.typed[this.progress.position]
    if (typed) return typed
    const counts = Object.fromEntries(question.labels.map((l) => [l, 0]))
    for (const label of this.votes.values()) counts[label] = (counts[label] ?? 0) + 1
    return counts
  }

  private baseState(): QuestionState {
    const { position, closed, revealed, ended } = this.progress
    const question = this.question
    const counts = this.counts()
    return {
      sessionId: this.meta?.sessionId ?? '',
      position,
      total: this.meta?.questions.length ?? 0,
      itemId: question?.itemId ?? '',
      labels: question?.labels ?? [],
      status: ended || closed.includes(position) ? 'closed' : 'open',
      revealed: revealed.includes(position),
      answered: Object.values(counts).reduce((a, b) => a + b, 0),
      connected: this.ctx.getWebSockets('pupil').length,
      ended,
    }
  }

  async teacherState(): Promise<LiveResult<TeacherState>> {
    if (!this.meta) return fail(404, 'That live session was not found')
    const state = this.baseState()
    return { ok: true, value: { ...state, counts: state.revealed ? this.counts() : null } }
  }

  async pupilState(token: string | null): Promise<LiveResult<PupilState>> {
    if (!this.meta) return fail(404, 'That live session was not found')
    return {
      ok: true,
      value: { ...this.baseState(), myVote: (token && this.votes.get(token)) || null },
    }
  }

  /** A device joins: it gets a token that lets it vote in this session and nowhere else. */
  async join(): Promise<LiveResult<{ token: string }>> {
    if (!this.meta) return fail(404, 'That live session was not found')
    if (this.progress.ended) return fail(409, 'This live session has ended')
    const bytes = crypto.getRandomValues(new Uint8Array(16))
    const token = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
    await this.ctx.storage.put(`token:${token}`, 1)
    return { ok: true, value: { token } }
  }

  async vote(
    token: string,
    label: string,
    position?: number,
  ): Promise<LiveResult<{ position: number; label: string; answered: number }>> {
    const question = this.question
    if (!this.meta || !question) return fail(404, 'That live session was not found')
    if (this.progress.ended) return fail(409, 'This live session has ended')
    if (!(await this.ctx.storage.get(`token:${token}`)))
      return fail(403, 'This device has not joined the session: open the join link again', 'token')
    if (position !== undefined && position !== this.progress.position)
      return fail(409, 'The teacher has moved to another question', 'position')
    if (this.progress.closed.includes(this.progress.position))
      return fail(409, 'Voting on this question has closed')
    if (!question.labels.includes(label))
      return fail(400, `Option ${label} is not one of ${question.labels.join(', ')}`, 'label')
    // Stored before it is counted or acknowledged: an acknowledged vote survives any restart.
    await this.ctx.storage.put(voteKey(this.progress.position, token), label)
    this.votes.set(token, label)
    this.broadcastAnswered()
    return {
      ok: true,
      value: { position: this.progress.position, label, answered: this.votes.size },
    }
  }

  private broadcastAnswered() {
    const { position, answered, connected } = this.baseState()
    this.send('teacher', { type: 'answered', position, answered, connected })
  }

  private send(tag: 'teacher' | 'pupil' | undefined, message: unknown) {
    broadcast(this.ctx, tag, message)
  }

  /**
   * Close the current question: write its tally to D1 (idempotent, keyed by session and
   * position), then mark it closed. If D1 fails the question stays open and nothing is lost.
   */
  private async closeCurrent(): Promise<LiveFailure | null> {
    const { position, closed } = this.progress
    const question = this.question
    if (!this.meta || !question || closed.includes(position)) return null
    const counts = this.counts()
    const answering = Object.values(counts).reduce((a, b) => a + b, 0)
    if (answering > 0) {
      try {
        await writeTally(getDb(this.env.DB), {
          id: `${this.meta.sessionId}-${position}`,
          teacherId: this.meta.teacherId,
          classId: this.meta.classId,
          year: this.meta.year,
          itemId: question.itemId,
          itemRevision: question.revision,
          sessionId: this.meta.sessionId,
          source: this.progress.typed[position] ? 'typed' : 'live',
          takenOn: new Date().toISOString().slice(0, 10),
          counts,
          pupilsAnswering: answering,
        })
      } catch (error) {
        console.error('writing a live tally failed:', error)
        return fail(503, 'The tally could not be saved just now; try again in a moment')
      }
    }
    this.progress = { ...this.progress, closed: [...closed, position] }
    await this.ctx.storage.put('progress', this.progress)
    return null
  }

  async reveal(): Promise<LiveResult<TeacherState>> {
    if (!this.meta) return fail(404, 'That live session was not found')
    if (this.progress.ended) return fail(409, 'This live session has ended')
    const failure = await this.closeCurrent()
    if (failure) return failure
    const { position, revealed } = this.progress
    if (!revealed.includes(position)) {
      this.progress = { ...this.progress, revealed: [...revealed, position] }
      await this.ctx.storage.put('progress', this.progress)
    }
    const state = await this.teacherState()
    if (state.ok) {
      this.send('teacher', { type: 'revealed', position, counts: state.value.counts })
      this.send('pupil', { type: 'revealed', position })
    }
    return state
  }

  /** Hands-up or whiteboard counts for the current question: the same record as device votes. */
  async typedCounts(counts: Record<string, number>): Promise<LiveResult<TeacherState>> {
    const question = this.question
    if (!this.meta || !question) return fail(404, 'That live session was not found')
    if (this.progress.ended) return fail(409, 'This live session has ended')
    if (this.progress.closed.includes(this.progress.position))
      return fail(409, 'This question has closed; its tally is already recorded')
    const unknown = Object.keys(counts).find((l) => !question.labels.includes(l))
    if (unknown)
      return fail(400, `Option ${unknown} is not one of ${question.labels.join(', ')}`, 'counts')
    const full = Object.fromEntries(question.labels.map((l) => [l, counts[l] ?? 0]))
    if (Object.values(full).every((n) => n === 0))
      return fail(400, 'Type at least one count', 'counts')
    this.progress = {
      ...this.progress,
      typed: { ...this.progress.typed, [this.progress.position]: full },
    }
    await this.ctx.storage.put('progress', this.progress)
    return this.reveal()
  }

  /** Move to another question; the one being left closes (and is tallied) if it was open. */
  async go(position: number): Promise<LiveResult<TeacherState>> {
    if (!this.meta) return fail(404, 'That live session was not found')
    if (this.progress.ended) return fail(409, 'This live session has ended')
    if (!Number.isInteger(position) || position < 0 || position >= this.meta.questions.length)
      return fail(
        400,
        `There are questions 1 to ${this.meta.questions.length} in this session`,
        'position',
      )
    if (position !== this.progress.position) {
      const failure = await this.closeCurrent()
      if (failure) return failure
      this.progress = { ...this.progress, position }
      await this.ctx.storage.put('progress', this.progress)
      await this.loadVotes()
      const question = this.question
      this.send(undefined, { type: 'question', position, itemId: question?.itemId })
    }
    return this.teacherState()
  }

  async end(): Promise<LiveResult<TeacherState>> {
    if (!this.meta) return fail(404, 'That live session was not found')
    if (!this.progress.ended) {
      const failure = await this.closeCurrent()
      if (failure) return failure
      this.progress = { ...this.progress, ended: true }
      await this.ctx.storage.put('progress', this.progress)
      this.send(undefined, { type: 'ended' })
      for (const ws of this.ctx.getWebSockets()) ws.close(1000, 'The session has ended')
    }
    return this.teacherState()
  }

  /** What the socket protocol (live-socket.ts) may ask of this session. */
  private readonly socketSession: SocketSession = {
    started: () => this.meta !== undefined,
    teacherState: () => this.teacherState(),
    pupilState: (token: string | null) => this.pupilState(token),
    vote: (token: string, label: string, position?: number) => this.vote(token, label, position),
    broadcastAnswered: () => this.broadcastAnswered(),
  }

  /** WebSocket upgrades, forwarded by the Worker once it has checked who is asking. */
  override async fetch(request: Request): Promise<Response> {
    return acceptSocket(this.ctx, this.socketSession, request)
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    await answerSocketMessage(this.socketSession, ws, message)
  }

  override async webSocketClose(ws: WebSocket, code: number) {
    closeSocket(ws, code)
    this.broadcastAnswered()
  }
}
