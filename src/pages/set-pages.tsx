/**
 * Public pages for hubs and their published item sets: the URL a hub shares for a version, with
 * its changelog, its items (answers behind "reveal") and its exports.
 */
import { Hono } from 'hono'
import { getHub } from '../hubs/hubs.queries.ts'
import type { AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { getSetRow, getVersion, listHubSets, listVersions } from '../sets/sets.queries.ts'
import { ItemBody, Reveal } from './item-view.tsx'
import { Layout } from './layout.tsx'
import { LiveStartForm } from './live-pages.tsx'
import { classroomHref } from './list-view.tsx'

export const setPages = new Hono<AppEnv>()

const EXPORTS = [
  ['qti', 'QTI 3.0 package'],
  ['moodle', 'Moodle XML'],
  ['gift', 'GIFT'],
  ['json', 'JSON'],
  ['html', 'Printable worksheet'],
] as const

setPages.get('/hubs/:slug', async (c) => {
  const db = getDb(c.env.DB)
  const hub = /^[a-z0-9-]{1,80}$/.test(c.req.param('slug'))
    ? await getHub(db, c.req.param('slug'))
    : null
  if (!hub) throw notFound('That hub')
  const sets = await listHubSets(db, hub.slug)
  return c.html(
    <Layout title={hub.name} user={c.get('user')} maths={false}>
      <h1>{hub.name}</h1>
      {hub.description && <p>{hub.description}</p>}
      <p class="muted">
        Curated by {hub.curators.map((cur) => cur.displayName).join(', ') || 'nobody yet'}.
      </p>
      <h2>Published item sets</h2>
      {sets.length === 0 && <p>No sets published yet.</p>}
      <ul class="results">
        {sets.map((set) => (
          <li class="card">
            <a href={`/sets/${set.id}/versions/${set.latestVersion}`}>{set.title}</a>{' '}
            <span class="muted">
              v{set.latestVersion}
              {set.years.length > 0 && ` · Years ${set.years.join(', ')}`}
            </span>
          </li>
        ))}
      </ul>
    </Layout>,
  )
})

setPages.get('/sets/:id/versions/:version', async (c) => {
  const db = getDb(c.env.DB)
  const setId = c.req.param('id')
  const number = Number(c.req.param('version'))
  const set = await getSetRow(db, setId)
  const version =
    set?.ownerType === 'hub' && Number.isSafeInteger(number)
      ? await getVersion(db, setId, number)
      : null
  if (!set || !version) throw notFound('That version of the set')
  const [hub, versions] = await Promise.all([getHub(db, set.ownerId), listVersions(db, setId)])
  const latest = versions[0]?.version ?? version.version
  return c.html(
    <Layout title={`${version.title} (v${version.version})`} user={c.get('user')}>
      <p class="muted">
        {hub && <a href={`/hubs/${hub.slug}`}>{hub.name}</a>} · version {version.version}, published{' '}
        {version.publishedAt.slice(0, 10)}
        {latest !== version.version && (
          <>
            {' '}
            · <a href={`/sets/${setId}/versions/${latest}`}>a newer version (v{latest}) exists</a>
          </>
        )}
      </p>
      <h1>{version.title}</h1>
      {version.withdrawnAt && (
        <p class="card" role="status">
          <strong>Withdrawn</strong> on {version.withdrawnAt.slice(0, 10)}:{' '}
          {version.withdrawnReason}
        </p>
      )}
      {version.description && <p>{version.description}</p>}
      {version.years.length > 0 && <p class="muted">For years {version.years.join(', ')}.</p>}
      <h2>What changed</h2>
      <ul>
        {version.changelog.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <h2>Download</h2>
      <ul class="tags">
        {EXPORTS.map(([format, label]) => (
          <li>
            <a
              class="tag"
              href={`/api/sets/${setId}/versions/${version.version}/export?format=${format}`}
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
      <p class="no-print item-actions">
        <a
          class="button"
          href={classroomHref(
            version.entries.map((e) => e.itemId),
            `${version.title} (v${version.version})`,
          )}
        >
          Show in class
        </a>
      </p>
      <LiveStartForm db={db} user={c.get('user')} set={{ setId, version: version.version }} />
      {version.entries.map((entry, n) => (
        <section class="card" aria-label={`Item ${n + 1}`}>
          <h2>
            {n + 1}. <a href={`/items/${entry.itemId}`}>{entry.item.construct}</a>
          </h2>
          {entry.note && <p class="muted">Note for the teacher: {entry.note}</p>}
          <ItemBody item={entry.item} />
          <Reveal item={entry.item} id={`reveal-${n + 1}`} />
        </section>
      ))}
    </Layout>,
  )
})
