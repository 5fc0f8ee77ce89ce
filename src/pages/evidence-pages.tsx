/**
 * A workgroup's class evidence and its enquiries: prevalence across its members' classes, opening
 * an enquiry, its pre/post results with Newcombe's interval, taking part and closing. Plain forms
 * over the same query functions and guards as the evidence API.
 */
import { Hono } from 'hono'
import { currentUser, type AppEnv } from '../lib/context.ts'
import * as classes from '../classes/classes.queries.ts'
import * as enquiries from '../evidence/enquiries.queries.ts'
import { enquiryResults } from '../evidence/enquiry-results.queries.ts'
import { prevalence } from '../evidence/statistics.queries.ts'
import { getDb } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { getWorkgroup, requireWorkgroupRole } from '../workgroups/workgroups.queries.ts'
import { BarChart, DataTable, percent } from './charts.tsx'
import { PrevalenceView } from './evidence-views.tsx'
import { formValues } from './forms.ts'
import { Layout } from './layout.tsx'

export const evidencePages = new Hono<AppEnv>()

evidencePages.get('/workgroups/:id/evidence', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const id = c.req.param('id')
  const role = await requireWorkgroupRole(db, id, user.id, 'member')
  const [wg, prev, list] = await Promise.all([
    getWorkgroup(db, id),
    prevalence(db, { kind: 'workgroup', workgroupId: id }),
    enquiries.listEnquiries(db, id),
  ])
  return c.html(
    <Layout title={`${wg?.name ?? 'Workgroup'}: evidence`} user={user} maths={false}>
      <p class="muted">
        <a href={`/workgroups/${id}`}>{wg?.name}</a>
      </p>
      <h1>Class evidence and enquiries</h1>
      <h2>Misconceptions in our classes</h2>
      <PrevalenceView
        id="wg-prev"
        title="Share of answers revealing each misconception, by year group"
        rows={prev.rows}
        showName
      />
      <h2>Enquiries</h2>
      {list.length === 0 && <p>No enquiries yet.</p>}
      <ul class="results">
        {list.map((e) => (
          <li class="card">
            <a href={`/enquiries/${e.id}`}>{e.question}</a> <span class="muted">{e.status}</span>
          </li>
        ))}
      </ul>
      {role === 'lead' && (
        <form method="post" action={`/workgroups/${id}/enquiries`} class="card">
          <h2>Open an enquiry</h2>
          <label for="enq-question">Question</label>
          <input id="enq-question" name="question" required minlength={10} maxlength={500} />
          <label for="enq-focus">Focus misconceptions (slugs, comma-separated)</label>
          <input id="enq-focus" name="misconceptions" required />
          <label for="enq-pre">Pre-check items (ids, comma-separated)</label>
          <input id="enq-pre" name="pre" required />
          <label for="enq-post">Post-check items (ids, comma-separated)</label>
          <input id="enq-post" name="post" required />
          <div class="count-fields">
            {(['preFrom', 'preTo', 'postFrom', 'postTo'] as const).map((f) => (
              <label>
                {
                  {
                    preFrom: 'Pre check from',
                    preTo: 'Pre check to',
                    postFrom: 'Post check from',
                    postTo: 'Post check to',
                  }[f]
                }{' '}
                <input type="date" name={f} required />
              </label>
            ))}
          </div>
          <button type="submit">Open enquiry</button>
        </form>
      )}
    </Layout>,
  )
})

const list = (value = '') =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

evidencePages.post('/workgroups/:id/enquiries', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const id = c.req.param('id')
  await requireWorkgroupRole(db, id, user.id, 'lead')
  const f = await formValues(c)
  const dates = ['preFrom', 'preTo', 'postFrom', 'postTo'].map((k) => f[k] ?? '')
  if (dates.some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d)))
    throw new ApiError(400, 'Give all four dates')
  if ((f.question ?? '').trim().length < 10)
    throw new ApiError(400, 'Ask the question in at least 10 characters')
  const [preFrom, preTo, postFrom, postTo] = dates as [string, string, string, string]
  if (preFrom > preTo || postFrom > postTo || postFrom < preFrom)
    throw new ApiError(
      400,
      'The post check comes after the pre check, and each starts before it ends',
    )
  const misconceptionSlugs = list(f.misconceptions).slice(0, 5)
  const pre = list(f.pre).slice(0, 20)
  const post = list(f.post).slice(0, 20)
  if (misconceptionSlugs.length === 0 || pre.length === 0 || post.length === 0)
    throw new ApiError(400, 'Name the focus misconceptions and the items of both checks')
  const enquiryId = await enquiries.createEnquiry(db, id, user.id, {
    question: (f.question ?? '').trim(),
    misconceptions: misconceptionSlugs,
    preItemIds: pre,
    postItemIds: post,
    preFrom,
    preTo,
    postFrom,
    postTo,
  })
  return c.redirect(`/enquiries/${enquiryId}`, 303)
})

const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(Math.round(n * 100))}`

evidencePages.get('/enquiries/:id', async (c) => {
  const user = c.get('user')
  const db = getDb(c.env.DB)
  const { row, role } = await enquiries.visibleEnquiry(db, c.req.param('id'), user?.id ?? null)
  const results = await enquiryResults(db, row.id, { member: role !== null })
  const myClasses = user && role ? await classes.listClasses(db, user.id) : []
  return c.html(
    <Layout title="Enquiry" user={user} maths={false}>
      {results.workgroupId && (
        <p class="muted">
          <a href={`/workgroups/${results.workgroupId}/evidence`}>Workgroup evidence</a>
        </p>
      )}
      <h1>{results.question}</h1>
      <p class="muted">
        Pre check {results.dates.preFrom} to {results.dates.preTo} · post check{' '}
        {results.dates.postFrom} to {results.dates.postTo} · {results.classCount}{' '}
        {results.classCount === 1 ? 'class' : 'classes'} · {results.status}
      </p>
      {results.summary && (
        <section class="card" aria-labelledby="summary">
          <h2 id="summary">Summary</h2>
          <p>{results.summary}</p>
        </section>
      )}
      {results.focus.map((m, k) => (
        <section aria-labelledby={`focus-${k}`}>
          <h2 id={`focus-${k}`}>
            <a href={`/misconceptions/${m.slug}`}>{m.title}</a>
          </h2>
          <BarChart
            id={`enq-${k}`}
            title={`${m.title}: share of answers before and after, all classes`}
            description={`Before: ${m.pooled.pre.share === null ? 'no answers' : `${percent(m.pooled.pre.share)} (${m.pooled.pre.chose} of ${m.pooled.pre.answers})`}. After: ${m.pooled.post.share === null ? 'no answers' : `${percent(m.pooled.post.share)} (${m.pooled.post.chose} of ${m.pooled.post.answers})`}.`}
            bars={[
              { label: 'Pre', share: m.pooled.pre.share ?? 0, detail: '', highlight: 'bad' },
              { label: 'Post', share: m.pooled.post.share ?? 0, detail: '', highlight: 'bad' },
            ]}
          />
          <DataTable
            caption={`${m.title}, before and after, per class`}
            head={['Class', 'Before', 'After', 'Change (points)', '95% interval']}
            rows={[{ label: 'All classes', ...m.pooled }, ...m.classes].map((line) => [
              line.label,
              line.pre.share === null
                ? '—'
                : `${percent(line.pre.share)} (${line.pre.chose}/${line.pre.answers})`,
              line.post.share === null
                ? '—'
                : `${percent(line.post.share)} (${line.post.chose}/${line.post.answers})`,
              line.change ? signed(line.change.difference) : '—',
              line.change ? `${signed(line.change.lower)} to ${signed(line.change.upper)}` : '—',
            ])}
          />
        </section>
      ))}
      <p class="muted">
        Change is after minus before, in percentage points, with Newcombe’s hybrid score 95%
        interval. {results.caveat}
      </p>
      <p>
        <a href={`/api/enquiries/${results.id}/export`}>Download the results (CSV)</a>
      </p>
      {role && (
        <>
          <h2>What members taught in between</h2>
          {results.threads.length === 0 ? (
            <p class="muted">
              No workgroup threads on the focus misconceptions yet: start one on the misconception’s
              page.
            </p>
          ) : (
            <ul>
              {results.threads.map((t) => (
                <li>
                  <a href={`/threads/${t.id}`}>{t.title}</a>
                </li>
              ))}
            </ul>
          )}
          {results.status === 'open' && myClasses.length > 0 && (
            <form method="post" action={`/enquiries/${results.id}/classes`} class="card">
              <h2>Take part with a class</h2>
              <label for="enq-class">Class</label>
              <select id="enq-class" name="classId">
                {myClasses.map((k) => (
                  <option value={k.id}>
                    {k.label} (Year {k.year})
                  </option>
                ))}
              </select>
              <p class="muted">
                Run the checks live or type counts within the dates; they count here.
              </p>
              <button type="submit">Add class</button>
            </form>
          )}
          {role === 'lead' && results.status === 'open' && (
            <form method="post" action={`/enquiries/${results.id}/close`} class="card">
              <h2>Close with a summary</h2>
              <label for="enq-summary">Summary</label>
              <textarea id="enq-summary" name="summary" required minlength={10} maxlength={5000} />
              <p>
                <label>
                  <input type="checkbox" name="share" value="1" /> Share publicly (counts and
                  summary only)
                </label>
              </p>
              <p>
                <label>
                  <input type="checkbox" name="showClassLabels" value="1" /> Show class labels and
                  schools publicly
                </label>
              </p>
              <button type="submit">Close enquiry</button>
            </form>
          )}
        </>
      )}
    </Layout>,
  )
})

evidencePages.post('/enquiries/:id/classes', async (c) => {
  const user = currentUser(c)
  const { classId = '' } = await formValues(c)
  await enquiries.addClass(getDb(c.env.DB), c.req.param('id'), classId, user.id)
  return c.redirect(`/enquiries/${c.req.param('id')}`, 303)
})

evidencePages.post('/enquiries/:id/close', async (c) => {
  const user = currentUser(c)
  const f = await formValues(c)
  const summary = (f.summary ?? '').trim()
  if (summary.length < 10) throw new ApiError(400, 'Write a summary of at least 10 characters')
  await enquiries.closeEnquiry(getDb(c.env.DB), c.req.param('id'), user.id, {
    summary: summary.slice(0, 5000),
    share: f.share === '1',
    showClassLabels: f.showClassLabels === '1',
  })
  return c.redirect(`/enquiries/${c.req.param('id')}`, 303)
})
