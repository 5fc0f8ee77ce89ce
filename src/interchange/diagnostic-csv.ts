/**
 * The diagnostic-question CSV layout (../shared/formats): a questions file with four options A–D
 * and a misconception id per option, and a misconceptions file of id and name. Ids become
 * stable slugs (`dq-<QuestionId>`, `dq-m-<MisconceptionId>`), so re-importing changes nothing.
 */
import { parse } from 'csv-parse/sync'
import {
  type ItemInput,
  itemInputSchema,
  type MisconceptionInput,
  misconceptionInputSchema,
} from '../bank/schemas.ts'
import { issues } from './json.ts'
import type { ImportOptions, ImportProblem } from './types.ts'

const LETTERS = ['A', 'B', 'C', 'D'] as const

/** The source's subject (a leaf of its own tree) → our taxonomy topic, by keywords; first match wins. */
const SUBJECT_TOPICS: [RegExp, string][] = [
  [/perimeter/i, 'perimeter'],
  [/area/i, 'area'],
  [/volume|capacity/i, 'volume'],
  [/time/i, 'time'],
  [/units|measure|conver/i, 'units'],
  [/equivalent|simplif/i, 'equivalent-fractions'],
  [/fraction/i, 'fraction-arithmetic'],
  [/decimal/i, 'decimals'],
  [/percent/i, 'percentages'],
  [/ratio/i, 'ratio'],
  [/proportion/i, 'proportion'],
  [/speed|rate/i, 'rates'],
  [/bidmas|order of operations/i, 'order-of-operations'],
  [/factor|multiple|prime|hcf|lcm/i, 'factors-multiples-primes'],
  [/multipl|divi/i, 'multiplication-division'],
  [/add|subtract|arithmetic/i, 'addition-subtraction'],
  [/negative|directed/i, 'negative-numbers'],
  [/round|estimat|significant/i, 'rounding'],
  [/power|root|indices|standard form/i, 'powers-and-roots'],
  [/place value/i, 'place-value'],
  [/order/i, 'ordering-numbers'],
  [/sequence|nth/i, 'sequences'],
  [/equation|solv/i, 'equations'],
  [/substitut|formula/i, 'substitution'],
  [/graph|coordinate|gradient|linear/i, 'graphs'],
  [/expand|simplify|algebra|express|factoris/i, 'algebraic-notation'],
  [/angle|bearing/i, 'angles'],
  [/pythag|trigon/i, 'pythagoras-trigonometry'],
  [/reflect|rotat|translat|enlarg|transform/i, 'transformations'],
  [/3d|cube|prism|net/i, 'shapes-3d'],
  [/shape|polygon|quadrilateral|triangle|circle/i, 'shapes-2d'],
  [/mean|median|mode|range|average/i, 'averages'],
  [/chart|graph|table|pictogram/i, 'charts-and-tables'],
  [/probabilit/i, 'probability-scale'],
]

export const topicForSubject = (subject: string, fallback: string) =>
  SUBJECT_TOPICS.find(([pattern]) => pattern.test(subject))?.[1] ?? fallback

const misconceptionSlug = (id: string) => `dq-m-${id.trim()}`

type Row = Record<string, string>

function readCsv(text: string): { rows: Row[]; error?: string } {
  try {
    return {
      rows: parse(text, {
        columns: true,
        skip_empty_lines: true,
        bom: true,
        relax_column_count: true,
        // Files mix CRLF and LF (a header saved on Windows, rows added elsewhere): accept both.
        record_delimiter: ['\r\n', '\n', '\r'],
      }) as Row[],
    }
  } catch (error) {
    return { rows: [], error: (error as Error).message }
  }
}

export function parseDiagnosticCsv(
  questionsCsv: string,
  misconceptionsCsv: string,
  options: ImportOptions & { defaultTopic?: string; years?: number[] } = {},
) {
  const problems: (ImportProblem & { file: 'questions' | 'misconceptions' })[] = []
  const misconceptions: MisconceptionInput[] = []
  const items: (ItemInput & { row: number })[] = []
  const source = options.sourceName ?? 'a diagnostic-question CSV'

  const mRead = readCsv(misconceptionsCsv)
  if (mRead.error)
    problems.push({ file: 'misconceptions', row: null, message: `not CSV: ${mRead.error}` })
  const names = new Map<string, string>()
  mRead.rows.forEach((row, i) => {
    const id = (row.MisconceptionId ?? '').trim()
    const name = (row.MisconceptionName ?? '').trim()
    if (!/^\d+$/.test(id) || !name) {
      problems.push({
        file: 'misconceptions',
        row: i + 2,
        message: 'needs a numeric MisconceptionId and a MisconceptionName',
      })
      return
    }
    names.set(id, name)
  })

  const qRead = readCsv(questionsCsv)
  if (qRead.error)
    problems.push({ file: 'questions', row: null, message: `not CSV: ${qRead.error}` })
  qRead.rows.forEach((row, i) => {
    const rowNumber = i + 2 // the header is row 1, as a spreadsheet counts
    const id = (row.QuestionId ?? '').trim()
    const correct = (row.CorrectAnswer ?? '').trim().toUpperCase()
    const fail = (message: string) => problems.push({ file: 'questions', row: rowNumber, message })
    if (!/^\d+$/.test(id)) return fail('QuestionId must be a number')
    if (!LETTERS.includes(correct as (typeof LETTERS)[number]))
      return fail(`CorrectAnswer "${row.CorrectAnswer ?? ''}" is not A, B, C or D`)
    const topic = topicForSubject(row.SubjectName ?? '', options.defaultTopic ?? '')
    if (!topic) return fail(`no topic in our taxonomy matches subject "${row.SubjectName ?? ''}"`)
    const unknown: string[] = []
    const missingImage = /!\[[^\]]*\]\(\s*\)/
    const input = {
      id: `dq-${id}`,
      construct: (row.ConstructName ?? '').trim(),
      topic,
      years: options.years ?? [7, 8, 9],
      stem: (row.QuestionText ?? '')
        .replace(missingImage, '*(diagram not included in the source file)*')
        .trim(),
      options: LETTERS.map((letter) => {
        const mId = (row[`Misconception${letter}Id`] ?? '').trim()
        if (mId && !names.has(mId)) unknown.push(`${letter}: ${mId}`)
        const slugs = mId && names.has(mId) && letter !== correct ? [misconceptionSlug(mId)] : []
        return {
          text:
            (row[`Answer${letter}Text`] ?? '')
              .trim()
              .replace(missingImage, '*(image not included in the source file)*') || '(empty)',
          correct: letter === correct,
          explanation:
            mId && names.has(mId)
              ? `Pupils choosing ${letter} may: ${names.get(mId)}.`
              : letter === correct
                ? 'The correct answer.'
                : 'No misconception is recorded for this option in the source.',
          misconceptions: slugs,
        }
      }),
      source: `Imported from ${source}`,
      licence: options.licence ?? 'CC-BY-4.0',
      status: options.status ?? 'published',
    }
    if (unknown.length > 0) return fail(`unknown misconception id(s) ${unknown.join(', ')}`)
    const parsed = itemInputSchema.safeParse(input)
    if (!parsed.success) return fail(issues(parsed.error))
    if (
      missingImage.test(row.QuestionText ?? '') ||
      LETTERS.some((l) => missingImage.test(row[`Answer${l}Text`] ?? ''))
    ) {
      problems.push({
        file: 'questions',
        row: rowNumber,
        message: `item dq-${id} refers to an image the file does not carry; kept, marked in its text`,
        flag: true,
      })
    }
    items.push({ ...parsed.data, row: rowNumber })
  })

  // Every misconception in the file, placed in the topic of the first item that uses it.
  const topicOf = new Map<string, string>()
  for (const item of items)
    for (const o of item.options)
      for (const s of o.misconceptions) if (!topicOf.has(s)) topicOf.set(s, item.topic)
  for (const [id, name] of names) {
    const slug = misconceptionSlug(id)
    const parsed = misconceptionInputSchema.safeParse({
      slug,
      title: name.length >= 3 ? name.slice(0, 160) : `Misconception ${id}`,
      topic: topicOf.get(slug) ?? options.defaultTopic ?? items[0]?.topic ?? 'place-value',
      description: `${name}\n\n*Imported from ${source}; a curator should write this description.*`,
      whyItArises: '*Not yet written: imported without an account of why it arises.*',
      howToAddress: '*Not yet written: imported without teaching advice.*',
    })
    if (parsed.success) misconceptions.push(parsed.data)
    else
      problems.push({
        file: 'misconceptions',
        row: null,
        message: `misconception ${id}: ${issues(parsed.error)}`,
      })
  }
  return { items, misconceptions, problems }
}
