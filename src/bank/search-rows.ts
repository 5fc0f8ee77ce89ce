/**
 * The FTS5 rows for a bank being written (migration 0006), as SQL statements that go in the
 * same batch as the bank's own rows: `seedStatements` adds them with one call, so every seed,
 * import and publish keeps the FTS5 index in step. Rows hold index terms (terms.ts), so both
 * search paths stem and normalise maths alike. Drafts get no row; an item that stops being
 * published loses its row.
 *
 * An item's row copies the terms of its topic and misconceptions from `search_names` when it is
 * written. A misconception renamed later, or one linked by an accepted annotation, reaches the
 * item's row at the item's next write (the in-isolate index is rebuilt from D1 and always has it).
 */
import type { CompiledBank } from './check.ts'
import { plainText } from '../lib/render.ts'
import { idWords, textTerms } from '../terms/terms.ts'

/** D1 refuses statements over 100 KB: multi-row statements stop short of that. */
const MAX_STATEMENT_BYTES = 90_000

const literal = (value: string | number) =>
  typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`
const terms = (text: string) => textTerms(text).join(' ')

/** `head` + as many `(…)` tuples as fit + `tail`, as few statements as the size limit allows. */
function chunked(head: string, tuples: string[], tail = ';', separator = ', '): string[] {
  const out: string[] = []
  let batch: string[] = []
  let size = 0
  for (const tuple of tuples) {
    if (batch.length > 0 && size + tuple.length > MAX_STATEMENT_BYTES) {
      out.push(head + batch.join(separator) + tail)
      batch = []
      size = 0
    }
    batch.push(tuple)
    size += tuple.length + separator.length
  }
  if (batch.length > 0) out.push(head + batch.join(separator) + tail)
  return out
}

interface DocRow {
  doc: string
  kind: 'item' | 'misconception'
  topic: string
  years: number[]
  misconceptions: string[]
  title: string
  body: string
}

export function searchRowStatements(bank: CompiledBank): string[] {
  const out: string[] = []
  const strandNames = new Map(bank.taxonomy.strands.map((s) => [s.slug, s.name]))
  out.push(
    ...chunked(
      'INSERT INTO search_names (key, terms) VALUES ',
      [
        ...bank.taxonomy.topics.map(
          (t) =>
            `(${literal(`topic:${t.slug}`)}, ${literal(terms(`${t.name} ${strandNames.get(t.strandSlug) ?? ''}`))})`,
        ),
        ...bank.misconceptions.map(
          (m) => `(${literal(`misconception:${m.row.slug}`)}, ${literal(terms(m.row.title))})`,
        ),
      ],
      ' ON CONFLICT (key) DO UPDATE SET terms = excluded.terms;',
    ),
  )

  const rows: DocRow[] = [
    ...bank.misconceptions.map((m) => ({
      doc: `misconception:${m.row.slug}`,
      kind: 'misconception' as const,
      topic: m.row.topicSlug,
      years: [],
      misconceptions: [m.row.slug],
      title: terms(m.row.title),
      body: terms(`${plainText(m.row.descriptionSource)} ${idWords(m.row.slug)}`),
    })),
    ...bank.items
      .filter((item) => item.row.status === 'published')
      .map((item) => ({
        doc: `item:${item.row.id}`,
        kind: 'item' as const,
        topic: item.row.topicSlug,
        years: [...item.years].sort((a, b) => a - b),
        misconceptions: [...new Set(item.options.flatMap((o) => o.misconceptions))].sort(),
        title: terms(item.row.construct),
        body: terms(
          `${plainText(item.row.stemSource)} ${item.options.map((o) => plainText(o.textSource)).join(' ')} ${idWords(item.row.id)}`,
        ),
      })),
  ]
  // Every document of this bank loses its old row first: drafts and unpublished items get none.
  const docs = [
    ...bank.misconceptions.map((m) => `misconception:${m.row.slug}`),
    ...bank.items.map((item) => `item:${item.row.id}`),
  ]
  out.push(
    ...chunked(
      'DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE doc IN (',
      docs.map(literal),
      '));',
    ),
    ...chunked('DELETE FROM search_docs WHERE doc IN (', docs.map(literal), ');'),
  )
  out.push(
    ...chunked(
      "INSERT INTO search_docs (doc, kind, topic, strand, years, misconceptions) SELECT v.column1, v.column2, v.column3, coalesce((SELECT strand_slug FROM topics WHERE slug = v.column3), ''), v.column4, v.column5 FROM (VALUES ",
      rows.map(
        (r) =>
          `(${literal(r.doc)}, ${literal(r.kind)}, ${literal(r.topic)}, ${literal(JSON.stringify(r.years))}, ${literal(JSON.stringify(r.misconceptions))})`,
      ),
      ') v;',
    ),
  )
  // An item's names: its topic's terms and those of the misconceptions its options reveal.
  out.push(
    ...chunked(
      `INSERT INTO search_fts (rowid, title, names, body) SELECT d.id, v.column2, trim(coalesce((SELECT terms FROM search_names WHERE key = 'topic:' || d.topic), '') || ' ' || CASE WHEN d.kind = 'item' THEN coalesce((SELECT group_concat(n.terms, ' ') FROM search_names n WHERE n.key IN (SELECT 'misconception:' || value FROM json_each(d.misconceptions))), '') ELSE '' END), v.column3 FROM (VALUES `,
      rows.map((r) => `(${literal(r.doc)}, ${literal(r.title)}, ${literal(r.body)})`),
      ') v JOIN search_docs d ON d.doc = v.column1;',
    ),
  )
  return out
}
