/**
 * The renderer Worker's RPC methods, few and coarse: one call per write or file. Each answers
 * with plain data; content that does not render is `{ ok: false, problems }` (src/lib/rendered.ts)
 * rather than a thrown ContentError, whose class and problems RPC would not carry across.
 */
import { WorkerEntrypoint } from 'cloudflare:workers'
import { checkStarterBankQuality, type BankProblem } from '../bank/check.ts'
import {
  compileItem,
  compileMisconception,
  ContentError,
  type ItemRecord,
  type MisconceptionRecord,
  type TaxonomyRecord,
} from '../bank/compile.ts'
import type { ItemInput, MisconceptionInput } from '../bank/schemas.ts'
import { type ImportOptions, type ImportSource, prepareImport } from '../imports/prepare.ts'
import { exportDiagnosticCsv } from '../interchange/diagnostic-csv-export.ts'
import { exportGift } from '../interchange/gift.ts'
import { exportJson } from '../interchange/json.ts'
import { exportMoodleXml } from '../interchange/moodle-xml.ts'
import { exportQtiPackage } from '../interchange/qti.ts'
import type { ExportBundle, ExportOptions } from '../interchange/types.ts'
import type { Rendered } from '../lib/rendered.ts'
import { renderMarkdown, TexError } from '../lib/render.ts'

/** The file formats exportFile builds (a worksheet, `html`, is a page the main Worker renders). */
export type FileFormat = 'json' | 'moodle' | 'gift' | 'qti' | 'csv'

function compiled<T>(compile: () => T): Rendered<T> {
  try {
    return { ok: true, value: compile() }
  } catch (error) {
    if (!(error instanceof ContentError)) throw error
    return { ok: false, problems: error.problems }
  }
}

export class Renderer extends WorkerEntrypoint {
  /** One Markdown + TeX field (a post, an annotation's evidence, a note) → HTML. */
  renderField(field: string, source: string): Rendered<string> {
    try {
      return { ok: true, value: renderMarkdown(source) }
    } catch (error) {
      if (!(error instanceof TexError)) throw error
      return {
        ok: false,
        problems: [
          { field, message: `TeX "${error.tex.slice(0, 80)}" does not render: ${error.message}` },
        ],
      }
    }
  }

  compileItem(input: ItemInput): Rendered<ItemRecord> {
    return compiled(() => compileItem(input))
  }

  compileMisconception(input: MisconceptionInput): Rendered<MisconceptionRecord> {
    return compiled(() => compileMisconception(input))
  }

  /**
   * The authoring page's preview: the item compiled as it would be saved, and the content
   * check's warnings for it judged as the published item it is meant to become.
   */
  previewItem(input: ItemInput): Rendered<{ record: ItemRecord; quality: BankProblem[] }> {
    return compiled(() => {
      const record = compileItem(input)
      const quality = checkStarterBankQuality({
        taxonomy: { strands: [], topics: [] },
        misconceptions: [],
        items: [{ ...record, row: { ...record.row, status: 'published' }, at: record.row.id }],
      })
      return { record, quality }
    })
  }

  /** Parse, validate and render import files; nothing is written (the caller does that). */
  prepareImport(
    sources: ImportSource[],
    taxonomy: TaxonomyRecord,
    options: Omit<ImportOptions, 'onProgress'>,
  ) {
    return prepareImport(sources, taxonomy, options)
  }

  /** Build one export file from items as stored; the caller answers with the download. */
  async exportFile(
    format: FileFormat,
    bundle: ExportBundle,
    options: ExportOptions,
  ): Promise<string | Uint8Array> {
    switch (format) {
      case 'json':
        return exportJson(bundle)
      case 'moodle':
        return exportMoodleXml(bundle, options)
      case 'gift':
        return exportGift(bundle)
      case 'qti':
        return exportQtiPackage(bundle, options)
      case 'csv':
        return exportDiagnosticCsv(bundle)
    }
  }
}
