/**
 * Live session routes. Teachers (the class's own teacher only) start and run a session; pupils
 * join with its code, anonymously, and vote. Each session is a Durable Object; these routes
 * check who is asking and pass the rest on to it.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { commonErrors, notFoundError, problem } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'
import { MAX_LIVE_QUESTIONS } from './live.queries.ts'

const SessionParams = z.object({ sessionId: z.string().min(1).max(40) })
const CodeParams = z.object({
  code: z
    .string()
    .max(6)
    .regex(/^[A-Za-z2-9]{6}$/, 'a join code is six letters and digits')
    .openapi({ description: 'The six-character join code (any case)' }),
})
const Label = z.string().regex(/^[A-Z]$/, 'an option letter, A–E')
const errors = { ...notFoundError, ...signedInErrors } as const
const gone = { 409: problem('The session has ended, moved on, or the question has closed') }

const QuestionState = {
  sessionId: z.string(),
  position: z.number().int().openapi({ description: '0-based position of the current question' }),
  total: z.number().int(),
  itemId: z.string(),
  labels: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  revealed: z.boolean(),
  answered: z.number().int().openapi({ description: 'Devices (or typed pupils) that answered' }),
  connected: z.number().int().openapi({ description: 'Pupil screens connected now' }),
  ended: z.boolean(),
}

export const TeacherStateSchema = z
  .object({
    ...QuestionState,
    counts: z
      .record(z.string(), z.number().int())
      .nullable()
      .openapi({ description: 'Per option; null until the teacher reveals the question' }),
  })
  .openapi('LiveTeacherState')

const PupilStateSchema = z
  .object({ ...QuestionState, myVote: z.string().nullable() })
  .openapi('LivePupilState')

export const LiveSessionSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    joinUrl: z.string(),
    classId: z.string(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    state: TeacherStateSchema,
  })
  .openapi('LiveSession')

const sessionResponse = { 200: jsonResponse('The session', LiveSessionSchema), ...errors }

export const startSession = createRoute({
  method: 'post',
  path: '/api/live-sessions',
  tags: ['Live sessions'],
  summary: 'Start a live session for one of your classes, from items or a published set version',
  request: {
    body: jsonBody(
      z
        .strictObject({
          classId: z.string().min(1).max(40),
          itemIds: z.array(z.string().min(1).max(80)).min(1).max(MAX_LIVE_QUESTIONS).optional(),
          set: z
            .strictObject({ setId: z.string().min(1).max(40), version: z.number().int().min(1) })
            .optional(),
        })
        .refine((b) => (b.itemIds ? 1 : 0) + (b.set ? 1 : 0) === 1, {
          message: 'give either itemIds or set',
          path: ['itemIds'],
        }),
    ),
  },
  responses: { 201: jsonResponse('Started', LiveSessionSchema), ...errors },
})

export const getSession = createRoute({
  method: 'get',
  path: '/api/live-sessions/{sessionId}',
  tags: ['Live sessions'],
  summary: 'The session as its teacher sees it (the polling fallback for the teacher’s screen)',
  request: { params: SessionParams },
  responses: sessionResponse,
})

export const revealQuestion = createRoute({
  method: 'post',
  path: '/api/live-sessions/{sessionId}/reveal',
  tags: ['Live sessions'],
  summary: 'Close voting on the current question, record its tally and show the distribution',
  request: { params: SessionParams },
  responses: { ...sessionResponse, ...gone, 503: problem('The tally could not be saved yet') },
})

export const moveTo = createRoute({
  method: 'put',
  path: '/api/live-sessions/{sessionId}/position',
  tags: ['Live sessions'],
  summary: 'Go to another question (previous, next); pupils’ screens follow',
  request: {
    params: SessionParams,
    body: jsonBody(z.strictObject({ position: z.number().int().min(0) })),
  },
  responses: { ...sessionResponse, ...gone, 503: problem('The tally could not be saved yet') },
})

export const typeCounts = createRoute({
  method: 'post',
  path: '/api/live-sessions/{sessionId}/counts',
  tags: ['Live sessions'],
  summary: 'Record hands-up or whiteboard counts for the current question (closes and reveals it)',
  request: {
    params: SessionParams,
    body: jsonBody(z.strictObject({ counts: z.record(Label, z.number().int().min(0).max(1000)) })),
  },
  responses: { ...sessionResponse, ...gone, 503: problem('The tally could not be saved yet') },
})

export const endSession = createRoute({
  method: 'post',
  path: '/api/live-sessions/{sessionId}/end',
  tags: ['Live sessions'],
  summary: 'End the session (the current question is tallied); pupils’ screens say so',
  request: { params: SessionParams },
  responses: { ...sessionResponse, 503: problem('The tally could not be saved yet') },
})

export const teacherSocket = createRoute({
  method: 'get',
  path: '/api/live-sessions/{sessionId}/socket',
  tags: ['Live sessions'],
  summary: 'WebSocket for the teacher’s screen: "answered" counts live, "revealed", "question"',
  request: { params: SessionParams },
  responses: {
    101: { description: 'Switching to a WebSocket' },
    426: problem('Not a WebSocket upgrade'),
    ...errors,
  },
})

export const joinQr = createRoute({
  method: 'get',
  path: '/api/live-sessions/{sessionId}/qr',
  tags: ['Live sessions'],
  summary: 'The join link as a QR code (SVG)',
  request: { params: SessionParams },
  responses: {
    200: { description: 'SVG', content: { 'image/svg+xml': { schema: z.string() } } },
    ...errors,
  },
})

export const pupilState = createRoute({
  method: 'get',
  path: '/api/live/{code}',
  tags: ['Live voting (pupils)'],
  summary: 'The current question of a session, as pupils see it (no distribution before reveal)',
  request: {
    params: CodeParams,
    query: z.object({ token: z.string().max(64).optional() }),
  },
  responses: {
    200: jsonResponse('The current question', PupilStateSchema),
    ...notFoundError,
    ...commonErrors,
  },
})

export const joinSession = createRoute({
  method: 'post',
  path: '/api/live/{code}/join',
  tags: ['Live voting (pupils)'],
  summary: 'Join as an anonymous device: a token that votes in this session only',
  request: { params: CodeParams },
  responses: {
    201: jsonResponse('Joined', z.object({ token: z.string(), state: PupilStateSchema })),
    ...notFoundError,
    ...gone,
    ...commonErrors,
  },
})

export const castVote = createRoute({
  method: 'post',
  path: '/api/live/{code}/votes',
  tags: ['Live voting (pupils)'],
  summary: 'Vote (or change a vote) on the current question: one vote per device',
  request: {
    params: CodeParams,
    body: jsonBody(
      z.strictObject({
        token: z.string().min(1).max(64),
        label: z.string().min(1).max(2),
        position: z.number().int().min(0).optional().openapi({
          description: 'The question the pupil is looking at; a vote for an older one is refused',
        }),
      }),
    ),
  },
  responses: {
    200: jsonResponse(
      'Counted',
      z.object({
        position: z.number().int(),
        label: z.string(),
        answered: z.number().int().openapi({ description: 'Devices that have answered so far' }),
      }),
    ),
    403: problem('This device has not joined the session'),
    ...notFoundError,
    ...gone,
    ...commonErrors,
  },
})

export const pupilSocket = createRoute({
  method: 'get',
  path: '/api/live/{code}/socket',
  tags: ['Live voting (pupils)'],
  summary: 'WebSocket for a pupil’s screen: send {"type":"vote","label":"B"}; follows the teacher',
  request: { params: CodeParams, query: z.object({ token: z.string().max(64).optional() }) },
  responses: {
    101: { description: 'Switching to a WebSocket' },
    403: problem('This device has not joined the session'),
    426: problem('Not a WebSocket upgrade'),
    ...notFoundError,
    ...commonErrors,
  },
})
