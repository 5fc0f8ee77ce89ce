/** Workgroup annotations on items' options, the responses to them, and workgroup notes. */
import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './accounts.ts'
import { items, misconceptions } from './bank.ts'
import { workgroups } from './workgroups.ts'
import type { EvidenceCounts } from './discussions.ts'

export const annotationStatuses = ['proposed', 'accepted', 'rejected'] as const

/**
 * A workgroup's proposal that choosing an item's option reveals a misconception: an existing one
 * (`misconceptionSlug`) or one it drafts (`draft*`). Accepting it writes the link into the bank;
 * a curator may instead reject it, with a reason.
 */
export const annotations = sqliteTable(
  'annotations',
  {
    id: text().primaryKey(),
    workgroupId: text()
      .notNull()
      .references(() => workgroups.id, { onDelete: 'cascade' }),
    itemId: text()
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    label: text().notNull(),
    misconceptionSlug: text(),
    draftSlug: text(),
    draftTitle: text(),
    draftDescriptionSource: text(),
    draftDescriptionHtml: text(),
    evidenceSource: text().notNull(),
    evidenceHtml: text().notNull(),
    evidenceCounts: text({ mode: 'json' }).$type<EvidenceCounts>(),
    status: text({ enum: annotationStatuses }).notNull(),
    proposedBy: text()
      .notNull()
      .references(() => users.id),
    proposedAt: text().notNull(),
    acceptedBy: text(),
    acceptedAt: text(),
    acceptedHubSlug: text(),
    /** A curator's refusal, with the reason the workgroup reads (a proposal is decided once). */
    rejectedBy: text(),
    rejectedAt: text(),
    rejectedHubSlug: text(),
    rejectedReason: text(),
  },
  (t) => [
    index('annotations_workgroup_idx').on(t.workgroupId),
    index('annotations_item_idx').on(t.itemId, t.status),
    index('annotations_status_idx').on(t.status, t.proposedAt),
  ],
)

export const annotationVotes = ['endorse', 'dispute'] as const

export const annotationResponses = sqliteTable(
  'annotation_responses',
  {
    annotationId: text()
      .notNull()
      .references(() => annotations.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    vote: text({ enum: annotationVotes }).notNull(),
    comment: text().notNull().default(''),
    at: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.annotationId, t.userId] })],
)

/** "What we saw, what worked": private to the workgroup until a lead shares it. */
export const workgroupNotes = sqliteTable(
  'workgroup_notes',
  {
    id: text().primaryKey(),
    workgroupId: text()
      .notNull()
      .references(() => workgroups.id, { onDelete: 'cascade' }),
    misconceptionSlug: text()
      .notNull()
      .references(() => misconceptions.slug, { onDelete: 'cascade' }),
    authorId: text()
      .notNull()
      .references(() => users.id),
    bodySource: text().notNull(),
    bodyHtml: text().notNull(),
    createdAt: text().notNull(),
    sharedAt: text(),
    sharedBy: text(),
  },
  (t) => [
    index('workgroup_notes_wg_idx').on(t.workgroupId, t.misconceptionSlug),
    index('workgroup_notes_shared_idx').on(t.misconceptionSlug, t.sharedAt),
  ],
)
