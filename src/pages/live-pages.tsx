/**
 * Live pages for the teacher: start a session from an item or a set version, and run it in
 * classroom mode at /live/sessions/{id}: join code and QR, "n answered" live, reveal,
 * previous/next, typed counts, end. public/live.js adds the WebSockets (and polling when a socket
 * drops); every control also works as a plain form. The pupils' pages are in live-pupil-pages.tsx.
 */
import { Hono } from 'hono'
import { currentUser, type CurrentUser, type AppEnv } from '../lib/context.ts'
import { listClasses } from '../classes/classes.queries.ts'
import { getItem } from '../items/items.queries.ts'
import { type Db, getDb } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { markEnded, requireOwnSession } from '../live/live.queries.ts'
import { joinQrSvg } from '../live/qr.ts'
import { sessionStub, startSession, teacherView, unwrap } from '../live/live.service.ts'
import { Distribution } from './evidence-views.tsx'
import { formValues } from './forms.ts'
import { Html, Layout } from './layout.tsx'

export const livePages = new Hono<AppEnv>()

/** "Run a live check": pick one of your classes; the questions come from the page it is on. */
export async function LiveStartForm(props: {
  db: Db
  user: CurrentUser | null
  itemIds?: string[]
  set?: { setId: string; version: number }
}) {
  const { db, user } = props
  if (!user) return null
  const classes = await listClasses(db, user.id)
  return (
    <form method="post" action="/live/sessions" class="card no-print live-start">
      <h2>Run a live check</h2>
      {classes.length === 0 ? (
        <p>
          <a href="/classes">Add a class</a> first (a label and a year group; never pupils’ names).
        </p>
      ) : (
        <>
          {props.itemIds && <input type="hidden" name="itemIds" value={props.itemIds.join(',')} />}
          {props.set && (
            <>
              <input type="hidden" name="setId" value={props.set.setId} />
              <input type="hidden" name="version" value={String(props.set.version)} />
            </>
          )}
          <label for="live-class">Class</label>
          <select id="live-class" name="classId">
            {classes.map((k) => (
              <option value={k.id}>
                {k.label} (Year {k.year})
              </option>
            ))}
          </select>
          <p class="muted">Pupils join on their own devices with a code; no accounts, no names.</p>
          <p>
            <button type="submit">Start live session</button>
          </p>
        </>
      )}
    </form>
  )
}

livePages.post('/live/sessions', async (c) => {
  const user = currentUser(c)
  const { classId = '', itemIds = '', setId, version } = await formValues(c)
  const id = await startSession(
    c,
    user.id,
    setId
      ? { classId, set: { setId, version: Number(version) || 1 } }
      : { classId, itemIds: itemIds.split(',').filter(Boolean).slice(0, 50) },
  )
  return c.redirect(`/live/sessions/${id}`, 303)
})

livePages.get('/live/sessions/:id', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const session = await teacherView(c, db, c.req.param('id'), user.id)
  const { state } = session
  const item = await getItem(db, state.itemId)
  c.header('cache-control', 'no-store')
  const base = `/live/sessions/${session.id}`
  return c.html(
    <Layout title={`Live: ${item?.construct ?? 'session'}`} user={user} bodyClass="classroom">
      <div
        id="live-teacher"
        data-session={session.id}
        data-position={String(state.position)}
        data-revealed={String(state.revealed)}
        data-ended={String(state.ended)}
      >
        <div class="live-join">
          <div>
            <p class="muted">Join at</p>
            <p class="join-url">
              {session.joinUrl.replace(/^https?:\/\//, '').replace(/\/live\/.*/, '/live')}
            </p>
            <p class="muted">with the code</p>
            <p class="join-code" aria-label={`Join code ${session.code.split('').join(' ')}`}>
              {session.code}
            </p>
          </div>
          <Html class="qr" html={joinQrSvg(session.joinUrl)} />
        </div>
        <p class="muted">
          Question {state.position + 1} of {state.total}
          {state.ended && ' · this session has ended'}
        </p>
        {item && (
          <>
            <h1 class="visually-hidden">{item.construct}</h1>
            <Html class="stem" html={item.stem.html} />
            {item.diagramSvg && <Html class="diagram" html={item.diagramSvg} />}
          </>
        )}
        <p class="live-count" id="live-count" aria-live="polite">
          {state.answered} answered · {state.connected} connected
        </p>
        {state.revealed && state.counts && item ? (
          <Distribution
            id="live-chart"
            title={`How the class answered question ${state.position + 1}`}
            pupils={state.answered}
            options={item.options.map((o) => ({
              label: o.label,
              textHtml: o.text.html,
              correct: o.correct,
              misconceptions: o.misconceptions,
              chose: state.counts?.[o.label] ?? 0,
            }))}
          />
        ) : (
          item && (
            <ol class="options" aria-label="Options">
              {item.options.map((o) => (
                <li>
                  <span class="letter">{o.label}</span>
                  <Html tag="span" html={o.text.html} />
                </li>
              ))}
            </ol>
          )
        )}
        {!state.ended && (
          <div class="controls no-print">
            {!state.revealed && (
              <form method="post" action={`${base}/reveal`} class="inline">
                <button type="submit" data-live="reveal">
                  Reveal answers
                </button>
              </form>
            )}
            {state.position > 0 && (
              <form method="post" action={`${base}/previous`} class="inline">
                <button type="submit" class="secondary" data-live="previous">
                  Previous
                </button>
              </form>
            )}
            {state.position + 1 < state.total && (
              <form method="post" action={`${base}/next`} class="inline">
                <button type="submit" data-live="next">
                  Next question
                </button>
              </form>
            )}
            <form method="post" action={`${base}/end`} class="inline">
              <button type="submit" class="secondary" data-live="end">
                End session
              </button>
            </form>
            <span class="muted">Keys: R reveals · N or → next · P or ← previous</span>
          </div>
        )}
        {!state.ended && state.status === 'open' && (
          <details class="card no-print">
            <summary>No devices? Type the hands-up counts</summary>
            <form method="post" action={`${base}/counts`}>
              <div class="count-fields">
                {state.labels.map((label) => (
                  <label>
                    {label}{' '}
                    <input
                      type="number"
                      name={`count_${label}`}
                      min="0"
                      max="1000"
                      inputmode="numeric"
                    />
                  </label>
                ))}
              </div>
              <button type="submit">Record counts and reveal</button>
            </form>
          </details>
        )}
        {state.ended && (
          <p>
            <a class="button" href={`/classes/${session.classId}`}>
              See this class’s tallies
            </a>
          </p>
        )}
      </div>
      <script src="/live.js" defer />
    </Layout>,
  )
})

/** Teacher controls as plain form posts: the same calls the API makes, then back to the page. */
livePages.post('/live/sessions/:id/:action{reveal|next|previous|end|counts}', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const row = await requireOwnSession(db, c.req.param('id'), user.id)
  const stub = sessionStub(c.env, row.id)
  const action = c.req.param('action')
  const position = unwrap(await stub.teacherState()).position
  if (action === 'reveal') unwrap(await stub.reveal())
  else if (action === 'next') unwrap(await stub.go(position + 1))
  else if (action === 'previous') unwrap(await stub.go(position - 1))
  else if (action === 'end') {
    unwrap(await stub.end())
    await markEnded(db, row.id)
  } else {
    const form = await formValues(c)
    const counts: Record<string, number> = {}
    for (const [key, value] of Object.entries(form)) {
      const label = /^count_([A-E])$/.exec(key)?.[1]
      if (label && value.trim() !== '') {
        const n = Number(value)
        if (!Number.isInteger(n) || n < 0 || n > 1000)
          throw new ApiError(400, `The count for ${label} must be a whole number from 0 to 1000`)
        counts[label] = n
      }
    }
    unwrap(await stub.typedCounts(counts))
  }
  return c.redirect(`/live/sessions/${row.id}`, 303)
})
