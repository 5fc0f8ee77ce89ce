/**
 * Validated input → database rows, rendering every Markdown/TeX field and checking every diagram
 * on the way. Pure: no files, no database. The content build, the tests and (later) the
 * authoring API all go through here, so rendering happens exactly once, at write time.
 */
import type { z } from '@hono/zod-openapi'
import type { ItemPurpose } from '../db/schema.ts'
import type { FieldProblem } from '../lib/rendered.ts'
import { renderMarkdown, TexError } from '../lib/render.ts'
import { sanitizeSvg, SvgError } from '../lib/svg.ts'
import {
  type ItemInput,
  type MisconceptionInput,
  optionLabel,
  type TaxonomyInput,
} from './schemas.ts'
import { contentHash } from './content-hash.ts'

// Defined beside the RPC result type, which the main Worker uses without this module.
export type { FieldProblem }

/** Content that could not be compiled; `problems` names each field and what is wrong. */
export class ContentError extends Error {
  readonly problems: FieldProblem[]
  constructor(problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '))
    this.name = 'ContentError'
    this.problems = problems
  }
}

/** zod issues → field problems, with paths written the way authors see them (`options[1].text`). */
export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: fieldPath(issue.path) || '(root)',
    message: issue.message,
  }))
}

export function fieldPath(path: PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`,
    )
    .join('')
}

/** Renders each field, collecting every TeX error rather than stopping at the first. */
/**
 * The most HTML one field of an item or misconception may render to. In the Worker a bank row's
 * values are bound (src/bank/statements.ts), but the CLI writes them into one SQL statement of a
 * .sql file, which D1 caps at 100 KB: three fields of a misconception at this size, with their
 * sources, stay under it. The richest
 * field in the starter bank renders to about 19 kB.
 */
export const MAX_BANK_FIELD_HTML = 24_000

class Renderer {
  readonly problems: FieldProblem[] = []
  markdown(field: string, source: string, inline = false): string {
    try {
      return renderMarkdown(source, { inline, maxChars: MAX_BANK_FIELD_HTML })
    } catch (error) {
      if (!(error instanceof TexError)) throw error
      this.problems.push({ field, message: `TeX "${error.tex}" does not render: ${error.message}` })
      return ''
    }
  }
  finish(): void {
    if (this.problems.length > 0) throw new ContentError(this.problems)
  }
}

// In a module of its own so the main Worker can hash without importing the renderer.
export { contentHash }

export interface MisconceptionRecord {
  row: {
    slug: string
    title: string
    topicSlug: string
    descriptionSource: string
    descriptionHtml: string
    whyItArisesSource: string
    whyItArisesHtml: string
    howToAddressSource: string
    howToAddressHtml: string
    references: { citation: string; url?: string }[]
    contentHash: string
  }
  related: string[]
}

export function compileMisconception(input: MisconceptionInput): MisconceptionRecord {
  const r = new Renderer()
  const row = {
    slug: input.slug,
    title: input.title,
    topicSlug: input.topic,
    descriptionSource: input.description,
    descriptionHtml: r.markdown('description', input.description),
    whyItArisesSource: input.whyItArises,
    whyItArisesHtml: r.markdown('whyItArises', input.whyItArises),
    howToAddressSource: input.howToAddress,
    howToAddressHtml: r.markdown('howToAddress', input.howToAddress),
    references: input.references,
    contentHash: contentHash(input),
  }
  r.finish()
  return { row, related: input.related }
}

export interface ItemRecord {
  /** The validated input, kept as the item's revision record. */
  input: ItemInput
  row: {
    id: string
    construct: string
    topicSlug: string
    stemSource: string
    stemHtml: string
    diagramSvg: string | null
    multipleAnswers: boolean
    source: string
    licence: string
    status: ItemInput['status']
    purpose: ItemPurpose
    contentHash: string
    /** Set for items a hub authors through the API. */
    hubSlug?: string
  }
  years: number[]
  options: {
    label: string
    textSource: string
    textHtml: string
    isCorrect: boolean
    explanationSource: string
    explanationHtml: string
    misconceptions: string[]
  }[]
}

export function compileItem(input: ItemInput): ItemRecord {
  const r = new Renderer()
  let diagramSvg: string | null = null
  if (input.diagram) {
    try {
      diagramSvg = sanitizeSvg(input.diagram)
    } catch (error) {
      if (!(error instanceof SvgError)) throw error
      r.problems.push({ field: 'diagram', message: error.message })
    }
  }
  const record: ItemRecord = {
    input,
    row: {
      id: input.id,
      construct: input.construct,
      topicSlug: input.topic,
      stemSource: input.stem,
      stemHtml: r.markdown('stem', input.stem),
      diagramSvg,
      multipleAnswers: input.multipleAnswers,
      source: input.source,
      licence: input.licence,
      status: input.status,
      purpose: input.purpose ?? 'diagnostic',
      // Status is where an item is in its workflow, not what it says: moving it is no new revision.
      // "diagnostic" is what an item without a purpose is, so saying so changes nothing either.
      contentHash: contentHash({
        ...input,
        status: undefined,
        purpose: input.purpose === 'diagnostic' ? undefined : input.purpose,
      }),
    },
    years: [...input.years].sort((a, b) => a - b),
    options: input.options.map((option, index) => ({
      label: optionLabel(index),
      textSource: option.text,
      textHtml: r.markdown(`options[${index}].text`, option.text, true),
      isCorrect: option.correct,
      explanationSource: option.explanation,
      explanationHtml: r.markdown(`options[${index}].explanation`, option.explanation),
      misconceptions: option.misconceptions,
    })),
  }
  r.finish()
  return record
}

export interface TaxonomyRecord {
  strands: { slug: string; name: string; position: number }[]
  topics: {
    slug: string
    strandSlug: string
    name: string
    keyStages: number[]
    position: number
  }[]
}

export function compileTaxonomy(input: TaxonomyInput): TaxonomyRecord {
  let position = 0
  return {
    strands: input.strands.map((strand, index) => ({
      slug: strand.slug,
      name: strand.name,
      position: index,
    })),
    topics: input.strands.flatMap((strand) =>
      strand.topics.map((topic) => ({
        slug: topic.slug,
        strandSlug: strand.slug,
        name: topic.name,
        keyStages: topic.keyStages,
        position: position++,
      })),
    ),
  }
}
