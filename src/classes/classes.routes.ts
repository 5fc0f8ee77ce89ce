/** Class routes: the classes a teacher keeps (a label and a year group; never pupils). */
import { createRoute, z } from '@hono/zod-openapi'
import { notFoundError } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'
import { IfMatch, preconditionFailed, RevisionField, revisionedResponse } from '../lib/revisions.ts'

export const ClassParams = z.object({ classId: z.string().min(1).max(40) })
const errors = { ...notFoundError, ...signedInErrors } as const

export const ClassSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    year: z.number().int(),
    school: z.string().nullable(),
    revision: RevisionField,
    createdAt: z.string(),
  })
  .openapi('Class')

const label = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .openapi({ description: 'Your label for the class, e.g. "8X2"; never pupils’ names' })
const year = z.number().int().min(1).max(13).openapi({ description: 'Year group, 1–13' })
const school = z.string().trim().max(120).nullable()

export const listClasses = createRoute({
  method: 'get',
  path: '/api/classes',
  tags: ['Classes'],
  summary: 'The classes you keep',
  responses: {
    200: jsonResponse('Your classes', z.object({ data: z.array(ClassSchema) })),
    ...signedInErrors,
  },
})

export const createClass = createRoute({
  method: 'post',
  path: '/api/classes',
  tags: ['Classes'],
  summary: 'Add a class: a label and a year group',
  request: { body: jsonBody(z.strictObject({ label, year, school: school.optional() })) },
  responses: { 201: jsonResponse('Created', ClassSchema), ...signedInErrors },
})

export const updateClass = createRoute({
  method: 'patch',
  path: '/api/classes/{classId}',
  tags: ['Classes'],
  summary: 'Rename a class or change its year group (yours only)',
  request: {
    params: ClassParams,
    headers: IfMatch,
    body: jsonBody(
      z.strictObject({ label: label.optional(), year: year.optional(), school: school.optional() }),
    ),
  },
  responses: { 200: revisionedResponse('Updated', ClassSchema), ...preconditionFailed, ...errors },
})

export const deleteClass = createRoute({
  method: 'delete',
  path: '/api/classes/{classId}',
  tags: ['Classes'],
  summary: 'Delete a class with its sessions and tallies (yours only)',
  request: { params: ClassParams },
  responses: { 204: { description: 'Deleted' }, ...errors },
})
