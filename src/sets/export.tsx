/**
 * Turning items (a set version's snapshot, or one item) into files for the tools schools use.
 * The formats themselves live in src/interchange/; this gathers what they need and answers
 * with a download.
 */
import type { ItemDetail } from '../items/items.queries.ts'
import type { Db } from '../lib/db.ts'
import { misconceptionInputs } from '../misconceptions/misconceptions.queries.ts'
import { exportGift } from '../interchange/gift.ts'
import { exportJson } from '../interchange/json.ts'
import { exportMoodleXml } from '../interchange/moodle-xml.ts'
import { exportQtiPackage } from '../interchange/qti.ts'
import type { ExportBundle, ExportItem } from '../interchange/types.ts'
import { Layout } from '../pages/layout.tsx'
import { Worksheet } from '../pages/item-view.tsx'
import type { exportFormats } from './sets.routes.ts'

export const toExportItem = (item: ItemDetail): ExportItem => ({
  id: item.id,
  construct: item.construct,
  topic: item.topic.slug,
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
})

export async function exportResponse(
  db: Db,
  format: (typeof exportFormats)[number],
  what: {
    filename: string
    title: string
    description: string
    items: ItemDetail[]
    notes?: string[]
  },
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
  const bundle: ExportBundle = {
    title: what.title,
    description: what.description,
    items: what.items.map(toExportItem),
    misconceptions: await misconceptionInputs(db, slugs),
  }
  switch (format) {
    case 'json':
      return download(exportJson(bundle), 'application/json; charset=utf-8', 'json')
    case 'moodle':
      return download(exportMoodleXml(bundle), 'application/xml; charset=utf-8', 'moodle.xml')
    case 'gift':
      return download(exportGift(bundle), 'text/plain; charset=utf-8', 'gift.txt')
    case 'qti':
      return download(await exportQtiPackage(bundle), 'application/zip', 'qti.zip')
  }
}
