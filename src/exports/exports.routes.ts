/** Export routes: published set versions and single items as files for the tools schools use. */
import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { commonErrors, notFoundError } from '../lib/errors.ts'

const SetParams = z.object({ setId: z.string().max(40) })
const VersionParams = SetParams.extend({ version: z.coerce.number().int().min(1).max(100_000) })

export const exportFormats = ['json', 'moodle', 'gift', 'qti', 'csv', 'html'] as const
export const ExportQuery = z.strictObject({
  format: z.enum(exportFormats).openapi({
    description:
      'json (ours, re-importable), moodle (Moodle XML), gift, qti (QTI 3.0 zip with an assessment test), csv (the diagnostic-question layout, re-importable), html (worksheet with answer key)',
  }),
  shuffle: z.enum(['true', 'false']).default('false').openapi({
    description:
      'moodle and qti only: let the target shuffle the options for each pupil; each option then shows our letter, so the answer key and feedback stay true',
  }),
})
const exported = {
  description: 'The export, as a file download',
  content: {
    'application/json': { schema: z.string() },
    'application/xml': { schema: z.string() },
    'text/plain': { schema: z.string() },
    'text/csv': { schema: z.string() },
    'application/zip': { schema: z.string().openapi({ format: 'binary' }) },
    'text/html': { schema: z.string() },
  },
}

export const exportVersion = createRoute({
  method: 'get',
  path: '/api/sets/{setId}/versions/{version}/export',
  tags: ['Sets', 'Export'],
  summary:
    'Export a published version: QTI 3.0, Moodle XML, GIFT, CSV, JSON or a printable worksheet',
  request: { params: VersionParams, query: ExportQuery },
  responses: { 200: exported, ...notFoundError, ...commonErrors },
})

export const exportItem = createRoute({
  method: 'get',
  path: '/api/items/{id}/export',
  tags: ['Items', 'Export'],
  summary: 'Export one item: QTI 3.0, Moodle XML, GIFT, CSV, JSON or a printable worksheet',
  request: { params: z.object({ id: slug }), query: ExportQuery },
  responses: { 200: exported, ...notFoundError, ...commonErrors },
})
