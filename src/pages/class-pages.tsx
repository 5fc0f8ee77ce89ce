/** A teacher's classes and their tallies, and counts typed in by hand. Plain forms over the evidence API's query functions. */
import { Hono } from 'hono'
import { currentUser, type AppEnv } from '../lib/context.ts'
import * as classes from '../classes/classes.queries.ts'
import * as tallies from '../evidence/tallies.queries.ts'
import { getDb } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { DataTable } from './charts.tsx'
import { formValues } from './forms.ts'
import { Layout } from './layout.tsx'

export const classPages = new Hono<AppEnv>()

const NO_NAMES = 'A label and a year group only: never pupils’ names.'

classPages.get('/classes', async (c) => {
  const user = currentUser(c)
  const rows = await classes.listClasses(getDb(c.env.DB), user.id)
  return c.html(
    <Layout title="My classes" user={user} maths={false}>
      <h1>My classes</h1>
      {rows.length === 0 && <p>No classes yet.</p>}
      <ul class="results">
        {rows.map((k) => (
          <li class="card">
            <a href={`/classes/${k.id}`}>{k.label}</a> <span class="muted">Year {k.year}</span>
            {k.school && <span class="muted"> · {k.school}</span>}
          </li>
        ))}
      </ul>
      <form method="post" action="/classes" class="card">
        <h2>Add a class</h2>
        <p class="muted">{NO_NAMES}</p>
        <label for="class-label">Label</label>
        <input id="class-label" name="label" required maxlength={40} placeholder="8X2" />
        <label for="class-year">Year group</label>
        <input id="class-year" name="year" type="number" min="1" max="13" required />
        <label for="class-school">School (optional)</label>
        <input id="class-school" name="school" maxlength={120} />
        <p>
          <button type="submit">Add class</button>
        </p>
      </form>
    </Layout>,
  )
})

classPages.post('/classes', async (c) => {
  const user = currentUser(c)
  const { label = '', year = '', school = '' } = await formValues(c)
  const y = Number(year)
  if (!label.trim() || label.trim().length > 40)
    throw new ApiError(400, 'Give the class a label of up to 40 characters')
  if (!Number.isInteger(y) || y < 1 || y > 13)
    throw new ApiError(400, 'The year group is a number from 1 to 13')
  const k = await classes.createClass(getDb(c.env.DB), user.id, {
    label: label.trim(),
    year: y,
    school: school.trim() || null,
  })
  return c.redirect(`/classes/${k.id}`, 303)
})

classPages.get('/classes/:id', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const k = await classes.requireOwnClass(db, c.req.param('id'), user.id)
  const rows = await tallies.listTallies(db, user.id, { classId: k.id })
  return c.html(
    <Layout title={k.label} user={user} maths={false}>
      <h1>
        {k.label} <span class="muted">Year {k.year}</span>
      </h1>
      <p>
        <a href={`/api/classes/${k.id}/export`}>Download this class’s tallies (CSV)</a>
      </p>
      <h2>Tallies</h2>
      {rows.length === 0 ? (
        <p>
          No tallies yet: run a live check from an item, or type hands-up counts in classroom mode.
        </p>
      ) : (
        <DataTable
          caption={`Tallies of ${k.label}`}
          head={['Date', 'Item', 'How', 'Pupils', 'Counts', '']}
          rows={rows.map((t) => [
            t.takenOn,
            <a href={`/items/${t.itemId}`}>{t.itemId}</a>,
            t.source === 'live' ? 'live vote' : 'typed counts',
            String(t.pupilsAnswering),
            Object.entries(t.counts)
              .map(([l, n]) => `${l} ${n}`)
              .join(' · '),
            <form method="post" action={`/tallies/${t.id}/delete`} class="inline">
              <button
                type="submit"
                class="secondary"
                aria-label={`Delete the tally of ${t.takenOn} for ${t.itemId}`}
              >
                Delete
              </button>
            </form>,
          ])}
        />
      )}
    </Layout>,
  )
})

classPages.post('/tallies/:id/delete', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const tally = await tallies.requireOwnTally(db, c.req.param('id'), user.id)
  await tallies.deleteTally(db, tally.id, user.id)
  return c.redirect(`/classes/${tally.classId}`, 303)
})

/** Typed counts from the item page or classroom mode: the same record a live session makes. */
classPages.post('/tallies', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const form = await formValues(c)
  const k = await classes.requireOwnClass(db, form.classId ?? '', user.id)
  const itemId = form.itemId ?? ''
  const { revision, labels } = await tallies.currentRevision(db, itemId)
  const typed: Record<string, number> = {}
  for (const label of labels) {
    const value = (form[`count_${label}`] ?? '').trim()
    if (value === '') continue
    const n = Number(value)
    if (!Number.isInteger(n) || n < 0 || n > 1000)
      throw new ApiError(400, `The count for ${label} must be a whole number from 0 to 1000`)
    typed[label] = n
  }
  const { counts, answering } = tallies.checkCounts(labels, typed)
  await tallies.writeTally(db, {
    teacherId: user.id,
    classId: k.id,
    year: k.year,
    itemId,
    itemRevision: revision,
    sessionId: null,
    source: 'typed',
    takenOn: new Date().toISOString().slice(0, 10),
    counts,
    pupilsAnswering: answering,
  })
  return c.redirect(`/items/${itemId}#evidence`, 303)
})

/** The form for hands-up counts, on the item page and in classroom mode. */
