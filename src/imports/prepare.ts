/**
 * Importing items and misconceptions from other tools, shared by the CLI (`npm run import`) and
 * the curators' import API. Per-row: a row that fails validation, references a misconception
 * nobody defines or has TeX KaTeX cannot render is skipped and reported with its row number;
 * every other row is applied together, all at once. Ids are stable (derived from the source's
 * own ids), so importing the same file again changes nothing and duplicates nothing.
 */
import { parseDiagnosticCsv } from '../interchange/diagnostic-csv.ts'
import { importJson } from '../interchange/json.ts'
import { parseMoodleXml } from '../interchange/moodle-import.ts'
import type { CompiledBank } from '../bank/check.ts'
import {
  compileItem,
  compileMisconception,
  ContentError,
  type TaxonomyRecord,
} from '../bank/compile.ts'
import type { ItemInput, MisconceptionInput } from '../bank/schemas.ts'

export type ImportSource =
  | { format: 'diagnostic-csv'; name: string; questions: string; misconceptions: string }
  | { format: 'moodle-xml'; name: string; xml: string }
  | { format: 'json'; name: string; text: string }

export interface ImportProblem {
  source: string
  row: number | null
  message: string
}

export interface ImportReport {
  items: number
  misconceptions: number
  skipped: ImportProblem[]
  /** Imported, but worth a look (e.g. an option that refers to an image the file did not carry). */
  flagged: ImportProblem[]
}

export interface ImportOptions {
  licence?: string
  status?: ItemInput['status']
  /** Misconception slugs already in the bank, which imported items may refer to. */
  knownMisconceptions?: Set<string>
  onProgress?: (done: number, total: number) => void
}

function parse(source: ImportSource, options: ImportOptions) {
  switch (source.format) {
    case 'diagnostic-csv':
      return parseDiagnosticCsv(source.questions, source.misconceptions, {
        licence: options.licence,
        status: options.status,
        sourceName: source.name,
      })
    case 'moodle-xml':
      return parseMoodleXml(source.xml, {
        licence: options.licence,
        status: options.status,
        sourceName: source.name,
      })
    case 'json':
      return importJson(source.text, { status: options.status })
  }
}

/** Parse, validate and render every source; nothing is written here. */
export function prepareImport(
  sources: ImportSource[],
  taxonomy: TaxonomyRecord,
  options: ImportOptions = {},
) {
  const report: ImportReport = { items: 0, misconceptions: 0, skipped: [], flagged: [] }
  const inputs: {
    source: string
    items: (ItemInput & { row?: number })[]
    misconceptions: MisconceptionInput[]
  }[] = []
  for (const source of sources) {
    const parsed = parse(source, options)
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
          const { row: _row, ...input } = item
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
  return { bank, report }
}
