/**
 * Importing items and misconceptions from other tools, shared by the CLI (`npm run import`) and
 * the curators' import API. Per-row: a row that fails validation, references a misconception
 * nobody defines or has TeX KaTeX cannot render is skipped and reported with its row number;
 * every other row is applied together, all at once. Ids are stable (derived from the source's
 * own ids), so importing the same file again changes nothing and duplicates nothing.
 */
import type { CsvFileInfo, CsvInput } from '../interchange/csv-table.ts'
import { type DiagnosticCsvImport, parseDiagnosticCsv } from '../interchange/diagnostic-csv.ts'
import { parseGift } from '../interchange/gift-import.ts'
import { importJson } from '../interchange/json.ts'
import { parseMoodleXml } from '../interchange/moodle-import.ts'
import { mediaKeysIn } from '../interchange/media-keys.ts'
import type { MediaFile } from '../interchange/types.ts'
import type { CompiledBank } from '../bank/check.ts'
import {
  compileItem,
  compileMisconception,
  ContentError,
  type TaxonomyRecord,
} from '../bank/compile.ts'
import type { ItemInput, MisconceptionInput } from '../bank/schemas.ts'

export type ImportSource =
  | {
      format: 'diagnostic-csv'
      name: string
      /** Text, or the file's bytes (its encoding is then detected). */
      questions: CsvInput
      /** Needed only when the questions name misconceptions by the layout's integer ids. */
      misconceptions?: CsvInput
      misconceptionsName?: string
    }
  | { format: 'moodle-xml'; name: string; xml: string }
  | { format: 'gift'; name: string; text: string }
  | { format: 'json'; name: string; text: string }

export interface ImportProblem {
  source: string
  row: number | null
  message: string
}

/** How a source was read: its format, and for a spreadsheet the encoding and delimiter found. */
export interface ImportedFile {
  source: string
  format: ImportSource['format']
  encoding?: string
  delimiter?: string
}

export interface ImportReport {
  items: number
  misconceptions: number
  skipped: ImportProblem[]
  /** Imported, but worth a look (e.g. an option that refers to an image the file did not carry). */
  flagged: ImportProblem[]
  files: ImportedFile[]
  /** Images the imported items show, to be stored before the items are written. */
  images: number
}

export interface ImportOptions {
  licence?: string
  status?: ItemInput['status']
  /** Misconception slugs already in the bank, which imported items may refer to. */
  knownMisconceptions?: Set<string>
  /** The topic for questions whose category, subject or tags place them nowhere. */
  defaultTopic?: string
  onProgress?: (done: number, total: number) => void
}

function parse(source: ImportSource, options: ImportOptions, taxonomy: TaxonomyRecord) {
  const common = {
    licence: options.licence,
    status: options.status,
    sourceName: source.name,
    defaultTopic: options.defaultTopic,
    topics: taxonomy.topics,
    knownMisconceptions: options.knownMisconceptions,
  }
  switch (source.format) {
    case 'diagnostic-csv':
      return parseDiagnosticCsv(source.questions, source.misconceptions, {
        ...common,
        misconceptionsSourceName: source.misconceptionsName,
      })
    case 'moodle-xml':
      return parseMoodleXml(source.xml, common)
    case 'gift':
      return parseGift(source.text, common)
    case 'json':
      return importJson(source.text, { status: options.status })
  }
}

/** Parse, validate and render every source; nothing is written here. */
/** The media keys an item's text points at. */
const itemMediaKeys = (input: ItemInput) =>
  [input.stem, ...input.options.flatMap((o) => [o.text, o.explanation])].flatMap(mediaKeysIn)

export function prepareImport(
  sources: ImportSource[],
  taxonomy: TaxonomyRecord,
  options: ImportOptions = {},
) {
  const report: ImportReport = {
    items: 0,
    misconceptions: 0,
    skipped: [],
    flagged: [],
    files: [],
    images: 0,
  }
  const inputs: {
    source: string
    items: (ItemInput & { row?: number; note?: string })[]
    misconceptions: MisconceptionInput[]
  }[] = []
  const media = new Map<string, MediaFile>()
  for (const source of sources) {
    const parsed = parse(source, options, taxonomy)
    const csv: CsvFileInfo[] =
      source.format === 'diagnostic-csv' ? (parsed as DiagnosticCsvImport).files : []
    if (csv.length > 0)
      for (const f of csv)
        report.files.push({
          source:
            f.file === 'questions'
              ? source.name
              : source.format === 'diagnostic-csv' && source.misconceptionsName
                ? source.misconceptionsName
                : `${source.name} (misconceptions)`,
          format: source.format,
          encoding: f.encoding,
          delimiter: f.delimiter,
        })
    else report.files.push({ source: source.name, format: source.format })
    for (const m of parsed.media) media.set(m.key, m)
    const notes = parsed.items.filter((i) => i.note).length
    if (notes > 0)
      report.flagged.push({
        source: source.name,
        row: null,
        message: `${notes} teacher's note(s) read; a note belongs to a set, so add the items to a set to keep them`,
      })
    for (const p of parsed.problems) {
      const entry = {
        source: source.name,
        row: 'row' in p ? (p.row ?? null) : null,
        message: p.message,
      }
      if ('flag' in p && p.flag) report.flagged.push(entry)
      else report.skipped.push(entry)
    }
    inputs.push({ source: source.name, items: parsed.items, misconceptions: parsed.misconceptions })
  }

  const topics = new Set(taxonomy.topics.map((t) => t.slug))
  const bank: CompiledBank = { taxonomy, misconceptions: [], items: [] }
  const known = new Set(options.knownMisconceptions)
  for (const { source, misconceptions } of inputs) {
    for (const m of misconceptions) {
      if (!topics.has(m.topic)) {
        report.skipped.push({
          source,
          row: null,
          message: `misconception "${m.slug}": unknown topic "${m.topic}"`,
        })
        continue
      }
      try {
        bank.misconceptions.push({
          ...compileMisconception(m),
          related: m.related.filter((r) => known.has(r)),
          at: source,
        })
        known.add(m.slug)
      } catch (error) {
        if (!(error instanceof ContentError)) throw error
        report.skipped.push({
          source,
          row: null,
          message: `misconception "${m.slug}": ${error.message}`,
        })
      }
    }
  }
  const total = inputs.reduce((n, i) => n + i.items.length, 0)
  let done = 0
  for (const { source, items } of inputs) {
    for (const item of items) {
      options.onProgress?.(++done, total)
      const where = { source, row: item.row ?? null }
      const unknown = item.options
        .flatMap((o) => o.misconceptions)
        .filter((slug) => !known.has(slug))
      if (!topics.has(item.topic)) {
        report.skipped.push({
          ...where,
          message: `item "${item.id}": unknown topic "${item.topic}"`,
        })
      } else if (unknown.length > 0) {
        report.skipped.push({
          ...where,
          message: `item "${item.id}": unknown misconception ${unknown.join(', ')}`,
        })
      } else {
        try {
          const { row: _row, note: _note, ...input } = item
          bank.items.push({ ...compileItem(input), at: source })
        } catch (error) {
          if (!(error instanceof ContentError)) throw error
          report.skipped.push({ ...where, message: `item "${item.id}": ${error.message}` })
        }
      }
    }
  }
  report.items = bank.items.length
  report.misconceptions = bank.misconceptions.length
  // Only the images that items which made it in actually show.
  const shown = new Set(bank.items.flatMap((item) => itemMediaKeys(item.input)))
  const images = [...media.values()].filter((m) => shown.has(m.key))
  report.images = images.length
  return { bank, report, media: images }
}
