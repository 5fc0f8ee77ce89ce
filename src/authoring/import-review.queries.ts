/**
 * A curator's import into the hub's review queue: the same parsing, validation and rendering as
 * `POST /api/hubs/{slug}/import` (prepareImport), then every good row written in one batch as a
 * revision in review, authored by the importer, so a second curator publishes it (publishItem).
 *
 * An item that already exists and belongs to the bank's own content or to another hub is skipped
 * and reported: a hub imports into its own items only. A published item of this hub keeps what
 * it shows until the imported revision is reviewed, as an edit does.
 */
import { inArray } from 'drizzle-orm'
import { applyStatements, revisionStatementFor, seedStatements } from '../bank/seed.ts'
import { items } from '../db/schema.ts'
import { type ImportReport, type ImportSource, prepareImport } from '../imports/prepare.ts'
import { chunk, type Db } from '../lib/db.ts'
import { misconceptionSlugs } from '../misconceptions/misconceptions.queries.ts'
import { taxonomyRecord } from '../taxonomy/taxonomy.queries.ts'

export async function importForReview(
  db: Db,
  d1: D1Database,
  hubSlug: string,
  importerId: string,
  source: ImportSource,
  options: { dryRun: boolean; licence: string },
): Promise<ImportReport> {
  const { bank, report } = prepareImport([source], await taxonomyRecord(db), {
    status: 'review',
    licence: options.licence,
    knownMisconceptions: await misconceptionSlugs(db),
  })
  const existing = new Map<string, { status: string; hubSlug: string | null }>()
  for (const ids of chunk(
    bank.items.map((i) => i.row.id),
    90,
  )) {
    const rows = await db
      .select({ id: items.id, status: items.status, hubSlug: items.hubSlug })
      .from(items)
      .where(inArray(items.id, ids))
    rows.forEach((r) => existing.set(r.id, r))
  }
  const fresh: typeof bank.items = []
  const revisions: string[] = []
  const revision = { status: 'review' as const, authorId: importerId }
  for (const item of bank.items) {
    item.row.hubSlug = hubSlug
    const found = existing.get(item.row.id)
    if (found && found.hubSlug !== hubSlug) {
      report.skipped.push({
        source: source.name,
        row: null,
        message: `item "${item.row.id}" already exists and is not one of this hub's items`,
      })
    } else if (found?.status === 'published') {
      item.row.status = 'published'
      revisions.push(...revisionStatementFor(item, revision))
    } else fresh.push(item)
  }
  report.items = fresh.length + revisions.length
  if (!options.dryRun && (report.items > 0 || bank.misconceptions.length > 0)) {
    // One batch: D1 runs it as a single transaction, so the good rows land together or not at all.
    await applyStatements(d1, [
      ...seedStatements({ ...bank, items: fresh }, undefined, revision),
      ...revisions,
    ])
  }
  return report
}
