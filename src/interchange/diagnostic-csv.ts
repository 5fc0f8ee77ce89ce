/**
 * The diagnostic-question CSV layout (docs/csv-layout.md): a questions file with four
 * options A–D and a misconception id per option, and a misconceptions file of id and name.
 *
 * Files come as spreadsheets save them: the encoding is detected (encoding.ts) and the
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
import { CsvError, parse } from 'csv-parse/sync'
import {
  itemInputSchema,
  type MisconceptionInput,
  misconceptionInputSchema,
  slug as slugSchema,
} from '../bank/schemas.ts'
import { plainText } from '../lib/render.ts'
import { LETTERS, OPTIONAL, REQUIRED, unguardCell } from './csv-columns.ts'
import { decodeText, replacementCount, type TextEncodingName } from './encoding.ts'
import { issues } from './json.ts'
import { MISSING_IMAGE } from './text.ts'
import { topicForName, topicNamed } from './topics.ts'
import {
  DEFAULT_LICENCE,
  DEFAULT_YEARS,
  type ImportedItem,
  type ImportOptions,
  type ImportProblem,
} from './types.ts'

export interface CsvProblem extends ImportProblem {
  file: 'questions' | 'misconceptions'
}

/** Text as given, or a file's bytes (whose encoding is then detected). */
export type CsvInput = string | Uint8Array

export const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const
export type DelimiterName = keyof typeof DELIMITERS

/** How a file was read, for the import report. */
export interface CsvFileInfo {
  file: CsvProblem['file']
  encoding: TextEncodingName
  delimiter: DelimiterName
}

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

type Table = { header: string[]; rows: { row: number; cells: Record<string, string> }[] }

/** The delimiter that makes the header read as the most columns we know (then the commonest). */
function detectDelimiter(firstLine: string, known: string[]): DelimiterName {
  const score = (name: DelimiterName): [number, number] => {
    const cells = firstLine.split(DELIMITERS[name]).map((c) => c.trim().replace(/^"|"$/g, ''))
    return [cells.filter((c) => known.includes(c)).length, cells.length]
  }
  const names = Object.keys(DELIMITERS) as DelimiterName[]
  return names.reduce((best, name) => {
    const [k, n] = score(name)
    const [bk, bn] = score(best)
    return k > bk || (k === bk && n > bn) ? name : best
  }, 'comma')
}

/**
 * Records, not lines: a quoted cell may hold newlines, and a spreadsheet shows that as one row.
 * Blank records are counted (a spreadsheet shows them) but not returned.
 */
function readTable(
  input: CsvInput,
  file: CsvProblem['file'],
  columns: { required: readonly string[]; optional: readonly string[] },
  problems: CsvProblem[],
  files: CsvFileInfo[],
): Table | null {
  const decoded =
    typeof input === 'string'
      ? { text: input.replace(/^\uFEFF/, ''), encoding: 'text (already decoded)' as const }
      : decodeText(input)
  let text = decoded.text
  // Excel honours (and some tools write) a first line `sep=;` naming the delimiter; Excel then
  // hides that line, so rows are counted from the header as it shows them.
  const sep = /^sep=(.)\r?\n/.exec(text)
  if (sep) text = text.slice(sep[0].length)
  const firstLine = text.slice(0, text.search(/\r|\n|$/))
  const delimiter =
    (Object.entries(DELIMITERS).find(([, d]) => d === sep?.[1])?.[0] as DelimiterName) ??
    detectDelimiter(firstLine, [...columns.required, ...columns.optional])
  files.push({ file, encoding: decoded.encoding, delimiter })
  let records: string[][]
  try {
    records = parse(text, {
      delimiter: DELIMITERS[delimiter],
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
  const missing = columns.required.filter((name) => !header.includes(name))
  if (missing.length > 0) {
    problems.push({
      file,
      row: 1,
      message: `the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (read as ${decoded.encoding}, ${delimiter}-separated; the columns it needs are ${columns.required.join(', ')})`,
    })
    return null
  }
  const rows: Table['rows'] = []
  // Some tools drop a row's trailing empty cells; a row is short only if it stops before a
  // required column, and the optional cells after its end read as empty.
  const needed = Math.max(...columns.required.map((name) => header.indexOf(name))) + 1
  records.slice(1).forEach((cells, index) => {
    const row = index + 2
    if (cells.every((cell) => cell.trim() === '')) return
    if (cells.length < needed) {
      problems.push({
        file,
        row,
        message: `has ${cells.length} cells where the header has ${header.length}`,
      })
      return
    }
    rows.push({
      row,
      cells: Object.fromEntries(header.map((name, i) => [name, unguardCell(cells[i] ?? '')])),
    })
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
