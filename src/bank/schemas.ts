/**
 * What an item, a misconception and the taxonomy are, as written by people: in `content/` files
 * today, through the authoring and import APIs later. One set of schemas for every way in, so a
 * file the API would refuse is refused by the content build too.
 */
import { z } from '@hono/zod-openapi'
import { itemPurposes, itemStatuses } from '../db/schema.ts'

export const slug = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens')

/**
 * Text as people write it: no NUL or other control characters (tab and line breaks aside). They
 * never belong in an item, break the SQL that carries a bank to D1, and usually mean a file was
 * read with the wrong encoding, so a row that has them is refused and reported, not stored.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
export const text = () =>
  z.string().refine((value) => !CONTROL.test(value), {
    message: 'must not contain control characters (such as NUL)',
  })

/** Markdown with TeX maths. */
const markdown = (max: number) => text().trim().min(1, 'must not be empty').max(max)

export const taxonomySchema = z.strictObject({
  strands: z
    .array(
      z.strictObject({
        slug,
        name: z.string().min(1),
        topics: z
          .array(
            z.strictObject({
              slug,
              name: z.string().min(1),
              keyStages: z.array(z.number().int().min(1).max(4)).min(1),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
})
export type TaxonomyInput = z.infer<typeof taxonomySchema>

export const referenceSchema = z.strictObject({
  citation: text().min(1).max(500),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
})

export const misconceptionInputSchema = z.strictObject({
  slug,
  title: text().trim().min(3).max(160),
  topic: slug,
  description: markdown(5000),
  whyItArises: markdown(5000),
  howToAddress: markdown(5000),
  related: z.array(slug).max(20).default([]),
  references: z.array(referenceSchema).max(20).default([]),
})
export type MisconceptionInput = z.infer<typeof misconceptionInputSchema>

export const optionInputSchema = z.strictObject({
  text: markdown(1000),
  correct: z.boolean().default(false),
  explanation: markdown(3000),
  misconceptions: z.array(slug).max(5).default([]),
})

export const itemInputSchema = z
  .strictObject({
    id: slug,
    construct: text().trim().min(5).max(300),
    topic: slug,
    years: z.array(z.number().int().min(1).max(11)).min(1).max(11),
    stem: markdown(5000),
    options: z.array(optionInputSchema).min(2).max(5),
    multipleAnswers: z.boolean().default(false),
    diagram: text().max(50_000).optional(),
    source: text().trim().min(1).max(300),
    licence: text().trim().min(1).max(60),
    status: z.enum(itemStatuses).default('draft'),
    /** Absent means diagnostic, which is what almost every item is. */
    purpose: z.enum(itemPurposes).optional(),
  })
  .superRefine((item, ctx) => {
    const correct = item.options.filter((option) => option.correct).length
    if (!item.multipleAnswers && correct !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `a single-answer item needs exactly one correct option (found ${correct})`,
      })
    }
    if (item.multipleAnswers && correct < 1) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'no option is marked correct' })
    }
    item.options.forEach((option, index) => {
      if (option.correct && option.misconceptions.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', index, 'misconceptions'],
          message: 'a correct option cannot reveal a misconception',
        })
      }
    })
    if (new Set(item.years).size !== item.years.length) {
      ctx.addIssue({ code: 'custom', path: ['years'], message: 'a year group is listed twice' })
    }
  })
export type ItemInput = z.infer<typeof itemInputSchema>

/** Options are lettered in the order they are written. */
export const optionLabel = (index: number): string => String.fromCharCode(65 + index)
