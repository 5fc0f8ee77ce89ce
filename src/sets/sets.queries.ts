/**
 * Item sets and their published versions. A set is a working draft (ordered items with a note
 * each); publishing snapshots it as version n: the item revisions it pins and the items as they
 * were then, already rendered, so a published version never changes and reading it renders
 * nothing. Withdrawal marks a version but keeps it.
 */
import { and, asc, count, desc, eq, inArray, max, sql } from 'drizzle-orm'
import {
  itemRevisions,
  items,
  itemSetEntries,
  itemSets,
  itemSetVersions,
  type SetVersionEntry,
} from '../db/schema.ts'
import { getItem, type ItemDetail } from '../items/items.queries.ts'
import type { CurrentUser } from '../lib/context.ts'
import { newId } from '../accounts/secrets.ts'
import { requireCurator } from '../hubs/hubs.queries.ts'
import { chunk, type Db, orConflict } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { editedRevision, nextRevision } from '../lib/revisions.ts'
import { requireWorkgroupRole } from '../workgroups/workgroups.queries.ts'

export const MAX_SET_ITEMS = 100

export interface SetInput {
  title: string
  description: string
  years: number[]
  entries: { itemId: string; note: string }[]
}

/** A version entry as stored: the pin, and the item as it was when published. */
export type SnapshotEntry = SetVersionEntry & { item: ItemDetail }

export async function getSetRow(db: Db, setId: string) {
  const [row] = await db.select().from(itemSets).where(eq(itemSets.id, setId))
  return row ?? null
}

/**
 * The object-level guard: hub sets are managed by the hub's curators, workgroup sets by the
 * workgroup's members (non-members get 404 as for everything in a private workgroup).
 */
export async function requireSetManager(db: Db, setId: string, user: CurrentUser) {
  const set = await getSetRow(db, setId)
  if (!set) throw notFound('That set')
  await requireOwner(db, set.ownerType, set.ownerId, user)
  return set
}

export async function requireOwner(
  db: Db,
  ownerType: 'hub' | 'workgroup',
  ownerId: string,
  user: CurrentUser,
) {
  if (ownerType === 'hub') await requireCurator(db, ownerId, user)
  else await requireWorkgroupRole(db, ownerId, user.id, 'member')
}

/** Published items only; unknown ids are a 400 naming each. */
async function checkItems(db: Db, itemIds: string[]) {
  const unique = [...new Set(itemIds)]
  const found = new Set<string>()
  for (const ids of chunk(unique, 90)) {
    const rows = await db
      .select({ id: items.id })
      .from(items)
      .where(and(inArray(items.id, ids), eq(items.status, 'published')))
    rows.forEach((r) => found.add(r.id))
  }
  const missing = itemIds.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id))
  if (missing.length > 0) {
    throw new ApiError(400, 'Some items are not published items of the bank', {
      errors: missing.map(({ id, i }) => ({
        in: 'body',
        field: `entries.${i}.itemId`,
        message: `no published item "${id}"`,
      })),
    })
  }
}

/**
 * The draft's entries, in order, as one statement (one bound JSON array rather than a row of
 * parameters per entry). With a revision, they are written only while the set is still at it.
 */
function entriesStatement(db: Db, setId: string, entries: SetInput['entries'], onlyAt?: number) {
  const guard =
    onlyAt === undefined
      ? sql`where true`
      : sql`where exists (select 1 from item_sets where id = ${setId} and revision = ${onlyAt})`
  return db.insert(itemSetEntries).select(
    sql`select ${setId}, key + 1, value ->> 'itemId', value ->> 'note'
      from json_each(${JSON.stringify(entries)}) ${guard}`,
  )
}

export async function createSet(
  db: Db,
  owner: { type: 'hub' | 'workgroup'; id: string },
  userId: string,
  input: SetInput,
) {
  await checkItems(
    db,
    input.entries.map((e) => e.itemId),
  )
  const id = newId()
  await db.batch([
    db.insert(itemSets).values({
      id,
      ownerType: owner.type,
      ownerId: owner.id,
      title: input.title,
      description: input.description,
      years: input.years,
      createdBy: userId,
    }),
    entriesStatement(db, id, input.entries),
  ])
  return id
}

/**
 * Replace a set's draft (title, description, years and the ordered entries) in one batch, if it
 * is still at the revision the caller saw (else 412): the entries are rewritten only while the
 * set is at that revision, and the set's row, written last, moves it on.
 */
export async function updateSet(db: Db, setId: string, input: SetInput, expected: number) {
  await checkItems(
    db,
    input.entries.map((e) => e.itemId),
  )
  const atExpected = sql`exists (select 1 from item_sets where id = ${setId} and revision = ${expected})`
  const [, , updated] = await db.batch([
    db.delete(itemSetEntries).where(and(eq(itemSetEntries.setId, setId), atExpected)),
    entriesStatement(db, setId, input.entries, expected),
    db
      .update(itemSets)
      .set({
        title: input.title,
        description: input.description,
        years: input.years,
        revision: nextRevision(itemSets.revision),
        updatedAt: new Date().toISOString(),
      })
      .where(and(eq(itemSets.id, setId), eq(itemSets.revision, expected)))
      .returning({ revision: itemSets.revision }),
  ])
  return editedRevision(
    updated,
    () => db.select({ revision: itemSets.revision }).from(itemSets).where(eq(itemSets.id, setId)),
    'That set',
  )
}

export async function getSet(db: Db, setId: string) {
  const set = await getSetRow(db, setId)
  if (!set) return null
  const [entries, versions] = await Promise.all([
    db
      .select({
        position: itemSetEntries.position,
        itemId: itemSetEntries.itemId,
        note: itemSetEntries.note,
        construct: items.construct,
      })
      .from(itemSetEntries)
      .innerJoin(items, eq(items.id, itemSetEntries.itemId))
      .where(eq(itemSetEntries.setId, setId))
      .orderBy(asc(itemSetEntries.position)),
    listVersions(db, setId),
  ])
  return { ...set, entries, versions }
}

export async function listVersions(db: Db, setId: string) {
  const rows = await db
    .select({
      version: itemSetVersions.version,
      title: itemSetVersions.title,
      changelog: itemSetVersions.changelog,
      publishedAt: itemSetVersions.publishedAt,
      withdrawnAt: itemSetVersions.withdrawnAt,
      withdrawnReason: itemSetVersions.withdrawnReason,
    })
    .from(itemSetVersions)
    .where(eq(itemSetVersions.setId, setId))
    .orderBy(desc(itemSetVersions.version))
  return rows
}

export async function listHubSets(db: Db, hubSlug: string) {
  const sets = await db
    .select({
      id: itemSets.id,
      title: itemSets.title,
      description: itemSets.description,
      years: itemSets.years,
      latestVersion: max(itemSetVersions.version),
    })
    .from(itemSets)
    .innerJoin(itemSetVersions, eq(itemSetVersions.setId, itemSets.id))
    .where(and(eq(itemSets.ownerType, 'hub'), eq(itemSets.ownerId, hubSlug)))
    .groupBy(itemSets.id)
    .orderBy(asc(itemSets.title))
  return sets
}

export async function getVersion(db: Db, setId: string, version: number) {
  const [row] = await db
    .select()
    .from(itemSetVersions)
    .where(and(eq(itemSetVersions.setId, setId), eq(itemSetVersions.version, version)))
  return row ? { ...row, entries: row.entries as SnapshotEntry[] } : null
}

/** What changed since the previous version, in words a teacher can read. */
export function changelog(
  previous: {
    title: string
    description: string
    years: number[]
    entries: SnapshotEntry[]
  } | null,
  next: { title: string; description: string; years: number[]; entries: SnapshotEntry[] },
): string[] {
  if (!previous)
    return [`First version: ${next.entries.length} item${next.entries.length === 1 ? '' : 's'}.`]
  const lines: string[] = []
  if (previous.title !== next.title) lines.push(`Title changed to “${next.title}”.`)
  if (previous.description !== next.description) lines.push('Description changed.')
  if (previous.years.join() !== next.years.join())
    lines.push(`Year groups now ${next.years.join(', ')}.`)
  const before = new Map(previous.entries.map((e, i) => [e.itemId, { ...e, position: i + 1 }]))
  const after = new Map(next.entries.map((e, i) => [e.itemId, { ...e, position: i + 1 }]))
  for (const [id, e] of after) {
    const old = before.get(id)
    if (!old) lines.push(`Added “${e.item.construct}” at position ${e.position}.`)
    else {
      if (old.revision !== e.revision)
        lines.push(`“${e.item.construct}” updated to revision ${e.revision}.`)
      if (old.position !== e.position)
        lines.push(`“${e.item.construct}” moved from position ${old.position} to ${e.position}.`)
      if (old.note !== e.note) lines.push(`Note on “${e.item.construct}” changed.`)
    }
  }
  for (const [id, e] of before) if (!after.has(id)) lines.push(`Removed “${e.item.construct}”.`)
  return lines.length > 0 ? lines : ['Republished with no changes.']
}

/** Publish the set's current draft as the next numbered version (hub sets only). */
export async function publishSetVersion(db: Db, setId: string, userId: string) {
  const set = await getSet(db, setId)
  if (!set) throw notFound('That set')
  if (set.ownerType !== 'hub')
    throw new ApiError(
      409,
      'Only hub sets are published; a workgroup set is for the workgroup itself',
    )
  if (set.entries.length === 0)
    throw new ApiError(409, 'A set needs at least one item before it is published')
  const ids = set.entries.map((e) => e.itemId)
  const revisions = new Map<string, number>()
  for (const part of chunk([...new Set(ids)], 90)) {
    const rows = await db
      .select({ itemId: itemRevisions.itemId, revision: max(itemRevisions.revision) })
      .from(itemRevisions)
      .where(inArray(itemRevisions.itemId, part))
      .groupBy(itemRevisions.itemId)
    rows.forEach((r) => revisions.set(r.itemId, r.revision ?? 1))
  }
  const snapshots = await Promise.all(ids.map((id) => getItem(db, id)))
  const entries: SnapshotEntry[] = set.entries.map((e, i) => {
    const item = snapshots[i]
    if (!item)
      throw new ApiError(
        409,
        `Item "${e.itemId}" is no longer published; remove it from the set first`,
      )
    return { itemId: e.itemId, revision: revisions.get(e.itemId) ?? 1, note: e.note, item }
  })
  const latest = set.versions[0] ? await getVersion(db, setId, set.versions[0].version) : null
  const version = (latest?.version ?? 0) + 1
  const next = { title: set.title, description: set.description, years: set.years, entries }
  const row = {
    setId,
    version,
    ...next,
    changelog: changelog(latest, next),
    publishedBy: userId,
    publishedAt: new Date().toISOString(),
  }
  // The primary key (set, version) refuses a concurrent publish of the same number.
  await orConflict(
    db.insert(itemSetVersions).values(row),
    `Version ${version} of this set was published by someone else at the same moment`,
  )
  return row
}

export async function withdrawVersion(
  db: Db,
  setId: string,
  version: number,
  userId: string,
  reason: string,
) {
  const existing = await getVersion(db, setId, version)
  if (!existing) throw notFound(`Version ${version}`)
  if (existing.withdrawnAt) throw new ApiError(409, `Version ${version} was already withdrawn`)
  await db
    .update(itemSetVersions)
    .set({ withdrawnAt: new Date().toISOString(), withdrawnBy: userId, withdrawnReason: reason })
    .where(and(eq(itemSetVersions.setId, setId), eq(itemSetVersions.version, version)))
}

/** Published versions never change (withdrawal aside), so caches may keep them for a day. */
export const PUBLISHED_CACHE = 'public, max-age=86400, stale-while-revalidate=604800'

/** A published version of a hub set; anything else is not public (404). */
export async function publicVersion(db: Db, setId: string, version: number) {
  const set = await getSetRow(db, setId)
  const row = set?.ownerType === 'hub' ? await getVersion(db, setId, version) : null
  if (!row) throw notFound(`Version ${version} of that set`)
  return row
}

/** A workgroup's sets (drafts it keeps for its own lessons), newest first, with their sizes. */
export async function listWorkgroupSets(db: Db, workgroupId: string) {
  return db
    .select({
      id: itemSets.id,
      title: itemSets.title,
      updatedAt: itemSets.updatedAt,
      itemCount: count(itemSetEntries.itemId),
    })
    .from(itemSets)
    .leftJoin(itemSetEntries, eq(itemSetEntries.setId, itemSets.id))
    .where(and(eq(itemSets.ownerType, 'workgroup'), eq(itemSets.ownerId, workgroupId)))
    .groupBy(itemSets.id)
    .orderBy(desc(itemSets.updatedAt))
}
