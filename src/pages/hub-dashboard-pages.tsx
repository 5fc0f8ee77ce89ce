/**
 * A hub's home for its curators: its items with where each is in review, its sets (drafts
 * included), and the hub's audit log. Reads only, through the authoring, sets and audit queries.
 */
import { Hono } from 'hono'
import { listAnnotations } from '../annotations/annotations.read.ts'
import { listAudit } from '../audit/audit.queries.ts'
import { listHubItems } from '../authoring/hub-items.queries.ts'
import type { AppEnv } from '../lib/context.ts'
import { listHubSetDrafts } from '../sets/hub-sets.queries.ts'
import { curatorContext, HubNav } from './hub-common.tsx'
import { AuditTable } from './audit-view.tsx'
import { Layout } from './layout.tsx'

export const hubDashboardPages = new Hono<AppEnv>()

const STATUS_WORDS: Record<string, string> = {
  draft: 'Draft',
  review: 'In review',
  published: 'Published',
  superseded: 'Superseded',
}

hubDashboardPages.get('/hubs/:slug/dashboard', async (c) => {
  const { user, db, hub } = await curatorContext(c)
  const [items, sets, proposals] = await Promise.all([
    listHubItems(db, hub.slug),
    listHubSetDrafts(db, hub.slug),
    listAnnotations(db, { status: 'proposed' }, { limit: 50 }),
  ])
  const inReview = items.filter((i) => i.revisionStatus === 'review')
  return c.html(
    <Layout title={`${hub.name}: dashboard`} user={user} maths={false}>
      <HubNav hub={hub} current="dashboard" />
      <h1>{hub.name}</h1>
      <p class="muted">
        Curators: {hub.curators.map((cur) => cur.displayName).join(', ') || 'nobody yet'}
        {user.isSiteAdmin && (
          <>
            {' · '}
            <a href={`/hubs/${hub.slug}/curators`}>manage curators</a>
          </>
        )}
      </p>
      <p>
        <a href={`/hubs/${hub.slug}/review`}>
          {inReview.length} {inReview.length === 1 ? 'item awaits' : 'items await'} review
        </a>
        {' · '}
        <a href={`/hubs/${hub.slug}/annotations`}>
          {proposals.length > 50 ? 'over 50' : proposals.length}{' '}
          {proposals.length === 1 ? 'annotation awaits' : 'annotations await'} a curator
        </a>
      </p>
      <h2>Items</h2>
      {items.length === 0 ? (
        <p>
          No items yet: <a href={`/hubs/${hub.slug}/items/new`}>write one</a> or{' '}
          <a href={`/hubs/${hub.slug}/import`}>import a file</a>.
        </p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Latest revision</th>
                <th scope="col">Written by</th>
                <th scope="col">Public</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr>
                  <td>
                    <a href={`/hubs/${hub.slug}/items/${item.id}/edit`}>{item.construct}</a>
                  </td>
                  <td>
                    {item.revisionStatus === 'review' ? (
                      <a href={`/hubs/${hub.slug}/items/${item.id}/review`}>
                        {item.revision}: in review
                      </a>
                    ) : (
                      `${item.revision}: ${STATUS_WORDS[item.revisionStatus]?.toLowerCase()}`
                    )}
                  </td>
                  <td>{item.authorName}</td>
                  <td>
                    {item.itemStatus === 'published' ? <a href={`/items/${item.id}`}>yes</a> : 'no'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Item sets</h2>
      {sets.length === 0 && <p>No sets yet.</p>}
      <ul class="results">
        {sets.map((set) => (
          <li class="card">
            <a href={`/sets/${set.id}/edit`}>{set.title}</a>{' '}
            <span class="muted">
              {set.itemCount} {set.itemCount === 1 ? 'item' : 'items'} ·{' '}
              {set.latestVersion ? (
                <a href={`/sets/${set.id}/versions/${set.latestVersion}`}>
                  v{set.latestVersion} published
                </a>
              ) : (
                'not published yet'
              )}
            </span>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={`/hubs/${hub.slug}/sets/new`}>
          Start a set
        </a>
      </p>
    </Layout>,
  )
})

hubDashboardPages.get('/hubs/:slug/audit', async (c) => {
  const { user, db, hub } = await curatorContext(c)
  const entries = await listAudit(db, { scope: 'hub', scopeId: hub.slug })
  return c.html(
    <Layout title={`${hub.name}: audit log`} user={user} maths={false}>
      <HubNav hub={hub} current="audit" />
      <h1>Audit log</h1>
      <p class="muted">Every change to {hub.name}’s curators, newest first.</p>
      <AuditTable entries={entries} />
    </Layout>,
  )
})
