/** The sections of a workgroup's home page, each a small view over what its query returns. */
import type { toAnnotations } from '../annotations/annotations.read.ts'
import type { listNotes } from '../annotations/notes.queries.ts'
import type { toThread } from '../discussions/posts.queries.ts'
import type { listInvites } from '../workgroups/invites.queries.ts'
import type { listMembers } from '../workgroups/workgroups.queries.ts'
import { Html } from './layout.tsx'

type Thread = ReturnType<typeof toThread>
type Annotation = Awaited<ReturnType<typeof toAnnotations>>[number]
type Note = Awaited<ReturnType<typeof listNotes>>[number]
type Member = Awaited<ReturnType<typeof listMembers>>[number]
type Invite = Awaited<ReturnType<typeof listInvites>>[number]

const day = (iso: string) => iso.slice(0, 10)
const WEEK_MS = 7 * 24 * 3600 * 1000

/** Threads by latest activity; those with a post this week are marked as new activity. */
export function ThreadsList({ threads, since }: { threads: Thread[]; since?: string }) {
  const from =
    since && !Number.isNaN(Date.parse(since)) ? since : new Date(Date.now() - WEEK_MS).toISOString()
  return (
    <section aria-labelledby="threads">
      <h2 id="threads">Threads</h2>
      {threads.length === 0 ? (
        <p>
          No threads yet. Start one from an item or misconception page and choose this workgroup.
        </p>
      ) : (
        <ul class="results">
          {threads.map((t) => (
            <li class="card">
              <a href={`/threads/${t.id}`}>{t.title}</a>{' '}
              {t.lastPostAt > from && <span class="tag new">New activity</span>}
              <p class="muted">
                {t.postCount} {t.postCount === 1 ? 'post' : 'posts'} · started by{' '}
                {t.author.displayName} · last post {day(t.lastPostAt)}
                {t.locked && ' · locked'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

const STATUS: Record<string, string> = {
  proposed: 'In progress',
  accepted: 'Accepted',
  rejected: 'Not accepted',
}

export function AnnotationsTable({ annotations }: { annotations: Annotation[] }) {
  return (
    <section aria-labelledby="annotations">
      <h2 id="annotations">Annotations</h2>
      {annotations.length === 0 ? (
        <p>
          None yet. On an item page, propose the misconception an option reveals, with what your
          classes showed.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Item and option</th>
              <th scope="col">Misconception</th>
              <th scope="col">Status</th>
              <th scope="col">Responses</th>
            </tr>
          </thead>
          <tbody>
            {annotations.map((a) => (
              <tr>
                <td>
                  <a href={`/items/${a.itemId}?annotations=open#annotation-${a.id}`}>{a.itemId}</a>,
                  option {a.label}
                </td>
                <td>{a.misconception?.title ?? a.draft?.title ?? '—'}</td>
                <td>
                  {STATUS[a.status] ?? a.status}
                  {a.rejected && `: ${a.rejected.reason}`}
                </td>
                <td>
                  {a.responses.filter((r) => r.vote === 'endorse').length} endorse ·{' '}
                  {a.responses.filter((r) => r.vote === 'dispute').length} dispute
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export function NotesList({ notes }: { notes: Note[] }) {
  return (
    <section aria-labelledby="notes">
      <h2 id="notes">Notes</h2>
      {notes.length === 0 ? (
        <p>No notes yet: what you saw and what worked, on a misconception’s page.</p>
      ) : (
        notes.map((n) => (
          <article class="post">
            <p class="meta">
              On <a href={`/misconceptions/${n.misconceptionSlug}`}>{n.misconceptionSlug}</a> ·{' '}
              {n.author.displayName} · {day(n.createdAt)}
              {n.shared && ' · shared publicly'}
            </p>
            <Html html={n.body.html} />
          </article>
        ))
      )}
    </section>
  )
}

export function MembersTable(props: {
  workgroupId: string
  members: Member[]
  lead: boolean
  me: string
}) {
  return (
    <section aria-labelledby="members">
      <h2 id="members">Members</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">School</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {props.members.map((m) => (
            <tr>
              <td>{m.displayName}</td>
              <td>{m.school ?? '—'}</td>
              <td>
                {props.lead && m.id !== props.me ? (
                  <form
                    method="post"
                    action={`/workgroups/${props.workgroupId}/members/${m.id}/role`}
                    class="inline"
                  >
                    <input
                      type="hidden"
                      name="role"
                      value={m.role === 'lead' ? 'member' : 'lead'}
                    />
                    {m.role}{' '}
                    <button type="submit" class="secondary small">
                      {m.role === 'lead' ? 'Make member' : 'Make lead'}
                      <span class="visually-hidden"> {m.displayName}</span>
                    </button>
                  </form>
                ) : (
                  m.role
                )}
              </td>
              <td>{day(m.joinedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function InvitesSection(props: {
  workgroupId: string
  invites: Invite[]
  fresh?: { code: string; expiresAt: string }
  origin: string
}) {
  const link = props.fresh ? `${props.origin}/join/${props.fresh.code}` : ''
  return (
    <section aria-labelledby="invites">
      <h2 id="invites">Invites</h2>
      {props.fresh && (
        <div class="card" role="status">
          <p>
            Share this link (it works for each colleague until {day(props.fresh.expiresAt)}; it is
            shown only now):
          </p>
          <p class="copy-row">
            <label for="invite-link" class="visually-hidden">
              Invite link
            </label>
            <input id="invite-link" type="text" readonly value={link} />
            <button type="button" data-copy="invite-link">
              Copy link
            </button>
          </p>
        </div>
      )}
      <form method="post" action={`/workgroups/${props.workgroupId}/invites`} class="no-print">
        <button type="submit">Create an invite link (valid 7 days)</button>
      </form>
      {props.invites.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Made by</th>
              <th scope="col">Made</th>
              <th scope="col">Expires</th>
              <th scope="col">Used</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.invites.map((i) => {
              const usable = !i.revokedAt && i.expiresAt > new Date().toISOString()
              return (
                <tr>
                  <td>{i.createdBy}</td>
                  <td>{day(i.createdAt)}</td>
                  <td>{i.revokedAt ? `revoked ${day(i.revokedAt)}` : day(i.expiresAt)}</td>
                  <td>{i.uses}</td>
                  <td>
                    {usable && (
                      <form
                        method="post"
                        action={`/workgroups/${props.workgroupId}/invites/${i.id}/revoke`}
                        class="inline"
                      >
                        <button type="submit" class="secondary small">
                          Revoke
                          <span class="visually-hidden"> the invite made {day(i.createdAt)}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
