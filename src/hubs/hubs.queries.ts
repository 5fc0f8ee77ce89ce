/** Hubs (a Maths Hub, a trust, a research school) and their curators. */
import { and, asc, eq, inArray } from 'drizzle-orm'
import { auditStatement } from '../audit/audit.queries.ts'
import { hubCurators, hubs, users } from '../db/schema.ts'
import type { CurrentUser } from '../lib/context.ts'
import type { Db } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { atRevision, editedRevision, nextRevision } from '../lib/revisions.ts'

export async function isCurator(db: Db, hubSlug: string, userId: string) {
  const [row] = await db
    .select({ userId: hubCurators.userId })
    .from(hubCurators)
    .where(and(eq(hubCurators.hubSlug, hubSlug), eq(hubCurators.userId, userId)))
  return Boolean(row)
}

/** The object-level guard for managing a hub: its curators and site admins. */
export async function requireCurator(db: Db, hubSlug: string, user: CurrentUser) {
  if (!(await getHubRow(db, hubSlug))) throw notFound('That hub')
  if (!user.isSiteAdmin && !(await isCurator(db, hubSlug, user.id))) {
    throw new ApiError(403, 'Only curators of this hub may do this')
  }
}

/** Curators of any hub and site admins: who reviews proposals and moderates public threads. */
export async function isCuratorOrAdmin(db: Db, user: CurrentUser) {
  if (user.isSiteAdmin) return true
  const [row] = await db
    .select({ userId: hubCurators.userId })
    .from(hubCurators)
    .where(eq(hubCurators.userId, user.id))
    .limit(1)
  return Boolean(row)
}

async function getHubRow(db: Db, slug: string) {
  const [row] = await db.select().from(hubs).where(eq(hubs.slug, slug))
  return row ?? null
}

async function curatorsOf(db: Db, slugs: string[]) {
  if (slugs.length === 0)
    return new Map<string, { id: string; displayName: string; school: string | null }[]>()
  const rows = await db
    .select({
      hubSlug: hubCurators.hubSlug,
      id: users.id,
      displayName: users.displayName,
      school: users.school,
    })
    .from(hubCurators)
    .innerJoin(users, eq(users.id, hubCurators.userId))
    .where(inArray(hubCurators.hubSlug, slugs))
    .orderBy(asc(users.displayName))
  const map = new Map<string, { id: string; displayName: string; school: string | null }[]>()
  for (const { hubSlug, ...curator } of rows)
    map.set(hubSlug, [...(map.get(hubSlug) ?? []), curator])
  return map
}

export async function listHubs(db: Db) {
  const rows = await db.select().from(hubs).orderBy(asc(hubs.name)).limit(100)
  const curators = await curatorsOf(
    db,
    rows.map((r) => r.slug),
  )
  return rows.map((hub) => ({ ...hub, curators: curators.get(hub.slug) ?? [] }))
}

export async function getHub(db: Db, slug: string) {
  const hub = await getHubRow(db, slug)
  if (!hub) return null
  return { ...hub, curators: (await curatorsOf(db, [slug])).get(slug) ?? [] }
}

/** Create a hub; false when the slug is taken. */
export async function createHub(
  db: Db,
  actorId: string,
  input: { slug: string; name: string; description?: string },
) {
  if (await getHubRow(db, input.slug)) return false
  await db.batch([
    db
      .insert(hubs)
      .values({ slug: input.slug, name: input.name, description: input.description ?? '' }),
    auditStatement(db, { actorId, action: 'hub.created', scope: 'hub', scopeId: input.slug }),
  ])
  return true
}

/** Rename or describe a hub, if it is still at the revision the caller saw; the new revision. */
export async function updateHub(
  db: Db,
  slug: string,
  changes: { name?: string; description?: string },
  expected?: number,
) {
  const updated = await db
    .update(hubs)
    .set({ ...changes, revision: nextRevision(hubs.revision), updatedAt: new Date().toISOString() })
    .where(and(eq(hubs.slug, slug), atRevision(hubs.revision, expected)))
    .returning({ revision: hubs.revision })
  return editedRevision(
    updated,
    () => db.select({ revision: hubs.revision }).from(hubs).where(eq(hubs.slug, slug)),
    'That hub',
  )
}

export async function addCurator(db: Db, actorId: string, hubSlug: string, userId: string) {
  if (!(await getHubRow(db, hubSlug))) throw notFound('That hub')
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId))
  if (!user) throw notFound('That user')
  if (await isCurator(db, hubSlug, userId)) return
  await db.batch([
    db
      .insert(hubCurators)
      .values({ hubSlug, userId, addedBy: actorId, addedAt: new Date().toISOString() }),
    auditStatement(db, {
      actorId,
      action: 'curator.added',
      scope: 'hub',
      scopeId: hubSlug,
      subjectUserId: userId,
    }),
  ])
}

export async function removeCurator(db: Db, actorId: string, hubSlug: string, userId: string) {
  if (!(await isCurator(db, hubSlug, userId))) throw notFound('That curator')
  await db.batch([
    db
      .delete(hubCurators)
      .where(and(eq(hubCurators.hubSlug, hubSlug), eq(hubCurators.userId, userId))),
    auditStatement(db, {
      actorId,
      action: 'curator.removed',
      scope: 'hub',
      scopeId: hubSlug,
      subjectUserId: userId,
    }),
  ])
}
