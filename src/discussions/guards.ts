/**
 * What discussions and annotations share: rendering a written field (TeX errors become a 400 on
 * that field, never a 500), checking classroom evidence against the item, who may see a thread,
 * who moderates it, and the posting rate limit for new accounts.
 */
import type { Context } from 'hono'
import type { CurrentUser, AppEnv } from '../lib/context.ts'
import type { EvidenceCounts, ThreadTargetKind } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { renderer } from '../lib/rendered.ts'
import { requireWorkgroupRole, workgroupRole } from '../workgroups/workgroups.queries.ts'
import { accountCreatedAt } from '../accounts/accounts.queries.ts'
import { isCuratorOrAdmin } from '../hubs/hubs.queries.ts'
import { optionLabels, requirePublishedItem } from '../items/items.queries.ts'
import { limitRate } from '../lib/rate-limit.ts'
import { requireMisconception } from '../misconceptions/misconceptions.queries.ts'
import { postRow, type ThreadRow, threadRow } from './posts.queries.ts'

export const invalid = (field: string, message: string) =>
  new ApiError(400, 'The request body is not valid', {
    errors: [{ in: 'body', field, message }],
  })

/**
 * Markdown + TeX → HTML at write time, in the renderer Worker; TeX KaTeX refuses (macro bombs
 * included) is a 400 on that field.
 */
export async function renderField(field: string, source: string): Promise<string> {
  const result = await renderer().renderField(field, source)
  if (result.ok) return result.value
  throw invalid(field, result.problems[0]?.message ?? 'does not render')
}

/** The target must exist and, for items, be published. */
export async function requireTarget(db: Db, kind: ThreadTargetKind, id: string) {
  if (kind === 'item') await requirePublishedItem(db, id)
  else await requireMisconception(db, id)
}

/**
 * Counts must name options the item has, and (unless pupils may pick several) add up to no more
 * than the pupils asked. Single counts over `pupilsAsked` are refused by the schema already.
 */
export async function checkEvidence(
  db: Db,
  field: string,
  evidence: EvidenceCounts | null | undefined,
  itemId: string | null,
) {
  if (!evidence) return
  const counted = Object.entries(evidence.counts)
  let multiple = false
  if (itemId) {
    const rows = await optionLabels(db, itemId)
    const labels = new Set(rows.map((r) => r.label))
    multiple = rows[0]?.multiple ?? false
    for (const [label] of counted)
      if (!labels.has(label))
        throw invalid(`${field}.counts.${label}`, `the item has no option ${label}`)
  }
  const total = counted.reduce((sum, [, n]) => sum + (n ?? 0), 0)
  if (!multiple && total > evidence.pupilsAsked)
    throw invalid(
      `${field}.counts`,
      `the counts add up to ${total}, more than the ${evidence.pupilsAsked} pupils asked`,
    )
}

/** A thread the caller may read: public ones to anyone, workgroup ones to members (404 else). */
/** A post and its thread, if the caller may see the thread (404 otherwise). */
export async function visiblePost(db: Db, postId: string, user: CurrentUser | null) {
  const post = await postRow(db, postId)
  if (!post) throw notFound('That post')
  const thread = await visibleThread(db, post.threadId, user).catch(() => {
    throw notFound('That post')
  })
  return { post, thread }
}

export async function visibleThread(db: Db, threadId: string, user: CurrentUser | null) {
  const thread = await threadRow(db, threadId)
  if (!thread || !(await canSee(db, thread, user))) throw notFound('That thread')
  return thread
}

export async function canSee(db: Db, thread: ThreadRow, user: CurrentUser | null) {
  if (!thread.workgroupId) return true
  return Boolean(user && (await workgroupRole(db, thread.workgroupId, user.id)))
}

/**
 * Public threads are moderated by hub curators (of any hub) and site admins; a workgroup's own
 * threads by its leads, since nobody outside the workgroup may read them (404 for them).
 */
export async function requireModeratorOf(db: Db, workgroupId: string | null, user: CurrentUser) {
  if (workgroupId) {
    await requireWorkgroupRole(db, workgroupId, user.id, 'lead')
    return
  }
  if (!(await isCuratorOrAdmin(db, user)))
    throw new ApiError(403, 'Only hub curators and site admins moderate public threads')
}

export const requireModerator = (db: Db, thread: ThreadRow, user: CurrentUser) =>
  requireModeratorOf(db, thread.workgroupId, user)

export const NEW_ACCOUNT_MS = 24 * 3600 * 1000

/** Accounts younger than a day may post only so often (POST_RATE_LIMITER, per account). */
export async function limitNewAccountPosting(c: Context<AppEnv>, db: Db, userId: string) {
  const createdAt = await accountCreatedAt(db, userId)
  if (!createdAt || Date.now() - Date.parse(createdAt) >= NEW_ACCOUNT_MS) return
  await limitRate(
    c,
    'POST_RATE_LIMITER',
    `post:${userId}`,
    'New accounts may post only a few times a minute; try again shortly',
  )
}
