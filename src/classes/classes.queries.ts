/**
 * A teacher's classes. Each is a label and a year group (optionally a school), never a list of
 * pupils. Only the teacher who keeps a class sees or changes it; anyone else gets 404.
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import { atRevision, editedRevision, nextRevision } from '../lib/revisions.ts'
import { newId } from '../accounts/secrets.ts'
import { classes, users, workgroupMembers } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'

export interface ClassInput {
  label: string
  year: number
  school?: string | null
}

const columns = {
  id: classes.id,
  label: classes.label,
  year: classes.year,
  school: classes.school,
  revision: classes.revision,
  createdAt: classes.createdAt,
}

export type ClassRow = { id: string; label: string; year: number; school: string | null }

export async function listClasses(db: Db, teacherId: string) {
  return db
    .select(columns)
    .from(classes)
    .where(eq(classes.teacherId, teacherId))
    .orderBy(asc(classes.year), asc(classes.label))
}

/** The caller's own class, or a 404 exactly as if it did not exist. */
export async function requireOwnClass(db: Db, classId: string, teacherId: string) {
  const [row] = await db
    .select(columns)
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.teacherId, teacherId)))
  if (!row) throw notFound('That class')
  return row
}

export async function createClass(db: Db, teacherId: string, input: ClassInput) {
  const id = newId()
  await db.insert(classes).values({
    id,
    teacherId,
    label: input.label,
    year: input.year,
    school: input.school ?? null,
  })
  return requireOwnClass(db, id, teacherId)
}

/** Change one of your classes, if it is still at the revision you saw. */
export async function updateClass(
  db: Db,
  classId: string,
  teacherId: string,
  changes: Partial<ClassInput>,
  expected?: number,
) {
  const mine = and(eq(classes.id, classId), eq(classes.teacherId, teacherId))
  const updated = await db
    .update(classes)
    .set({ ...changes, revision: nextRevision(classes.revision) })
    .where(and(mine, atRevision(classes.revision, expected)))
    .returning({ revision: classes.revision })
  await editedRevision(
    updated,
    () => db.select({ revision: classes.revision }).from(classes).where(mine),
    'That class',
  )
  return requireOwnClass(db, classId, teacherId)
}

/** Deleting a class deletes its tallies and sessions with it (foreign keys cascade). */
export async function deleteClass(db: Db, classId: string, teacherId: string) {
  await requireOwnClass(db, classId, teacherId)
  await db.delete(classes).where(and(eq(classes.id, classId), eq(classes.teacherId, teacherId)))
}

/** Classes kept by the workgroup's members, with their teacher: what a workgroup may see. */
export async function workgroupClasses(db: Db, workgroupId: string) {
  return db
    .select({ ...columns, teacherId: classes.teacherId, teacherName: users.displayName })
    .from(classes)
    .innerJoin(workgroupMembers, eq(workgroupMembers.userId, classes.teacherId))
    .innerJoin(users, eq(users.id, classes.teacherId))
    .where(eq(workgroupMembers.workgroupId, workgroupId))
    .orderBy(asc(users.displayName), asc(classes.year), asc(classes.label))
}

/** Classes by id with their teacher (≤ 90 ids: D1's parameter limit). */
export async function classesById(db: Db, ids: string[]) {
  if (ids.length === 0) return []
  return db
    .select({ ...columns, teacherId: classes.teacherId })
    .from(classes)
    .where(inArray(classes.id, ids.slice(0, 90)))
}
