/**
 * Turning items (a set version's snapshot, or one item) into files for the tools schools use.
 * The formats themselves live in src/interchange/; this gathers what they need (the set's notes,
 * topic names, the misconceptions, and the images from the MEDIA bucket for the formats that
 * carry files) and answers with a download.
 */
import type { ItemDetail } from '../items/items.queries.ts'
import type { Db } from '../lib/db.ts'
import { misconceptionInputs } from '../misconceptions/misconceptions.queries.ts'
import { mediaKeysIn } from '../interchange/media-keys.ts'
import { renderer } from '../lib/rendered.ts'
import type { ExportBundle, ExportItem, ExportOptions } from '../interchange/types.ts'
import { getMedia } from '../media/media.queries.ts'
import { Layout } from '../pages/layout.tsx'
import { Worksheet } from '../pages/item-view.tsx'
import type { exportFormats } from './exports.routes.ts'

export const toExportItem = (item: ItemDetail, note?: string): ExportItem => ({
  id: item.id,
  construct: item.construct,
  topic: item.topic.slug,
  topicName: item.topic.name,
  strand: item.strand.slug,
  years: item.years,
  stem: item.stem.source,
  diagramSvg: item.diagramSvg,
  multipleAnswers: item.multipleAnswers,
  options: item.options.map((o) => ({
    label: o.label,
    text: o.text.source,
    correct: o.correct,
    explanation: o.explanation.source,
    misconceptions: o.misconceptions,
  })),
  source: item.source,
  licence: item.licence,
  ...(note?.trim() ? { note } : {}),
})

export async function exportResponse(
  db: Db,
  media: R2Bucket,
  format: (typeof exportFormats)[number],
  what: {
    filename: string
    title: string
    description: string
    items: ItemDetail[]
    notes?: string[]
    /** Sets only: the category Moodle and GIFT file the questions under. */
    category?: string
  },
  options: ExportOptions = {},
): Promise<Response> {
  const download = (body: BodyInit, type: string, extension: string) =>
    new Response(body, {
      headers: {
        'content-type': type,
        'content-disposition': `attachment; filename="${what.filename}.${extension}"`,
      },
    })
  if (format === 'html') {
    const page = (
      <Layout title={what.title} user={null}>
        <Worksheet title={what.title} items={what.items} notes={what.notes} />
      </Layout>
    )
    return new Response(`<!doctype html>${await page.toString()}`, {
      headers: { 'content-type': 'text/html; charset=utf-8' },
    })
  }
  const slugs = what.items.flatMap((i) =>
    i.options.flatMap((o) => o.misconceptions.map((m) => m.slug)),
  )
  const items = what.items.map((item, i) => toExportItem(item, what.notes?.[i]))
  // CSV keeps image addresses as text (a re-import into this bank finds them again); every
  // other format carries the images themselves.
  const keys = items.flatMap((i) => [i.stem, ...i.options.flatMap((o) => [o.text, o.explanation])])
  const bundle: ExportBundle = {
    title: what.title,
    description: what.description,
    category: what.category,
    items,
    misconceptions: await misconceptionInputs(db, slugs),
    ...(format === 'csv' ? {} : { media: await getMedia(media, keys.flatMap(mediaKeysIn)) }),
  }
  // The file is built in the renderer Worker (the builders bring markdown-it and an XML writer).
  const file = await renderer().exportFile(format, bundle, options)
  switch (format) {
    case 'json':
      return download(file, 'application/json; charset=utf-8', 'json')
    case 'moodle':
      return download(file, 'application/xml; charset=utf-8', 'moodle.xml')
    case 'gift':
      return download(file, 'text/plain; charset=utf-8', 'gift.txt')
    case 'qti':
      return download(file, 'application/zip', 'qti.zip')
    case 'csv':
      return download(file, 'text/csv; charset=utf-8', 'csv')
  }
}
