/**
 * Reading annotations into their API shapes, and the public credit for accepted ones: which
 * workgroup proposed it, who endorsed it, which curator accepted it, and when.
 */
import { and, asc, desc, eq, gt, inArray, lt, or } from 'drizzle-orm'
import {
  annotationResponses,
  annotations,
  misconceptions,
  users,
  workgroups,
} from '../db/schema.ts'
import { chunk, type Db } from '../lib/db.ts'

type Row = typeof annotations.$inferSelect

/** Rows → API shapes, with names, misconception titles and responses looked up together. */
export async function toAnnotations(db: Db, rows: Row[]) {
  if (rows.length === 0) return []
  const people = new Set(
    rows.flatMap((r) => [r.proposedBy, r.acceptedBy ?? r.proposedBy, r.rejectedBy ?? r.proposedBy]),
  )
  const responses: { r: typeof annotationResponses.$inferSelect; name: string }[] = []
  for (const ids of chunk(
    rows.map((r) => r.id),
    90,
  ))
    responses.push(
      ...(await db
        .select({ r: annotationResponses, name: users.displayName })
        .from(annotationResponses)
        .innerJoin(users, eq(users.id, annotationResponses.userId))
        .where(inArray(annotationResponses.annotationId, ids))
        .orderBy(asc(annotationResponses.at))),
    )
  const names = new Map<string, string>()
  for (const ids of chunk([...people], 90))
    for (const u of await db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, ids)))
      names.set(u.id, u.name)
  const slugs = [
    ...new Set(rows.flatMap((r) => (r.misconceptionSlug ? [r.misconceptionSlug] : []))),
  ]
  const titles = new Map<string, string>()
  for (const part of chunk(slugs, 90))
    for (const m of await db
      .select({ slug: misconceptions.slug, title: misconceptions.title })
      .from(misconceptions)
      .where(inArray(misconceptions.slug, part)))
      titles.set(m.slug, m.title)
  const groups = new Map<string, string>()
  for (const part of chunk([...new Set(rows.map((r) => r.workgroupId))], 90))
    for (const g of await db
      .select({ id: workgroups.id, name: workgroups.name })
      .from(workgroups)
      .where(inArray(workgroups.id, part)))
      groups.set(g.id, g.name)
  const person = (id: string) => ({ id, displayName: names.get(id) ?? '(deleted user)' })
  return rows.map((r) => ({
    id: r.id,
    workgroup: { id: r.workgroupId, name: groups.get(r.workgroupId) ?? '' },
    itemId: r.itemId,
    label: r.label,
    misconception:
      r.misconceptionSlug && titles.has(r.misconceptionSlug)
        ? { slug: r.misconceptionSlug, title: titles.get(r.misconceptionSlug) ?? '' }
        : null,
    draft:
      // Once accepted the draft is the bank's misconception; a rejected one stays readable.
      r.draftSlug && r.status !== 'accepted'
        ? {
            slug: r.draftSlug,
            title: r.draftTitle ?? '',
            description: {
              source: r.draftDescriptionSource ?? '',
              html: r.draftDescriptionHtml ?? '',
            },
          }
        : null,
    evidence: { source: r.evidenceSource, html: r.evidenceHtml },
    counts: r.evidenceCounts ?? null,
    status: r.status,
    proposedBy: person(r.proposedBy),
    proposedAt: r.proposedAt,
    responses: responses
      .filter((x) => x.r.annotationId === r.id)
      .map((x) => ({
        user: { id: x.r.userId, displayName: x.name },
        vote: x.r.vote,
        comment: x.r.comment,
        at: x.r.at,
      })),
    accepted:
      r.acceptedBy && r.acceptedAt && r.acceptedHubSlug
        ? { by: person(r.acceptedBy), at: r.acceptedAt, hubSlug: r.acceptedHubSlug }
        : null,
    rejected:
      r.rejectedBy && r.rejectedAt && r.rejectedHubSlug
        ? {
            by: person(r.rejectedBy),
            at: r.rejectedAt,
            hubSlug: r.rejectedHubSlug,
            reason: r.rejectedReason ?? '',
          }
        : null,
  }))
}

/** Keyset page by (proposedAt, id): newest first for a workgroup, oldest first for review. */
export async function listAnnotations(
  db: Db,
  filter: { workgroupId: string } | { status: 'proposed' },
  page: { limit: number; after?: string },
) {
  const newestFirst = 'workgroupId' in filter
  const [at, id] = (page.after ?? '').split('|')
  const past = newestFirst ? lt : gt
  const rows = await db
    .select()
    .from(annotations)
    .where(
      and(
        'workgroupId' in filter
          ? eq(annotations.workgroupId, filter.workgroupId)
          : eq(annotations.status, filter.status),
        page.after && at !== undefined && id !== undefined
          ? or(
              past(annotations.proposedAt, at),
              and(eq(annotations.proposedAt, at), past(annotations.id, id)),
            )
          : undefined,
      ),
    )
    .orderBy(
      ...(newestFirst
        ? [desc(annotations.proposedAt), desc(annotations.id)]
        : [asc(annotations.proposedAt), asc(annotations.id)]),
    )
    .limit(page.limit + 1)
  return toAnnotations(db, rows)
}

export const annotationKey = (a: { proposedAt: string; id: string }) => `${a.proposedAt}|${a.id}`

/** Accepted annotations on an item, for crediting the workgroups (public). */
export async function itemCredits(db: Db, itemId: string) {
  const rows = await db
    .select()
    .from(annotations)
    .where(and(eq(annotations.itemId, itemId), eq(annotations.status, 'accepted')))
    .orderBy(asc(annotations.label), asc(annotations.acceptedAt))
  const shaped = await toAnnotations(db, rows)
  return shaped.flatMap((a) =>
    a.accepted && a.misconception
      ? [
          {
            label: a.label,
            misconception: a.misconception,
            workgroup: a.workgroup,
            proposedBy: a.proposedBy,
            proposedAt: a.proposedAt,
            endorsedBy: a.responses
              .filter((r) => r.vote === 'endorse')
              .map((r) => ({ ...r.user, at: r.at })),
            acceptedBy: a.accepted.by,
            acceptedAt: a.accepted.at,
            hubSlug: a.accepted.hubSlug,
          },
        ]
      : [],
  )
}

/**
 * The annotations on an item a viewer may see, by option: accepted ones (public) and every one of
 * the viewer's own workgroups (proposed, rejected or accepted), oldest first within an option.
 */
export async function itemAnnotations(db: Db, itemId: string, workgroupIds: string[]) {
  const rows = await db
    .select()
    .from(annotations)
    .where(
      and(
        eq(annotations.itemId, itemId),
        workgroupIds.length > 0
          ? or(
              eq(annotations.status, 'accepted'),
              // Bounded: a teacher is in a handful of workgroups, never near D1's parameter limit.
              inArray(annotations.workgroupId, workgroupIds.slice(0, 90)),
            )
          : eq(annotations.status, 'accepted'),
      ),
    )
    .orderBy(asc(annotations.label), asc(annotations.proposedAt), asc(annotations.id))
    .limit(200)
  return toAnnotations(db, rows)
}
