/**
 * A workgroup's home and the way in: its threads by latest activity, annotations in progress,
 * notes, sets, class evidence, members and roles; for leads, invites (list, copy, revoke) and the
 * audit log. The join page names the workgroup and who invited you. Members only (404 to others,
 * through the same guards as the API).
 */
import { Hono, type Context } from 'hono'
import { listAnnotations } from '../annotations/annotations.read.ts'
import { listNotes } from '../annotations/notes.queries.ts'
import { listAudit } from '../audit/audit.queries.ts'
import { workgroupThreads } from '../discussions/feeds.queries.ts'
import { currentUser, type AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { getSet, listWorkgroupSets, requireSetManager } from '../sets/sets.queries.ts'
import * as inviteQueries from '../workgroups/invites.queries.ts'
import * as workgroups from '../workgroups/workgroups.queries.ts'
import { formValues } from './forms.ts'
import { AuditTable } from './audit-view.tsx'
import { Layout } from './layout.tsx'
import { classroomHref, printHref } from './list-view.tsx'
import {
  AnnotationsTable,
  InvitesSection,
  MembersTable,
  NotesList,
  ThreadsList,
} from './workgroup-home-view.tsx'

export const workgroupHomePages = new Hono<AppEnv>()

async function homePage(c: Context<AppEnv>, invite?: { code: string; expiresAt: string }) {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const id = c.req.param('id') ?? ''
  const role = await workgroups.requireWorkgroupRole(db, id, user.id, 'member')
  const wg = await workgroups.getWorkgroup(db, id)
  if (!wg) throw notFound('That workgroup')
  const lead = role === 'lead'
  const [members, threads, annotations, notes, sets, invites, audit] = await Promise.all([
    workgroups.listMembers(db, id),
    workgroupThreads(db, id, 15),
    listAnnotations(db, { workgroupId: id }, { limit: 20 }),
    listNotes(db, { workgroupId: id }, { limit: 10 }),
    listWorkgroupSets(db, id),
    lead ? inviteQueries.listInvites(db, id) : Promise.resolve([]),
    lead ? listAudit(db, { scope: 'workgroup', scopeId: id }, 30) : Promise.resolve([]),
  ])
  const origin = new URL(c.req.url).origin
  if (invite) c.header('cache-control', 'no-store')
  return c.html(
    <Layout title={wg.name} user={user}>
      <h1>{wg.name}</h1>
      {wg.description && <p>{wg.description}</p>}
      <p class="muted">Private: only members see this workgroup. You are a {role}.</p>
      <nav aria-label="In this workgroup" class="no-print">
        <ul class="tags">
          {[
            ['#threads', 'Threads'],
            ['#annotations', 'Annotations'],
            ['#notes', 'Notes'],
            ['#sets', 'Sets'],
            [`/workgroups/${id}/evidence`, 'Class evidence and enquiries'],
            ['#members', 'Members'],
            ...(lead
              ? [
                  ['#invites', 'Invites'],
                  ['#audit', 'Audit log'],
                ]
              : []),
          ].map(([href, label]) => (
            <li>
              <a class="tag" href={href}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ThreadsList threads={threads} since={c.req.query('since')} />
      <AnnotationsTable annotations={annotations.slice(0, 20)} />
      <NotesList notes={notes.slice(0, 10)} />
      <section aria-labelledby="sets">
        <h2 id="sets">Sets</h2>
        {sets.length === 0 ? (
          <p>
            No sets yet. Build one on <a href="/list">your list</a> and save it here.
          </p>
        ) : (
          <ul class="results">
            {sets.map((s) => (
              <li class="card">
                <a href={`/workgroups/${id}/sets/${s.id}`}>{s.title}</a>{' '}
                <span class="muted">
                  {s.itemCount} {s.itemCount === 1 ? 'question' : 'questions'} · updated{' '}
                  {s.updatedAt.slice(0, 10)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="evidence">
        <h2 id="evidence">Class evidence</h2>
        <p>
          <a href={`/workgroups/${id}/evidence`}>
            What your classes chose, by misconception, and your enquiries
          </a>
        </p>
      </section>
      <MembersTable workgroupId={id} members={members} lead={lead} me={user.id} />
      {lead && (
        <>
          <InvitesSection workgroupId={id} invites={invites} fresh={invite} origin={origin} />
          <section aria-labelledby="audit">
            <h2 id="audit">Audit log</h2>
            <AuditTable entries={audit} />
          </section>
        </>
      )}
    </Layout>,
  )
}

workgroupHomePages.get('/workgroups/:id', (c) => homePage(c))

workgroupHomePages.post('/workgroups/:id/invites', async (c) => {
  const user = currentUser(c)
  const id = c.req.param('id')
  const db = getDb(c.env.DB)
  await workgroups.requireWorkgroupRole(db, id, user.id, 'lead')
  return homePage(c, await inviteQueries.createInvite(db, user.id, id, 7))
})

workgroupHomePages.post('/workgroups/:id/invites/:inviteId/revoke', async (c) => {
  const user = currentUser(c)
  const { id, inviteId } = c.req.param()
  const db = getDb(c.env.DB)
  await workgroups.requireWorkgroupRole(db, id, user.id, 'lead')
  await inviteQueries.revokeInvite(db, user.id, id, inviteId)
  return c.redirect(`/workgroups/${id}#invites`, 303)
})

workgroupHomePages.post('/workgroups/:id/members/:userId/role', async (c) => {
  const user = currentUser(c)
  const { id, userId } = c.req.param()
  const db = getDb(c.env.DB)
  await workgroups.requireWorkgroupRole(db, id, user.id, 'lead')
  const { role } = await formValues(c)
  await workgroups.changeRole(db, user.id, id, userId, role === 'lead' ? 'lead' : 'member')
  return c.redirect(`/workgroups/${id}#members`, 303)
})

/** A workgroup's set: its questions in order, to print or show in class. */
workgroupHomePages.get('/workgroups/:id/sets/:setId', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const { id, setId } = c.req.param()
  const row = await requireSetManager(db, setId, user)
  const set = row.ownerType === 'workgroup' && row.ownerId === id ? await getSet(db, setId) : null
  if (!set) throw notFound('That set')
  const wg = await workgroups.getWorkgroup(db, id)
  const ids = set.entries.map((e) => e.itemId)
  return c.html(
    <Layout title={set.title} user={user} maths={false}>
      <p class="muted">
        <a href={`/workgroups/${id}`}>{wg?.name}</a> · a set for the workgroup’s own lessons
      </p>
      <h1>{set.title}</h1>
      <ol>
        {set.entries.map((e) => (
          <li>
            <a href={`/items/${e.itemId}`}>{e.construct}</a>
            {e.note && <span class="muted"> — {e.note}</span>}
          </li>
        ))}
      </ol>
      {ids.length > 0 && (
        <p class="item-actions">
          <a class="button" href={classroomHref(ids, set.title)}>
            Show in class
          </a>
          <a class="button secondary" href={printHref(ids, set.title)}>
            Print a worksheet
          </a>
        </p>
      )}
    </Layout>,
  )
})

workgroupHomePages.get('/join/:code', async (c) => {
  const user = currentUser(c)
  const code = c.req.param('code')
  const invite = await inviteQueries.describeInvite(getDb(c.env.DB), code)
  c.header('cache-control', 'no-store')
  return c.html(
    <Layout title="Join a workgroup" user={user} maths={false}>
      {invite ? (
        <>
          <h1>Join {invite.workgroupName}</h1>
          <p>
            <strong>{invite.invitedBy}</strong> invited you to this workgroup.
          </p>
          {invite.description && <p class="card">{invite.description}</p>}
          <p class="muted">
            Members see each other’s names and schools, the workgroup’s threads, notes, sets and
            pooled class evidence (never pupils). The link works until{' '}
            {invite.expiresAt.slice(0, 10)}.
          </p>
          <form method="post" action={`/join/${encodeURIComponent(code)}`}>
            <button type="submit">Join {invite.workgroupName}</button>
          </form>
        </>
      ) : (
        <>
          <h1>This invite cannot be used</h1>
          <p>
            It may have expired, been revoked or been mistyped. Ask the colleague who sent it for a
            new link.
          </p>
        </>
      )}
    </Layout>,
    invite ? 200 : 404,
  )
})

workgroupHomePages.post('/join/:code', async (c) => {
  const user = currentUser(c)
  const id = await inviteQueries.acceptInvite(getDb(c.env.DB), user.id, c.req.param('code'))
  return c.redirect(`/workgroups/${id}`, 303)
})
