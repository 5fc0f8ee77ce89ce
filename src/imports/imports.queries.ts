/**
 * A hub's import, the one way for the API and the import page: the same parsing, validation and
 * rendering as the CLI (prepareImport), then every good row written in one batch as the hub's own,
 * a draft or in review, authored by the importer, so a second curator publishes it (publishItem).
 *
 * An item whose id belongs to the starter bank or to another hub is skipped with the reason: an
 * import never rewrites what someone else curates. A published item of this hub keeps what it
 * shows until the imported revision is reviewed, as an edit does.
 */
import { inArray } from 'drizzle-orm'
import { applyStatements, revisionStatements, seedStatements } from '../bank/seed.ts'
import { items } from '../db/schema.ts'
import { chunk, type Db } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { putMedia } from '../media/media.queries.ts'
import { misconceptionSlugs } from '../misconceptions/misconceptions.queries.ts'
import { taxonomyRecord } from '../taxonomy/taxonomy.queries.ts'
import { renderer } from '../lib/rendered.ts'
import type { ImportReport, ImportSource } from './prepare.ts'

export interface HubImport {
  hubSlug: string
  importerId: string
  dryRun: boolean
  licence: string
  status?: 'draft' | 'review'
  defaultTopic?: string
}

/** Each existing item's status and owning hub (null for the starter bank), by id. */
async function existingItems(db: Db, ids: string[]) {
  const found = new Map<string, { status: string; hubSlug: string | null }>()
  for (const part of chunk([...new Set(ids)], 90)) {
    const rows = await db
      .select({ id: items.id, status: items.status, hubSlug: items.hubSlug })
      .from(items)
      .where(inArray(items.id, part))
    for (const row of rows) found.set(row.id, row)
  }
  return found
}

export async function importIntoHub(
  db: Db,
  d1: D1Database,
  mediaBucket: R2Bucket,
  source: ImportSource,
  options: HubImport,
): Promise<ImportReport> {
  const status = options.status ?? 'review'
  // Parsing and rendering run in the renderer Worker; the writes stay here.
  const { bank, report, media } = await renderer().prepareImport(
    [source],
    await taxonomyRecord(db),
    {
      status,
      licence: options.licence,
      defaultTopic: options.defaultTopic,
      knownMisconceptions: await misconceptionSlugs(db),
    },
  )
  // A file that could not be read at all (not XML, an external entity, no question in it) is a
  // bad request, said plainly; a file with some bad rows imports the rest and reports those.
  const unreadable = report.skipped.filter((p) => p.row === null)
  if (bank.items.length === 0 && bank.misconceptions.length === 0 && unreadable.length > 0)
    throw new ApiError(400, `Nothing could be imported: ${unreadable[0]!.message}`, {
      errors: unreadable.map((p) => ({ in: 'json', field: 'source', message: p.message })),
    })
  const existing = await existingItems(
    db,
    bank.items.map((i) => i.row.id),
  )
  const fresh: typeof bank.items = []
  // Published items of this hub get only a new revision, all in as few statements as fit.
  const published: typeof bank.items = []
  const revision = { status, authorId: options.importerId }
  for (const item of bank.items) {
    item.row.hubSlug = options.hubSlug
    const found = existing.get(item.row.id)
    if (found && found.hubSlug !== options.hubSlug) {
      report.skipped.push({
        source: item.at,
        row: null,
        message: `item "${item.row.id}" belongs to ${found.hubSlug ? `hub "${found.hubSlug}"` : 'the starter bank'}; give it a new id to import it as this hub's`,
      })
    } else if (found?.status === 'published') {
      item.row.status = 'published'
      published.push(item)
    } else fresh.push(item)
  }
  report.items = fresh.length + published.length
  if (!options.dryRun && (report.items > 0 || bank.misconceptions.length > 0)) {
    await putMedia(mediaBucket, media)
    // One batch: D1 runs it as a single transaction, so the good rows land together or not at all.
    await applyStatements(d1, [
      ...seedStatements({ ...bank, items: fresh }, undefined, revision),
      ...revisionStatements(published, new Date().toISOString(), revision),
    ])
  }
  return report
}
