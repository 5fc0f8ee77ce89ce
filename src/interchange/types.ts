/**
 * The shapes every interchange format shares: what an export is given (an `ExportBundle` of
 * items as stored, TeX and Markdown still as source) and what an import hands back (inputs for
 * the same zod schemas `content/` files go through, plus problems by row).
 */
import type { ItemInput, MisconceptionInput } from '../bank/schemas.ts'
import type { ItemPurpose } from '../db/schema.ts'

export interface ExportOption {
  /** A, B, C…: the option's position, kept so feedback and teacher notes can name it. */
  label: string
  /** Markdown + TeX source. */
  text: string
  correct: boolean
  /** Markdown + TeX source. */
  explanation: string
  misconceptions: { slug: string; title: string }[]
}

export interface ExportItem {
  id: string
  construct: string
  topic: string
  /** The topic's name ("Fractions"), for the categories Moodle and GIFT file questions under. */
  topicName?: string
  strand?: string
  years: number[]
  /** Markdown + TeX source. */
  stem: string
  /** Sanitised SVG, as stored. */
  diagramSvg: string | null
  /** Absent means single-answer, which is what almost every item is. */
  multipleAnswers?: boolean
  /** Absent means diagnostic; a discussion item is for teachers rather than a class vote. */
  purpose?: ItemPurpose
  options: ExportOption[]
  source: string
  licence: string
  /** The set's note for the teacher about this item (sets only). */
  note?: string
}

/**
 * Whether an item takes several answers. Callers may leave `multipleAnswers` out; then more
 * than one correct option says so (a single-answer item has exactly one, by schema).
 */
export const isMultipleAnswer = (item: ExportItem): boolean =>
  item.multipleAnswers ?? item.options.filter((o) => o.correct).length > 1

/** Misconception records in exactly the shape the input schema takes, so JSON re-imports them. */
export type ExportMisconception = MisconceptionInput

/** An image an item refers to as `/api/media/<key>` in its Markdown, with its bytes. */
export interface MediaFile {
  key: string
  contentType: string
  bytes: Uint8Array
}

export interface ExportBundle {
  title?: string
  description?: string
  items: ExportItem[]
  misconceptions: ExportMisconception[]
  /**
   * The category Moodle and GIFT file the questions under (a set's title); each topic gets a
   * category of its own beneath it.
   */
  category?: string
  /** The images the items refer to, by key; a format that can carry files carries these. */
  media?: MediaFile[]
}

export interface ExportOptions {
  /**
   * Let the target shuffle the options for each pupil (Moodle `shuffleanswers`, QTI `shuffle`).
   * Each option then shows our letter in its text, so the answer key and the misconception
   * feedback, which name options by letter, stay true whatever order a pupil sees.
   */
  shuffle?: boolean
}

/**
 * Something wrong with one row (question) of an imported file. Without `flag` the row was
 * skipped; with `flag` it was imported but someone should look at it (e.g. a missing image).
 */
export interface ImportProblem {
  /** 1-based row or question number in the file; null when the problem is not one row's. */
  row: number | null
  message: string
  flag?: true
}

/**
 * An imported item with the row it came from (for reports) and the set's teacher note when the
 * file carried one (our exports write them); strip both before validating.
 */
export type ImportedItem = ItemInput & { row: number; note?: string }

/** What every importer hands back. */
export interface ImportResult {
  items: ImportedItem[]
  misconceptions: MisconceptionInput[]
  problems: ImportProblem[]
  /** Images the file carried that the items now refer to (`/api/media/<key>`). */
  media: MediaFile[]
}

export interface ImportOptions {
  /** SPDX licence for imported items. Default `NOASSERTION`: we cannot know it for them. */
  licence?: string
  /** Status of imported items. Default `draft`, so nothing imported is public until reviewed. */
  status?: ItemInput['status']
  /** The file's name, for `source` ("Imported from …"). */
  sourceName?: string
  /** Year groups when the file does not say. Default [7, 8, 9] (KS3), see DEFAULT_YEARS. */
  years?: number[]
  /** Our topic slug for rows whose subject the keyword table cannot place. */
  defaultTopic?: string
  /**
   * The bank's topics: a category or subject named exactly like one of them (or its slug) is
   * placed there before the keyword table is asked.
   */
  topics?: { slug: string; name: string }[]
  /**
   * Misconception slugs the bank already has: a Moodle tag shortened to fit 50 characters is
   * matched against these, and the CSV layout may name them directly.
   */
  knownMisconceptions?: ReadonlySet<string>
}

/**
 * Most diagnostic-question material in circulation (the public research extract included) is
 * written for lower-secondary pupils, so KS3 is the least-wrong guess; curators can edit it.
 */
export const DEFAULT_YEARS = [7, 8, 9]

/**
 * "No licence was stated": a real SPDX value, and honest, since an imported file rarely says.
 */
export const DEFAULT_LICENCE = 'NOASSERTION'

/** zod issues → one line, with paths written the way authors see them (`options[1].text`). */
export function issuesMessage(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) => {
      const path = issue.path
        .map((part, i) =>
          typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`,
        )
        .join('')
      return `${path || '(root)'}: ${issue.message}`
    })
    .join('; ')
}
