/**
 * A set (or any bundle) as the diagnostic-question CSV layout, with our optional columns
 * (csv-columns.ts), so a hub can edit it in a spreadsheet and import it back: the same ids, keys,
 * explanations, misconception links (by our slugs), topics, years, diagrams and notes.
 *
 * Written for Excel: UTF-8 with a byte-order mark (without one Excel reads the file as
 * Windows-1252), CRLF line ends, every cell quoted, and formula-like cells guarded. Excel still
 * turns cells that look like dates or numbers ("1/2", "0.50") into dates and numbers when it
 * opens a CSV by double-click; Data → From Text/CSV with the columns as Text keeps them.
 */
import { guardCell, LETTERS } from './csv-columns.ts'
import type { ExportBundle } from './types.ts'

const cell = (value: string) => `"${guardCell(value).replace(/"/g, '""')}"`

export function exportDiagnosticCsv(bundle: ExportBundle): string {
  const width = Math.max(4, ...bundle.items.map((i) => i.options.length))
  const letters = LETTERS.slice(0, width)
  const header = [
    'QuestionId',
    'ConstructName',
    'SubjectName',
    'Topic',
    'YearGroups',
    'CorrectAnswer',
    'QuestionText',
    'Diagram',
    ...letters.map((l) => `Answer${l}Text`),
    ...letters.map((l) => `Answer${l}Explanation`),
    ...letters.map((l) => `Misconception${l}Id`),
    ...letters.map((l) => `Misconception${l}Name`),
    'Note',
    'Purpose',
    'Source',
    'Licence',
  ]
  const rows = bundle.items.map((item) => {
    const option = (i: number) => item.options[i]
    return [
      item.id,
      item.construct,
      item.topicName ?? item.topic,
      item.topic,
      item.years.join(';'),
      item.options
        .filter((o) => o.correct)
        .map((o) => o.label)
        .join(';'),
      item.stem,
      item.diagramSvg ?? '',
      ...letters.map((_, i) => option(i)?.text ?? ''),
      ...letters.map((_, i) => option(i)?.explanation ?? ''),
      ...letters.map(
        (_, i) =>
          option(i)
            ?.misconceptions.map((m) => m.slug)
            .join(';') ?? '',
      ),
      ...letters.map(
        (_, i) =>
          option(i)
            ?.misconceptions.map((m) => m.title)
            .join('; ') ?? '',
      ),
      item.note ?? '',
      item.purpose ?? '',
      item.source,
      item.licence,
    ]
  })
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}
