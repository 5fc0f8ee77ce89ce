/**
 * `POST /api/hubs/{hubSlug}/import`: curators import a diagnostic-question CSV pair, a Moodle XML
 * file or one of our JSON exports. The same pipeline as `npm run import`: bad rows are skipped
 * and reported by row number, the good ones are written in one D1 batch (all or nothing) with a
 * bump of the bank version, so search sees them on the next request.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { prepareImport, type ImportSource } from './prepare.ts'
import { applyStatements, seedStatements } from '../bank/seed.ts'
import { itemStatuses, misconceptions } from '../db/schema.ts'
import { requireCurator } from '../hubs/hubs.queries.ts'
import { currentUser } from '../lib/auth.ts'
import { createRouter } from '../lib/create-app.ts'
import { getDb } from '../lib/db.ts'
import { notFoundError } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'
import { taxonomyRecord } from '../taxonomy/taxonomy.queries.ts'

/** Imports larger than this go through the CLI, which has no request size or time limit. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024

const Source = z.discriminatedUnion('format', [
  z.strictObject({
    format: z.literal('diagnostic-csv'),
    name: z.string().max(200).default('questions.csv'),
    questions: z.string().min(1),
    misconceptions: z.string().min(1),
  }),
  z.strictObject({
    format: z.literal('moodle-xml'),
    name: z.string().max(200).default('questions.xml'),
    xml: z.string().min(1),
  }),
  z.strictObject({
    format: z.literal('json'),
    name: z.string().max(200).default('export.json'),
    text: z.string().min(1),
  }),
])

const Problem = z.object({
  source: z.string(),
  row: z.number().int().nullable(),
  message: z.string(),
})

export const importRoute = createRoute({
  method: 'post',
  path: '/api/hubs/{hubSlug}/import',
  tags: ['Import', 'Hubs'],
  summary: 'Import items and misconceptions (hub curators); per-row, re-importing changes nothing',
  request: {
    params: z.object({ hubSlug: slug }),
    body: jsonBody(
      z.strictObject({
        source: Source,
        dryRun: z.boolean().default(false),
        status: z.enum(itemStatuses).default('published'),
        licence: z.string().trim().min(1).max(60).default('CC-BY-4.0'),
      }),
    ),
  },
  responses: {
    200: jsonResponse(
      'What was (or, in a dry run, would be) imported, and what was skipped and why',
      z.object({
        dryRun: z.boolean(),
        items: z.number().int(),
        misconceptions: z.number().int(),
        skipped: z.array(Problem),
        flagged: z.array(Problem),
      }),
    ),
    ...notFoundError,
    ...signedInErrors,
  },
})

export const importsRouter = createRouter().openapi(importRoute, async (c) => {
  const db = getDb(c.env.DB)
  await requireCurator(db, c.req.valid('param').hubSlug, currentUser(c))
  const { source, dryRun, status, licence } = c.req.valid('json')
  const known = await db.select({ slug: misconceptions.slug }).from(misconceptions)
  const { bank, report } = prepareImport([source as ImportSource], await taxonomyRecord(db), {
    status,
    licence,
    knownMisconceptions: new Set(known.map((m) => m.slug)),
  })
  if (!dryRun && (bank.items.length > 0 || bank.misconceptions.length > 0)) {
    // One batch: D1 runs it as a single transaction, so the good rows land together or not at all.
    await applyStatements(c.env.DB, seedStatements(bank))
  }
  return c.json({ dryRun, ...report }, 200)
})
