/** What every export format is made from: items as written (Markdown + TeX source) and their misconceptions. */
import type { MisconceptionInput } from '../bank/schemas.ts'

export interface ExportItem {
  id: string
  construct: string
  topic: string
  strand?: string
  years: number[]
  /** Markdown with TeX. */
  stem: string
  diagramSvg: string | null
  options: {
    label: string
    text: string
    correct: boolean
    explanation: string
    misconceptions: { slug: string; title: string }[]
  }[]
  source: string
  licence: string
}

export interface ExportBundle {
  title?: string
  description?: string
  items: ExportItem[]
  misconceptions: MisconceptionInput[]
}

/** A row an import could not use (or imported but wants looked at, when `flag` is set). */
export interface ImportProblem {
  row: number | null
  message: string
  flag?: boolean
}

export interface ImportOptions {
  licence?: string
  status?: 'draft' | 'review' | 'published'
  sourceName?: string
}
