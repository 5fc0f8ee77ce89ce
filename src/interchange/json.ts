/**
 * Our own JSON format: a bundle exactly as exported (items with their options, labels and
 * misconception titles; misconceptions in the input schema's shape), versioned so a later
 * reader can tell what it holds. `exportJson(importJson(x).bundle) === x`, and the items and
 * misconceptions import hands back pass the same schemas as `content/` files.
 *
 *   { "format": "misconception-bank", "version": 1, "title"?, "description"?,
 *     "items": [ExportItem…], "misconceptions": [MisconceptionInput…],
 *     "media"?: [{ "key", "contentType", "base64" }…] }
 *
 * An item's `note` (a set's note for the teacher) and `topicName`, and the images items show
 * (`media`), were added within version 1: all optional, so older files read as before and a
 * bundle without them is written byte for byte as before.
 */
import { z } from '@hono/zod-openapi'
import {
  type ItemInput,
  itemInputSchema,
  type MisconceptionInput,
  misconceptionInputSchema,
} from '../bank/schemas.ts'
import { itemPurposes } from '../db/schema.ts'
import { base64FromBytes, bytesFromBase64, keepMedia, MEDIA_KEY } from './media.ts'
import {
  type ExportBundle,
  type ExportItem,
  type ExportMisconception,
  type ImportProblem,
  isMultipleAnswer,
  issuesMessage,
  type MediaFile,
} from './types.ts'

export const FORMAT = 'misconception-bank'
export const VERSION = 1

/** zod error → one line (kept under this name for the other importers). */
export const issues = (error: z.ZodError): string => issuesMessage(error.issues)

// Keys written in one fixed order, whatever order the caller's objects have, so that the same
// bundle always gives byte-identical JSON (diffable exports; the round-trip test relies on it).
const canonicalItem = (item: ExportItem) => ({
  id: item.id,
  construct: item.construct,
  topic: item.topic,
  topicName: item.topicName,
  strand: item.strand,
  years: item.years,
  stem: item.stem,
  diagramSvg: item.diagramSvg,
  multipleAnswers: isMultipleAnswer(item),
  ...(item.purpose === 'discussion' ? { purpose: item.purpose } : {}),
  options: item.options.map((o) => ({
    label: o.label,
    text: o.text,
    correct: o.correct,
    explanation: o.explanation,
    misconceptions: o.misconceptions.map((m) => ({ slug: m.slug, title: m.title })),
  })),
  source: item.source,
  licence: item.licence,
  note: item.note,
})

const canonicalMisconception = (m: ExportMisconception) => ({
  slug: m.slug,
  title: m.title,
  topic: m.topic,
  description: m.description,
  whyItArises: m.whyItArises,
  howToAddress: m.howToAddress,
  related: m.related,
  references: m.references.map((r) => ({ citation: r.citation, url: r.url })),
})

export function exportJson(bundle: ExportBundle): string {
  return `${JSON.stringify(
    {
      format: FORMAT,
      version: VERSION,
      title: bundle.title,
      description: bundle.description,
      items: bundle.items.map(canonicalItem),
      misconceptions: bundle.misconceptions.map(canonicalMisconception),
      media: bundle.media?.length
        ? bundle.media.map((m) => ({
            key: m.key,
            contentType: m.contentType,
            base64: base64FromBytes(m.bytes),
          }))
        : undefined,
    },
    null,
    2,
  )}\n`
}

/** An export item as the input our schemas validate (what gets written to the bank). */
export function itemInputOf(item: ExportItem, status: ItemInput['status'] = 'draft'): ItemInput {
  return {
    id: item.id,
    construct: item.construct,
    topic: item.topic,
    years: item.years,
    stem: item.stem,
    options: item.options.map((o) => ({
      text: o.text,
      correct: o.correct,
      explanation: o.explanation,
      misconceptions: o.misconceptions.map((m) => m.slug),
    })),
    multipleAnswers: isMultipleAnswer(item),
    ...(item.purpose === 'discussion' ? { purpose: item.purpose } : {}),
    ...(item.diagramSvg ? { diagram: item.diagramSvg } : {}),
    source: item.source,
    licence: item.licence,
    status,
  }
}

/** A bundle as the ItemInputs and MisconceptionInputs it stands for. */
export function bundleInputs(
  bundle: ExportBundle,
  status: ItemInput['status'] = 'draft',
): { items: ItemInput[]; misconceptions: MisconceptionInput[] } {
  return {
    items: bundle.items.map((item) => itemInputOf(item, status)),
    misconceptions: bundle.misconceptions,
  }
}

const optionSchema = z.strictObject({
  label: z.string().regex(/^[A-Z]$/),
  text: z.string(),
  correct: z.boolean(),
  explanation: z.string(),
  misconceptions: z.array(z.strictObject({ slug: z.string(), title: z.string() })),
})

const exportItemSchema = z.strictObject({
  id: z.string(),
  construct: z.string(),
  topic: z.string(),
  topicName: z.string().optional(),
  strand: z.string().optional(),
  years: z.array(z.number()),
  stem: z.string(),
  diagramSvg: z.string().nullable(),
  multipleAnswers: z.boolean().default(false),
  purpose: z.enum(itemPurposes).optional(),
  options: z.array(optionSchema),
  source: z.string(),
  licence: z.string(),
  note: z.string().optional(),
})

// The envelope is checked first and the entries one by one, so one bad item is one problem
// rather than a refused file.
const envelopeSchema = z.object({
  format: z.literal(FORMAT),
  version: z.number().int(),
  title: z.string().optional(),
  description: z.string().optional(),
  items: z.array(z.unknown()),
  misconceptions: z.array(z.unknown()).default([]),
  media: z
    .array(z.object({ key: z.string(), contentType: z.string(), base64: z.string() }))
    .optional(),
})

export interface JsonImport {
  /** Inputs for the bank, each already accepted by itemInputSchema (with a set's note, if any). */
  items: (ItemInput & { note?: string })[]
  misconceptions: MisconceptionInput[]
  /** `row` is the 1-based position in `items`; misconception problems have row null. */
  problems: ImportProblem[]
  /** The valid entries as a bundle again: `exportJson(bundle)` reproduces the file. */
  bundle: ExportBundle
  /** The images the file carried (checked again: a key must be the hash of its bytes). */
  media: MediaFile[]
}

/**
 * Parse our JSON. Per entry: an item or misconception that fails our schemas is reported (items
 * by position) and left out; the rest come back. Never throws on bad input.
 */
export function importJson(
  text: string,
  options: { status?: ItemInput['status'] } = {},
): JsonImport {
  const empty = (message: string): JsonImport => ({
    items: [],
    misconceptions: [],
    problems: [{ row: null, message }],
    bundle: { items: [], misconceptions: [] },
    media: [],
  })
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return empty(`not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  const envelope = envelopeSchema.safeParse(data)
  if (!envelope.success) return empty(`not a ${FORMAT} file: ${issues(envelope.error)}`)
  if (envelope.data.version !== VERSION) {
    return empty(
      `${FORMAT} version ${envelope.data.version} is not one this bank reads (it reads ${VERSION})`,
    )
  }

  const problems: ImportProblem[] = []
  const bundle: ExportBundle = {
    title: envelope.data.title,
    description: envelope.data.description,
    items: [],
    misconceptions: [],
  }
  const misconceptions: MisconceptionInput[] = []
  envelope.data.misconceptions.forEach((raw, index) => {
    const parsed = misconceptionInputSchema.safeParse(raw)
    if (parsed.success) {
      misconceptions.push(parsed.data)
      bundle.misconceptions.push(parsed.data)
    } else {
      const slug = (raw as { slug?: unknown } | null)?.slug
      problems.push({
        row: null,
        message: `misconception ${index + 1}${typeof slug === 'string' ? ` "${slug}"` : ''}: ${issues(parsed.error)}`,
      })
    }
  })
  const media: MediaFile[] = []
  for (const entry of envelope.data.media ?? []) {
    const bytes = bytesFromBase64(entry.base64)
    const kept = bytes && MEDIA_KEY.test(entry.key) ? keepMedia(bytes) : null
    if (kept && !('refused' in kept) && kept.key === entry.key) media.push(kept)
    else
      problems.push({
        row: null,
        message: `image ${entry.key}: ${kept && 'refused' in kept ? kept.refused : 'its key does not match its bytes'}; left out`,
      })
  }
  if (media.length > 0) bundle.media = media
  const items: (ItemInput & { note?: string })[] = []
  envelope.data.items.forEach((raw, index) => {
    const row = index + 1
    const shape = exportItemSchema.safeParse(raw)
    if (!shape.success) {
      problems.push({ row, message: `item ${row}: ${issues(shape.error)}` })
      return
    }
    const input = itemInputSchema.safeParse(itemInputOf(shape.data, options.status))
    if (!input.success) {
      problems.push({ row, message: `item "${shape.data.id}": ${issues(input.error)}` })
      return
    }
    items.push(shape.data.note ? { ...input.data, note: shape.data.note } : input.data)
    bundle.items.push(shape.data)
  })
  return { items, misconceptions, problems, bundle, media }
}
