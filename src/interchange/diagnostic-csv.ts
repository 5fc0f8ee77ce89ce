/**
 * The diagnostic-question CSV layout (docs/csv-layout.md): a questions file with four
 * options A–D and a misconception id per option, and a misconceptions file of id and name.
 *
 * Files come as spreadsheets save them (read by csv-table.ts): the encoding is detected and the
 * delimiter too (comma, semicolon as Excel writes in much of Europe, tab in "Unicode text"), and
 * both are reported. Only the columns an item cannot do without are required (REQUIRED), and a
 * missing one is named; the others, and our additions that make the layout carry a whole item
 * (csv-columns.ts), are read when present. So a set exported as CSV imports back unchanged.
 *
 * Per row: a bad row is a problem with its row number (as a spreadsheet counts: the header is
 * row 1) and is left out; it never throws. A cell holding U+FFFD (a character lost before the
 * file reached us) skips its row rather than storing the loss. Ids become stable slugs
 * (`dq-<QuestionId>`, `dq-m-<MisconceptionId>`), or stay as they are when they are ours, so
 * importing the same file again yields identical inputs. Runs in workerd (csv-parse needs only
 * the Buffer global, which nodejs_compat provides) as well as in Node.
 */
import {
  itemInputSchema,
  type MisconceptionInput,
  misconceptionInputSchema,
  slug as slugSchema,
} from '../bank/schemas.ts'
import { plainText } from '../lib/plain-text.ts'
import { LETTERS, OPTIONAL, REQUIRED } from './csv-columns.ts'
import { type CsvFileInfo, type CsvInput, type CsvProblem, readTable } from './csv-table.ts'
import { replacementCount } from './encoding.ts'
import { issues } from './json.ts'
import { MISSING_IMAGE } from './text.ts'
import { topicForName, topicNamed } from './topics.ts'
import { DEFAULT_LICENCE, DEFAULT_YEARS, type ImportedItem, type ImportOptions } from './types.ts'

export interface DiagnosticCsvOptions extends ImportOptions {
  /** Name of the misconceptions file, for its records' descriptions. */
  misconceptionsSourceName?: string
}

export interface DiagnosticCsvImport {
  items: ImportedItem[]
  misconceptions: MisconceptionInput[]
  problems: CsvProblem[]
  media: []
  files: CsvFileInfo[]
}

export const questionId = (id: string): string => `dq-${id}`
export const misconceptionSlug = (id: string): string => `dq-m-${id}`

/**
 * Ids in the layout are integers, but a file that went through a dataframe often says `12.0`
 * (pandas writes a column with gaps as floats); both mean 12.
 */
function wholeNumber(value: string | undefined): string | null {
  const match = /^\s*(\d+)(?:\.0+)?\s*$/.exec(value ?? '')
  return match ? String(Number(match[1])) : null
}

/** A layout id → ours: a whole number gets the prefix; one of our own slugs stays. */
function idFrom(value: string | undefined, prefix: (id: string) => string): string | null {
  const whole = wholeNumber(value)
  if (whole !== null) return prefix(whole)
  const text = (value ?? '').trim()
  // The slug schema's own rule, as a plain test: it runs for every id cell of every row.
  return text.length >= 2 && text.length <= 80 && SLUG.test(text) ? text : null
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

// An image the file does not carry: we keep the option (a teacher can add the picture) but say so
// in the text, since an empty address renders as a broken image.
const markMissingImages = (text: string): string =>
  text.replace(new RegExp(MISSING_IMAGE.source, 'g'), (match) => {
    const alt = /!\[([^\]]*)\]/.exec(match)?.[1]?.trim()
    return `*(image not included in the imported file${alt ? `: ${alt}` : ''})*`
  })

/** A title our schema takes (3–160 characters), cut at a word boundary when the name is long. */
function titleFor(name: string, id: string): string {
  const oneLine = name.replace(/\s+/g, ' ').trim()
  if (oneLine.length < 3) return `Misconception ${id}`
  if (oneLine.length <= 160) return oneLine
  const cut = oneLine.slice(0, 159)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 100)).trimEnd()}…`
}

const list = (cell: string | undefined) =>
  (cell ?? '')
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean)

export function parseDiagnosticCsv(
  questionsCsv: CsvInput,
  misconceptionsCsv: CsvInput | undefined,
  options: DiagnosticCsvOptions = {},
): DiagnosticCsvImport {
  const problems: CsvProblem[] = []
  const files: CsvFileInfo[] = []
  const items: ImportedItem[] = []
  const questionsFile = options.sourceName ?? 'questions.csv'
  const misconceptionsFile = options.misconceptionsSourceName ?? 'misconceptions.csv'
  const known = options.knownMisconceptions ?? new Set<string>()

  // Misconceptions first: the questions refer to them by id.
  const named = new Map<string, { name: string; row: number; id: string }>()
  const hasMisconceptionsFile =
    misconceptionsCsv !== undefined &&
    (typeof misconceptionsCsv === 'string' ? misconceptionsCsv.trim() : misconceptionsCsv.length)
  const mTable = hasMisconceptionsFile
    ? readTable(
        misconceptionsCsv,
        'misconceptions',
        { required: ['MisconceptionId', 'MisconceptionName'], optional: [] },
        problems,
        files,
      )
    : null
  for (const { row, cells } of mTable?.rows ?? []) {
    const raw = (cells.MisconceptionId ?? '').trim()
    const slug = idFrom(raw, misconceptionSlug)
    const id = wholeNumber(raw) ?? raw
    const name = (cells.MisconceptionName ?? '').trim()
    const fail = (message: string) => problems.push({ file: 'misconceptions', row, message })
    if (slug === null) fail(`MisconceptionId "${raw}" is not a whole number`)
    else if (replacementCount(name) > 0) fail(lostCharacters('MisconceptionName'))
    else if (!name) fail(`misconception ${id} has no MisconceptionName`)
    else if (named.has(slug))
      fail(`misconception ${id} is listed twice (first on row ${named.get(slug)?.row})`)
    else named.set(slug, { name, row, id })
  }

  const seen = new Map<string, number>()
  const qTable = readTable(
    questionsCsv,
    'questions',
    { required: REQUIRED, optional: OPTIONAL },
    problems,
    files,
  )
  const letters = LETTERS.filter((l) => qTable?.header.includes(`Answer${l}Text`))
  for (const { row, cells } of qTable?.rows ?? []) {
    const fail = (message: string) => problems.push({ file: 'questions', row, message })
    const flag = (message: string) => problems.push({ file: 'questions', row, message, flag: true })
    const lost = Object.entries(cells).filter(([, value]) => replacementCount(value) > 0)
    if (lost.length > 0) {
      fail(lostCharacters(lost.map(([name]) => name).join(', ')))
      continue
    }
    const rawId = (cells.QuestionId ?? '').trim()
    const id = idFrom(rawId, questionId)
    if (id === null) {
      fail(
        `QuestionId "${rawId}" is not a whole number (nor one of our ids: lower-case words joined by hyphens)`,
      )
      continue
    }
    const shownId = wholeNumber(rawId) ?? rawId
    if (seen.has(id)) {
      fail(
        `QuestionId ${shownId} appears twice (first on row ${seen.get(id)}); this row is skipped`,
      )
      continue
    }
    seen.set(id, row)
    // Options run from A to the last one with text; a gap before it is a mistake, not a shorter item.
    const filled = letters.map((l) => (cells[`Answer${l}Text`] ?? '').trim() !== '')
    const count = filled.lastIndexOf(true) + 1
    const gap = letters.slice(0, count).filter((_, i) => !filled[i])
    if (gap.length > 0 || count < 2) {
      const first = gap[0] ?? letters[count] ?? 'B'
      fail(
        `option ${gap.length > 0 ? gap.join(', ') : first} has no text (Answer${first}Text is empty)`,
      )
      continue
    }
    const used = letters.slice(0, count)
    const correct = list(cells.CorrectAnswer?.toUpperCase())
    const badLetters = correct.filter((l) => !(used as string[]).includes(l))
    if (correct.length === 0 || badLetters.length > 0) {
      fail(
        `CorrectAnswer "${(cells.CorrectAnswer ?? '').trim()}" is not ${used.slice(0, -1).join(', ')} or ${used.at(-1)}`,
      )
      continue
    }
    const topicCell = (cells.Topic ?? '').trim()
    const subject = (cells.SubjectName ?? '').trim()
    const topic =
      (slugSchema.safeParse(topicCell).success ? topicCell : undefined) ??
      topicNamed(subject, options.topics) ??
      topicForName(subject) ??
      options.defaultTopic
    if (!topic) {
      fail(
        `no topic in our taxonomy matches subject "${subject}" (pass a default topic to place it)`,
      )
      continue
    }
    const yearCell = list(cells.YearGroups)
    const years = yearCell.map(Number)
    if (yearCell.length > 0 && years.some((y) => !Number.isInteger(y) || y < 1 || y > 11)) {
      fail(`YearGroups "${cells.YearGroups}" is not a list of year groups 1–11`)
      continue
    }
    const unknown: string[] = []
    const wrongWithLink: string[] = []
    const itemOptions = used.map((letter) => {
      const isCorrect = correct.includes(letter)
      const linked = list(cells[`Misconception${letter}Id`]).flatMap((raw) => {
        const slug = idFrom(raw, misconceptionSlug)
        if (slug === null || !(named.has(slug) || known.has(slug))) {
          unknown.push(`${letter}: ${raw}`)
          return []
        }
        return [slug]
      })
      if (isCorrect && linked.length > 0) wrongWithLink.push(letter)
      const misconceptions = isCorrect ? [] : [...new Set(linked)]
      const given = (cells[`Answer${letter}Explanation`] ?? '').trim()
      const name = misconceptions.map((s) => named.get(s)?.name).find(Boolean)
      return {
        text: markMissingImages(cells[`Answer${letter}Text`] ?? '').trim(),
        correct: isCorrect,
        // The layout has no explanations. A placeholder that says what we know (the misconception
        // behind the answer) reads better than nothing, and marks the gap for a curator.
        explanation:
          given ||
          (isCorrect
            ? 'The correct answer. (Imported: no explanation was given in the source file.)'
            : name
              ? `Likely misconception: ${name.replace(/\s+/g, ' ')}`
              : misconceptions.length > 0
                ? 'Reveals the misconception linked to it.'
                : 'No misconception is recorded for this answer in the imported file.'),
        misconceptions: misconceptions.slice(0, 5),
      }
    })
    // An unknown id means the two files do not belong together (or a row is corrupt): skipping
    // says so loudly, where dropping the link would quietly lose what the row diagnoses.
    if (unknown.length > 0) {
      fail(
        `unknown misconception id ${unknown.join(', ')}: not in the misconceptions file (or its row was invalid)`,
      )
      continue
    }
    if (wrongWithLink.length > 0) {
      flag(
        `the correct option ${wrongWithLink[0]} has a misconception id; a correct answer reveals no misconception, so it was ignored`,
      )
    }
    const stem = markMissingImages(cells.QuestionText ?? '').trim()
    const constructCell = (cells.ConstructName ?? '').replace(/\s+/g, ' ').trim()
    // Not trimmed: a diagram is stored as written, so one that went out comes back the same.
    const diagram = (cells.Diagram ?? '').trim() ? (cells.Diagram ?? '') : ''
    const input = {
      id,
      construct: constructCell || plainText(stem).slice(0, 200),
      topic,
      years: years.length > 0 ? years : (options.years ?? DEFAULT_YEARS),
      stem,
      options: itemOptions,
      multipleAnswers: correct.length > 1,
      ...(diagram ? { diagram } : {}),
      ...((cells.Purpose ?? '').trim() === 'discussion' ? { purpose: 'discussion' as const } : {}),
      source: ((cells.Source ?? '').trim() || `Imported from ${questionsFile}`).slice(0, 300),
      licence: (cells.Licence ?? '').trim() || options.licence || DEFAULT_LICENCE,
      status: options.status ?? 'draft',
    }
    const parsed = itemInputSchema.safeParse(input)
    if (!parsed.success) {
      fail(`question ${shownId}: ${issues(parsed.error)}`)
      continue
    }
    const withImages = [
      ...(MISSING_IMAGE.test(cells.QuestionText ?? '') ? ['the question'] : []),
      ...used
        .filter((l) => MISSING_IMAGE.test(cells[`Answer${l}Text`] ?? ''))
        .map((l) => `option ${l}`),
    ]
    if (withImages.length > 0) {
      flag(
        `${id}: ${withImages.join(' and ')} references a missing image (an empty image address); kept, with a note in its text`,
      )
    }
    const note = (cells.Note ?? '').trim()
    items.push({ ...parsed.data, row, ...(note ? { note } : {}) })
  }

  // Every valid misconception in the file is returned, used or not, except those the bank has
  // already (named by our slug: their records in the bank are the full ones). Its topic is the
  // topic of the first question that uses it; failing that, what its name suggests; failing
  // that, the default.
  const topicOf = new Map<string, string>()
  for (const item of items)
    for (const option of item.options)
      for (const slug of option.misconceptions)
        if (!topicOf.has(slug)) topicOf.set(slug, item.topic)
  const misconceptions: MisconceptionInput[] = []
  for (const [slug, { name, row, id }] of named) {
    if (known.has(slug)) continue
    const topic = topicOf.get(slug) ?? topicForName(name) ?? options.defaultTopic
    if (!topic) {
      problems.push({
        file: 'misconceptions',
        row,
        message: `misconception ${id}: no question uses it and its name suggests no topic (pass a default topic to place it)`,
      })
      continue
    }
    const parsed = misconceptionInputSchema.safeParse({
      slug,
      title: titleFor(name, id),
      topic,
      description: `${name}\n\n*Imported from ${misconceptionsFile} (misconception ${id}). This description still needs writing.*`,
      whyItArises: `*Not yet written: imported from ${misconceptionsFile}, which does not say why this misconception arises.*`,
      howToAddress: `*Not yet written: imported from ${misconceptionsFile}, which gives no teaching advice.*`,
      related: [],
      references: [],
    })
    if (parsed.success) misconceptions.push(parsed.data)
    else
      problems.push({
        file: 'misconceptions',
        row,
        message: `misconception ${id}: ${issues(parsed.error)}`,
      })
  }
  problems.sort((a, b) =>
    a.file === b.file ? (a.row ?? 0) - (b.row ?? 0) : a.file === 'misconceptions' ? -1 : 1,
  )
  return { items, misconceptions, problems, media: [], files }
}

const lostCharacters = (fields: string) =>
  `${fields} contains U+FFFD (�), a character lost before the file reached the bank (usually a file saved in one encoding and read as another); fix the text, or send the file's own bytes so its encoding can be detected`
