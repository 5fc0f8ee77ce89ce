/** The bank itself: the taxonomy, misconceptions, items with their options, and the bank version. */
import { foreignKey, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { revisioned, timestamps } from './columns.ts'

/** A strand of the National Curriculum (e.g. "Fractions, decimals and percentages"). */
export const strands = sqliteTable('strands', {
  slug: text().primaryKey(),
  name: text().notNull(),
  position: integer().notNull(),
})

/** A topic within a strand, with the key stages the curriculum teaches it in. */
export const topics = sqliteTable(
  'topics',
  {
    slug: text().primaryKey(),
    strandSlug: text()
      .notNull()
      .references(() => strands.slug),
    name: text().notNull(),
    keyStages: text({ mode: 'json' }).$type<number[]>().notNull(),
    position: integer().notNull(),
  },
  (t) => [index('topics_strand_idx').on(t.strandSlug)],
)

export const misconceptions = sqliteTable(
  'misconceptions',
  {
    slug: text().primaryKey(),
    title: text().notNull(),
    topicSlug: text()
      .notNull()
      .references(() => topics.slug),
    descriptionSource: text().notNull(),
    descriptionHtml: text().notNull(),
    whyItArisesSource: text().notNull(),
    whyItArisesHtml: text().notNull(),
    howToAddressSource: text().notNull(),
    howToAddressHtml: text().notNull(),
    references: text({ mode: 'json' }).$type<{ citation: string; url?: string }[]>().notNull(),
    /** Hash of the source fields: updatedAt only moves when the content really changed. */
    contentHash: text().notNull(),
    /** Moved by a hub's edit (If-Match); a content seed leaves it be. */
    ...revisioned,
    ...timestamps,
  },
  (t) => [index('misconceptions_topic_idx').on(t.topicSlug)],
)

/** Symmetric in meaning, stored in the direction it was written. */
export const misconceptionRelations = sqliteTable(
  'misconception_relations',
  {
    slug: text()
      .notNull()
      .references(() => misconceptions.slug, { onDelete: 'cascade' }),
    relatedSlug: text()
      .notNull()
      .references(() => misconceptions.slug, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.slug, t.relatedSlug] })],
)

export const itemStatuses = ['draft', 'review', 'published'] as const
export type ItemStatus = (typeof itemStatuses)[number]

/**
 * What an item is for: a diagnostic item is voted on by a class, each wrong answer naming a
 * misconception; a discussion item is for teachers (the 4 by 4 square, whose area and perimeter
 * are both 16, cannot diagnose the confusion but is worth talking about).
 */
export const itemPurposes = ['diagnostic', 'discussion'] as const
export type ItemPurpose = (typeof itemPurposes)[number]

export const items = sqliteTable(
  'items',
  {
    /** Stable public id, e.g. `perimeter-of-a-3-by-5-rectangle`. */
    id: text().primaryKey(),
    construct: text().notNull(),
    topicSlug: text()
      .notNull()
      .references(() => topics.slug),
    stemSource: text().notNull(),
    stemHtml: text().notNull(),
    /** Sanitized SVG, or null. */
    diagramSvg: text(),
    multipleAnswers: integer({ mode: 'boolean' }).notNull().default(false),
    source: text().notNull(),
    licence: text().notNull(),
    status: text({ enum: itemStatuses }).notNull(),
    purpose: text({ enum: itemPurposes }).notNull().default('diagnostic'),
    contentHash: text().notNull(),
    /** The hub whose curators author it through the API; null for content/ and imports. */
    hubSlug: text(),
    ...timestamps,
  },
  (t) => [index('items_topic_idx').on(t.topicSlug), index('items_status_idx').on(t.status)],
)

export const itemYears = sqliteTable(
  'item_years',
  {
    itemId: text()
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    year: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.year] }), index('item_years_year_idx').on(t.year)],
)

export const options = sqliteTable(
  'options',
  {
    itemId: text()
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    /** A, B, C… in display order. */
    label: text().notNull(),
    textSource: text().notNull(),
    textHtml: text().notNull(),
    isCorrect: integer({ mode: 'boolean' }).notNull(),
    explanationSource: text().notNull(),
    explanationHtml: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.label] })],
)

/** Which misconception(s) choosing a wrong option reveals. */
export const optionMisconceptions = sqliteTable(
  'option_misconceptions',
  {
    itemId: text().notNull(),
    label: text().notNull(),
    misconceptionSlug: text()
      .notNull()
      .references(() => misconceptions.slug),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.label, t.misconceptionSlug] }),
    foreignKey({
      columns: [t.itemId, t.label],
      foreignColumns: [options.itemId, options.label],
    }).onDelete('cascade'),
    index('option_misconceptions_slug_idx').on(t.misconceptionSlug),
  ],
)

/**
 * Small key/value facts about the bank. `bank_version` is bumped by every write to the bank so
 * that each isolate can tell, with one cheap read, whether its search index is stale.
 */
export const bankMeta = sqliteTable('bank_meta', {
  key: text().primaryKey(),
  value: text().notNull(),
})
