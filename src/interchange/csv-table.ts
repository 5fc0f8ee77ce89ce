/** A CSV file read as a spreadsheet shows it: encoding and delimiter found, header checked. */
import { CsvError, parse } from 'csv-parse/sync'
import { unguardCell } from './csv-columns.ts'
import { decodeText, type TextEncodingName } from './encoding.ts'
import type { ImportProblem } from './types.ts'

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
export function readTable(
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
