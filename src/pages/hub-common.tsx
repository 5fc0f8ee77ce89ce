/**
 * What every hub management page shares: finding the hub (404), the curator guard (the same
 * requireCurator the API uses), the hub's own navigation, and its assets (public/hub.css and the
 * progressive public/hub.js, loaded only by these pages).
 */
import type { Context } from 'hono'
import { getHub, requireCurator } from '../hubs/hubs.queries.ts'
import { currentUser, type AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'

export type Hub = NonNullable<Awaited<ReturnType<typeof getHub>>>

const SLUG = /^[a-z0-9-]{1,80}$/

/** The signed-in curator (or site admin) of the hub in the URL; 401, 404 or 403 otherwise. */
export async function curatorContext(c: Context<AppEnv>) {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const slug = c.req.param('slug') ?? ''
  const hub = SLUG.test(slug) ? await getHub(db, slug) : null
  if (!hub) throw notFound('That hub')
  await requireCurator(db, hub.slug, user)
  return { user, db, hub }
}

const LINKS = [
  ['dashboard', 'Dashboard'],
  ['items/new', 'Write an item'],
  ['review', 'Review queue'],
  ['annotations', 'Annotations'],
  ['sets/new', 'New set'],
  ['import', 'Import'],
  ['audit', 'Audit log'],
] as const

/** The hub's own menu, with the current page marked for screen readers. */
export function HubNav({ hub, current }: { hub: Hub; current?: (typeof LINKS)[number][0] }) {
  return (
    <>
      <link rel="stylesheet" href="/hub.css" />
      <script src="/hub.js" defer />
      <nav aria-label={`${hub.name} curation`} class="hub-nav">
        <ul>
          {LINKS.map(([path, label]) => (
            <li>
              <a
                href={`/hubs/${hub.slug}/${path}`}
                aria-current={current === path ? 'page' : undefined}
              >
                {label}
              </a>
            </li>
          ))}
          <li>
            <a href="/moderation">Moderation</a>
          </li>
          <li>
            <a href={`/hubs/${hub.slug}`}>Public page</a>
          </li>
        </ul>
      </nav>
    </>
  )
}

/** A status message after a redirect (`?done=…`), announced politely. */
export function Done({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <p class="card notice" role="status">
      {message}
    </p>
  )
}

/** Shown after a form post redirects back: fixed words per key, never text from the URL. */
export function doneMessage(c: Context<AppEnv>, messages: Record<string, string>) {
  const key = c.req.query('done')
  return key ? (messages[key] ?? null) : null
}
