/**
 * Live pages for pupils, with no account: /live (type the code) and /live/{code} (the question,
 * A/B/C/D as buttons); a plain form POST votes when there is no socket (public/live.js adds it).
 */
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { normalizeCode } from '../live/live.queries.ts'
import {
  pupilCookie,
  sessionForCode,
  sessionStub,
  setPupilCookie,
  unwrap,
} from '../live/live.service.ts'
import { getItem } from '../items/items.queries.ts'
import { formValues } from './forms.ts'
import { Html, Layout } from './layout.tsx'

export const livePupilPages = new Hono<AppEnv>()

livePupilPages.get('/live', (c) => {
  const typed = c.req.query('code')
  const code = typed === undefined ? null : normalizeCode(typed)
  if (code) return c.redirect(`/live/${code}`, 303)
  return c.html(
    <Layout title="Join a live check" user={c.get('user')} bodyClass="classroom" maths={false}>
      <h1>Join your class’s live check</h1>
      <form method="get" action="/live" class="card join-form">
        {typed !== undefined && (
          <p role="alert" class="error">
            That is not a join code: it has six letters and numbers, like K7QF2M.
          </p>
        )}
        <label for="join-code">Code on the board</label>
        <input
          id="join-code"
          name="code"
          type="text"
          autocomplete="off"
          autocapitalize="characters"
          maxlength={12}
          required
          value={typed ?? ''}
        />
        <button type="submit">Join</button>
      </form>
      <p class="muted">No account and no name needed: your answer is anonymous.</p>
    </Layout>,
  )
})

async function pupilPage(
  c: Context<AppEnv>,
  error?: { status: 400 | 403 | 404 | 409; detail: string },
) {
  const db = getDb(c.env.DB)
  const row = await sessionForCode(db, c.req.param('code') ?? '')
  const stub = sessionStub(c.env, row.id)
  let token = pupilCookie(c, row.code)
  let state = unwrap(await stub.pupilState(token ?? null))
  if (!token && !state.ended) {
    token = unwrap(await stub.join()).token
    setPupilCookie(c, row.code, token)
    state = unwrap(await stub.pupilState(token))
  }
  const item = state.ended ? null : await getItem(db, state.itemId)
  c.header('cache-control', 'no-store')
  return c.html(
    <Layout title="Live check" user={null} bodyClass="classroom">
      <div id="live-pupil" data-code={row.code} data-position={String(state.position)}>
        {state.ended ? (
          <>
            <h1>This live check has ended</h1>
            <p>Thank you for answering.</p>
          </>
        ) : (
          item && (
            <>
              <p class="muted">
                Question {state.position + 1} of {state.total}
              </p>
              <h1 class="visually-hidden">Question {state.position + 1}</h1>
              <Html class="stem" html={item.stem.html} />
              {item.diagramSvg && <Html class="diagram" html={item.diagramSvg} />}
              {error && (
                <p role="alert" class="error">
                  {error.detail}
                </p>
              )}
              <form method="post" action={`/live/${row.code}/vote`} class="vote-form">
                <input type="hidden" name="position" value={String(state.position)} />
                <ol class="options" aria-label="Choose your answer">
                  {item.options.map((o) => (
                    <li>
                      <button
                        type="submit"
                        name="label"
                        value={o.label}
                        class="vote secondary"
                        aria-pressed={state.myVote === o.label ? 'true' : 'false'}
                        disabled={state.status === 'closed'}
                      >
                        <span class="letter">{o.label}</span> <Html tag="span" html={o.text.html} />
                      </button>
                    </li>
                  ))}
                </ol>
              </form>
              <p id="live-status" role="status">
                {state.status === 'closed'
                  ? 'Voting on this question has closed. Wait for the next one.'
                  : state.myVote
                    ? `Your answer: ${state.myVote}. You can change it until your teacher reveals the answers.`
                    : 'Tap your answer.'}
              </p>
            </>
          )
        )}
      </div>
      <script src="/live.js" defer />
    </Layout>,
    error?.status ?? 200,
  )
}

livePupilPages.get('/live/:code', (c) => pupilPage(c))

livePupilPages.post('/live/:code/vote', async (c) => {
  const db = getDb(c.env.DB)
  const row = await sessionForCode(db, c.req.param('code'))
  const token = pupilCookie(c, row.code)
  const { label = '', position } = await formValues(c)
  if (!token)
    return pupilPage(c, {
      status: 403,
      detail: 'Your device joined again: choose your answer once more.',
    })
  const result = await sessionStub(c.env, row.id).vote(
    token,
    label.toUpperCase(),
    position === undefined ? undefined : Number(position),
  )
  if (!result.ok)
    return pupilPage(c, {
      status: result.status === 503 ? 409 : result.status,
      detail: result.detail,
    })
  return c.redirect(`/live/${row.code}`, 303)
})
