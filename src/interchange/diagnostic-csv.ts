/**
 * The diagnostic-question CSV layout (docs/csv-layout.md): a questions file with four
 * options A–D and a misconception id per option, and a misconceptions file of id and name.
 *
 * Per row: a bad row is a problem with its row number (as a spreadsheet counts: the header is
 * row 1) and is left out; it never throws. Ids become stable slugs (`dq-<QuestionId>`,
 * `dq-m-<MisconceptionId>`) and everything else is a pure function of the files, so importing
 * the same pair again yields identical inputs. Runs in workerd (csv-parse needs only the Buffer
 * global, which nodejs_compat provides) as well as in Node.
 */
import { CsvError, parse } from 'csv-parse/sync'
import {
  itemInputSchema,
  type MisconceptionInput,
  misconceptionInputSchema,
} from '../bank/schemas.ts'
import { issues } from './json.ts'
import { MISSING_IMAGE } from './text.ts'
import { topicForName } from './topics.ts'
import {
  DEFAULT_LICENCE,
  DEFAULT_YEARS,
  type ImportedItem,
  type ImportOptions,
  type ImportProblem,
} from './types.ts'

const LETTERS = ['A', 'B', 'C', 'D'] as const

const QUESTION_COLUMNS = [
  'QuestionId',
  'ConstructName',
  'SubjectName',
  'CorrectAnswer',
  'QuestionText',
  ...LETTERS.map((l) => `Answer${l}Text`),
  ...LETTERS.map((l) => `Misconception${l}Id`),
]
const MISCONCEPTION_COLUMNS = ['MisconceptionId', 'MisconceptionName']

export interface CsvProblem extends ImportProblem {
  file: 'questions' | 'misconceptions'
}

export interface DiagnosticCsvOptions extends ImportOptions {
  /** Name of the misconceptions file, for its records' descriptions. */
  misconceptionsSourceName?: string
}

export interface DiagnosticCsvImport {
  items: ImportedItem[]
  misconceptions: MisconceptionInput[]
  problems: CsvProblem[]
}

export const questionId = (id: string): string => `dq-${id}`
export const misconceptionSlug = (id: string): string => `dq-m-${id}`

/**
 * Ids are integers, but a file that went through a dataframe often says `12.0` (pandas writes
 * a column with gaps as floats); both mean 12.
 */
function normaliseId(value: string | undefined): string | null {
  const match = /^\s*(\d+)(?:\.0+)?\s*$/.exec(value ?? '')
  return match ? String(Number(match[1])) : null
}

type Table = { header: string[]; rows: { row: number; cells: Record<string, string> }[] }

/**
 * Records, not lines: a quoted cell may hold newlines, and a spreadsheet shows that as one row.
 * Blank records are counted (a spreadsheet shows them) but not returned.
 */
function readTable(
  text: string,
  file: CsvProblem['file'],
  required: string[],
  problems: CsvProblem[],
): Table | null {
  let records: string[][]
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // Files mix CRLF and LF (saved on Windows, rows appended elsewhere). Left to itself the
      // parser takes the first line's ending for all and glues the other rows together.
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as string[][]
  } catch (error) {
    // A broken quote makes the rest of the file unreadable: say where, import nothing from it.
    const record =
      error instanceof CsvError ? (error as CsvError & { records?: number }).records : undefined
    problems.push({
      file,
      row: record === undefined ? null : record + 1,
      message: `the file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
    })
    return null
  }
  const header = (records[0] ?? []).map((cell) => cell.trim())
  const missing = required.filter((name) => !header.includes(name))
  if (missing.length > 0) {
    problems.push({ file, row: 1, message: `the header has no ${missing.join(', ')} column` })
    return null
  }
  const rows: Table['rows'] = []
  records.slice(1).forEach((cells, index) => {
    const row = index + 2
    if (cells.every((cell) => cell.trim() === '')) return
    if (cells.length < header.length) {
      problems.push({
        file,
        row,
        message: `has ${cells.length} cells where the header has ${header.length}`,
      })
      return
    }
    rows.push({ row, cells: Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])) })
  })
  return { header, rows }
}

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

export function parseDiagnosticCsv(
  questionsCsv: string,
  misconceptionsCsv: string,
  options: DiagnosticCsvOptions = {},
): DiagnosticCsvImport {
  const problems: CsvProblem[] = []
  const items: ImportedItem[] = []
  const questionsFile = options.sourceName ?? 'questions.csv'
  const misconceptionsFile = options.misconceptionsSourceName ?? 'misconceptions.csv'

  // Misconceptions first: the questions refer to them by id.
  const named = new Map<string, { name: string; row: number }>()
  const mTable = readTable(misconceptionsCsv, 'misconceptions', MISCONCEPTION_COLUMNS, problems)
  for (const { row, cells } of mTable?.rows ?? []) {
    const id = normaliseId(cells.MisconceptionId)
    const name = (cells.MisconceptionName ?? '').trim()
    const fail = (message: string) => problems.push({ file: 'misconceptions', row, message })
    if (id === null) fail(`MisconceptionId "${cells.MisconceptionId ?? ''}" is not a whole number`)
    else if (!name) fail(`misconception ${id} has no MisconceptionName`)
    else if (named.has(id))
      fail(`misconception ${id} is listed twice (first on row ${named.get(id)?.row})`)
    else named.set(id, { name, row })
  }

  const seen = new Map<string, number>()
  const qTable = readTable(questionsCsv, 'questions', QUESTION_COLUMNS, problems)
  for (const { row, cells } of qTable?.rows ?? []) {
    const fail = (message: string) => problems.push({ file: 'questions', row, message })
    const flag = (message: string) => problems.push({ file: 'questions', row, message, flag: true })
    const id = normaliseId(cells.QuestionId)
    if (id === null) {
      fail(`QuestionId "${cells.QuestionId ?? ''}" is not a whole number`)
      continue
    }
    if (seen.has(id)) {
      fail(`QuestionId ${id} appears twice (first on row ${seen.get(id)}); this row is skipped`)
      continue
    }
    seen.set(id, row)
    const correct = (cells.CorrectAnswer ?? '').trim().toUpperCase()
    if (!(LETTERS as readonly string[]).includes(correct)) {
      fail(`CorrectAnswer "${(cells.CorrectAnswer ?? '').trim()}" is not A, B, C or D`)
      continue
    }
    const subject = (cells.SubjectName ?? '').trim()
    const topic = topicForName(subject) ?? options.defaultTopic
    if (!topic) {
      fail(
        `no topic in our taxonomy matches subject "${subject}" (pass a default topic to place it)`,
      )
      continue
    }
    const empty = LETTERS.filter((l) => !(cells[`Answer${l}Text`] ?? '').trim())
    if (empty.length > 0) {
      fail(`option ${empty.join(', ')} has no text (Answer${empty[0]}Text is empty)`)
      continue
    }
    const unknown: string[] = []
    const wrongWithLink: string[] = []
    const itemOptions = LETTERS.map((letter) => {
      const raw = (cells[`Misconception${letter}Id`] ?? '').trim()
      const mId = raw ? normaliseId(raw) : null
      const isCorrect = letter === correct
      if (raw && (mId === null || !named.has(mId))) unknown.push(`${letter}: ${raw}`)
      if (isCorrect && raw) wrongWithLink.push(letter)
      const misconception = !isCorrect && mId !== null ? named.get(mId) : undefined
      return {
        text: markMissingImages(cells[`Answer${letter}Text`] ?? '').trim(),
        correct: isCorrect,
        // The layout has no explanations. A placeholder that says what we know (the misconception
        // behind the answer) reads better than nothing, and marks the gap for a curator.
        explanation: isCorrect
          ? 'The correct answer. (Imported: no explanation was given in the source file.)'
          : misconception
            ? `Likely misconception: ${misconception.name.replace(/\s+/g, ' ')}`
            : 'No misconception is recorded for this answer in the imported file.',
        misconceptions: misconception && mId !== null ? [misconceptionSlug(mId)] : [],
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
    const input = {
      id: questionId(id),
      construct: (cells.ConstructName ?? '').replace(/\s+/g, ' ').trim(),
      topic,
      years: options.years ?? DEFAULT_YEARS,
      stem: markMissingImages(cells.QuestionText ?? '').trim(),
      options: itemOptions,
      multipleAnswers: false,
      source: `Imported from ${questionsFile}`.slice(0, 300),
      licence: options.licence ?? DEFAULT_LICENCE,
      status: options.status ?? 'draft',
    }
    const parsed = itemInputSchema.safeParse(input)
    if (!parsed.success) {
      fail(`question ${id}: ${issues(parsed.error)}`)
      continue
    }
    const withImages = [
      ...(MISSING_IMAGE.test(cells.QuestionText ?? '') ? ['the question'] : []),
      ...LETTERS.filter((l) => MISSING_IMAGE.test(cells[`Answer${l}Text`] ?? '')).map(
        (l) => `option ${l}`,
      ),
    ]
    if (withImages.length > 0) {
      flag(
        `${questionId(id)}: ${withImages.join(' and ')} references a missing image (an empty image address); kept, with a note in its text`,
      )
    }
    items.push({ ...parsed.data, row })
  }

  // Every valid misconception in the file is returned, used or not. Its topic is the topic of the
  // first question that uses it; failing that, what its name suggests; failing that, the default.
  const topicOf = new Map<string, string>()
  for (const item of items)
    for (const option of item.options)
      for (const slug of option.misconceptions)
        if (!topicOf.has(slug)) topicOf.set(slug, item.topic)
  const misconceptions: MisconceptionInput[] = []
  for (const [id, { name, row }] of named) {
    const slug = misconceptionSlug(id)
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
  return { items, misconceptions, problems }
}
