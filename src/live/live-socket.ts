/** A live session's WebSocket protocol: the upgrade, a pupil's vote message, replies, broadcasts. */
import type { LiveResult, PupilState, TeacherState } from './live-state.ts'

/** What the protocol asks of the session it serves (the Durable Object in live-session.ts). */
export interface SocketSession {
  /** The session has been given its questions (init has run). */
  started(): boolean
  teacherState(): Promise<LiveResult<TeacherState>>
  pupilState(token: string | null): Promise<LiveResult<PupilState>>
  vote(
    token: string,
    label: string,
    position?: number,
  ): Promise<LiveResult<{ position: number; label: string; answered: number }>>
  broadcastAnswered(): void
}

/** Send a message to every socket with the tag (teacher or pupil), or to every socket. */
export function broadcast(
  ctx: DurableObjectState,
  tag: 'teacher' | 'pupil' | undefined,
  message: unknown,
) {
  const text = JSON.stringify(message)
  for (const ws of ctx.getWebSockets(tag)) {
    try {
      ws.send(text)
    } catch {
      // A socket closing as we send: it will get a fresh state when it reconnects.
    }
  }
}

/**
 * A WebSocket upgrade, forwarded by the Worker once it has checked who is asking: it sets
 * `x-live-role` (teacher or pupil) and, for a pupil, `x-live-token`.
 */
export async function acceptSocket(
  ctx: DurableObjectState,
  session: SocketSession,
  request: Request,
): Promise<Response> {
  if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket')
    return new Response('Expected a WebSocket upgrade', { status: 426 })
  if (!session.started()) return new Response('No such session', { status: 404 })
  const role = request.headers.get('x-live-role') === 'teacher' ? 'teacher' : 'pupil'
  const token = request.headers.get('x-live-token')
  if (role === 'pupil' && !(token && (await ctx.storage.get(`token:${token}`))))
    return new Response('Join the session first', { status: 403 })
  const { 0: client, 1: server } = new WebSocketPair()
  ctx.acceptWebSocket(server, [role])
  server.serializeAttachment({ role, token })
  const state =
    role === 'teacher' ? await session.teacherState() : await session.pupilState(token ?? null)
  if (state.ok) server.send(JSON.stringify({ type: 'state', ...state.value }))
  if (role === 'pupil') session.broadcastAnswered()
  return new Response(null, { status: 101, webSocket: client })
}

/** A message from a socket: a pupil's vote is answered with `voted` or `error`; others are ignored. */
export async function answerSocketMessage(
  session: SocketSession,
  ws: WebSocket,
  message: string | ArrayBuffer,
) {
  const { role, token } = (ws.deserializeAttachment() ?? {}) as {
    role?: string
    token?: string
  }
  let parsed: { type?: unknown; label?: unknown; position?: unknown }
  try {
    parsed = JSON.parse(typeof message === 'string' ? message : new TextDecoder().decode(message))
  } catch {
    ws.send(JSON.stringify({ type: 'error', status: 400, detail: 'Messages are JSON' }))
    return
  }
  if (role === 'pupil' && token && parsed.type === 'vote') {
    const result = await session.vote(
      token,
      String(parsed.label ?? ''),
      typeof parsed.position === 'number' ? parsed.position : undefined,
    )
    ws.send(
      JSON.stringify(
        result.ok
          ? { type: 'voted', ...result.value }
          : { type: 'error', status: result.status, detail: result.detail },
      ),
    )
  }
}

/** Complete the closing handshake a client started (1005, "no status", cannot be sent back). */
export function closeSocket(ws: WebSocket, code: number) {
  try {
    ws.close(code === 1005 ? 1000 : code, 'closing')
  } catch {
    // already closed
  }
}
