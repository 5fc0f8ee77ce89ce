/** The class-evidence parts of other pages: typed counts in classroom mode, and the figures on item and misconception pages. */
import { type CurrentUser } from '../lib/context.ts'
import * as classes from '../classes/classes.queries.ts'
import { itemStatistics, prevalence, type Scope } from '../evidence/statistics.queries.ts'
import { type Db } from '../lib/db.ts'
import { listMyWorkgroups } from '../workgroups/workgroups.queries.ts'
import { PrevalenceView, StatisticsView } from './evidence-views.tsx'

export async function TypedCountsForm(props: {
  db: Db
  user: CurrentUser | null
  itemId: string
  labels: string[]
}) {
  if (!props.user) return null
  const mine = await classes.listClasses(props.db, props.user.id)
  if (mine.length === 0) return null
  return (
    <details class="card no-print">
      <summary>Record hands-up or whiteboard counts</summary>
      <form method="post" action="/tallies">
        <input type="hidden" name="itemId" value={props.itemId} />
        <label for="typed-class">Class</label>
        <select id="typed-class" name="classId">
          {mine.map((k) => (
            <option value={k.id}>
              {k.label} (Year {k.year})
            </option>
          ))}
        </select>
        <div class="count-fields">
          {props.labels.map((l) => (
            <label>
              {l} <input type="number" name={`count_${l}`} min="0" max="1000" inputmode="numeric" />
            </label>
          ))}
        </div>
        <button type="submit">Record counts</button>
      </form>
    </details>
  )
}

/** "What classes chose" on an item page: mine, each of my workgroups', and the bank's. */
export async function ItemEvidenceSection({
  db,
  user,
  itemId,
}: {
  db: Db
  user: CurrentUser | null
  itemId: string
}) {
  const scopes: { scope: Scope; heading?: string }[] = [{ scope: { kind: 'bank' } }]
  if (user) {
    scopes.unshift({ scope: { kind: 'mine', teacherId: user.id } })
    for (const wg of (await listMyWorkgroups(db, user.id)).slice(0, 3))
      scopes.splice(1, 0, {
        scope: { kind: 'workgroup', workgroupId: wg.id },
        heading: `${wg.name} (workgroup)`,
      })
  }
  const stats = await Promise.all(scopes.map((s) => itemStatistics(db, itemId, s.scope)))
  return (
    <section aria-labelledby="evidence" id="evidence">
      <h2 id="evidence">What classes chose</h2>
      {stats.map((s, i) => (
        <StatisticsView stats={s} id={`stats-${i}`} heading={scopes[i]?.heading} />
      ))}
    </section>
  )
}

/** Prevalence by year group on a misconception page: mine and the bank's (thresholded). */
export async function MisconceptionEvidenceSection({
  db,
  user,
  slug,
}: {
  db: Db
  user: CurrentUser | null
  slug: string
}) {
  const bank = await prevalence(db, { kind: 'bank' }, slug)
  const mine = user ? await prevalence(db, { kind: 'mine', teacherId: user.id }, slug) : null
  return (
    <section aria-labelledby="prevalence">
      <h2 id="prevalence">How often classes show it</h2>
      <p class="muted">
        Share of answers, to items that can reveal it, that chose an option tagged with it.
      </p>
      {mine && (
        <PrevalenceView
          id="prev-mine"
          title="My classes, by year group"
          rows={mine.rows}
          showName={false}
        />
      )}
      {bank.rows.length > 0 ? (
        <PrevalenceView
          id="prev-bank"
          title="All classes in the bank, by year group"
          rows={bank.rows}
          showName={false}
        />
      ) : (
        <p class="muted">
          All classes in the bank: not shown until at least 5 classes from 3 teachers have answered.
        </p>
      )}
    </section>
  )
}
