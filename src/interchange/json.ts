/**
 * Our own JSON format: items and misconceptions exactly as written (the inputs our schemas
 * validate), so an export imports back without loss.
 */
import { z } from '@hono/zod-openapi'
import {
  type ItemInput,
  itemInputSchema,
  type MisconceptionInput,
  misconceptionInputSchema,
} from '../bank/schemas.ts'
import type { ExportBundle, ImportProblem } from './types.ts'

export const FORMAT = 'misconception-bank'
export const VERSION = 1

/** A bundle as the ItemInputs and MisconceptionInputs it was written from. */
export function bundleInputs(bundle: ExportBundle): {
  items: ItemInput[]
  misconceptions: MisconceptionInput[]
} {
  return {
    items: bundle.items.map((item) => ({
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
      multipleAnswers: item.options.filter((o) => o.correct).length > 1,
      ...(item.diagramSvg ? { diagram: item.diagramSvg } : {}),
      source: item.source,
      licence: item.licence,
      status: 'published',
    })),
    misconceptions: bundle.misconceptions,
  }
}

export function exportJson(bundle: ExportBundle): string {
  return `${JSON.stringify(
    {
      format: FORMAT,
      version: VERSION,
      title: bundle.title ?? '',
      description: bundle.description ?? '',
      ...bundleInputs(bundle),
    },
    null,
    2,
  )}\n`
}

const envelope = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  items: z.array(z.unknown()),
  misconceptions: z.array(z.unknown()),
})

/** Parse our JSON; each item or misconception that fails our schemas is a problem, by position. */
export function importJson(text: string) {
  const problems: ImportProblem[] = []
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return {
      items: [],
      misconceptions: [],
      problems: [{ row: null, message: `not JSON: ${(error as Error).message}` }],
    }
  }
  const parsed = envelope.safeParse(data)
  if (!parsed.success) {
    return {
      items: [],
      misconceptions: [],
      problems: [{ row: null, message: `not a ${FORMAT} v${VERSION} file` }],
    }
  }
  const misconceptions: MisconceptionInput[] = []
  parsed.data.misconceptions.forEach((m, i) => {
    const result = misconceptionInputSchema.safeParse(m)
    if (result.success) misconceptions.push(result.data)
    else problems.push({ row: null, message: `misconception ${i + 1}: ${issues(result.error)}` })
  })
  const items: (ItemInput & { row: number })[] = []
  parsed.data.items.forEach((item, i) => {
    const result = itemInputSchema.safeParse(item)
    if (result.success) items.push({ ...result.data, row: i + 1 })
    else problems.push({ row: i + 1, message: `item ${i + 1}: ${issues(result.error)}` })
  })
  return { items, misconceptions, problems }
}

export const issues = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
