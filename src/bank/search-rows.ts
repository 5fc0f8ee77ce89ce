/**
 * The FTS5 rows for a bank being written (migration 0006), as statements (each chunk of rows one
 * bound JSON array, statements.ts) that go in the same batch as the bank's own rows:
 * `seedStatements` adds them with one call, so every seed, import and publish keeps the FTS5
 * index in step. Rows hold index terms (terms.ts), so both
 * search paths stem and normalise maths alike. Drafts get no row; an item that stops being
 * published loses its row.
 *
 * An item's row copies the terms of its topic and misconceptions from `search_names` when it is
 * written. A misconception renamed later, or one linked by an accepted annotation, reaches the
 * item's row at the item's next write (the in-isolate index is rebuilt from D1 and always has it).
 */
import type { CompiledBank } from './check.ts'
import { plainText } from '../lib/plain-text.ts'
import { idWords, textTerms } from '../terms/terms.ts'
import { jsonChunks, jsonColumns, type Statement } from './statements.ts'

const terms = (text: string) => textTerms(text).join(' ')

interface DocRow {
  doc: string
  kind: 'item' | 'misconception'
  topic: string
  years: number[]
  misconceptions: string[]
  title: string
  body: string
}

export function searchRowStatements(bank: CompiledBank): Statement[] {
  const out: Statement[] = []
  const strandNames = new Map(bank.taxonomy.strands.map((s) => [s.slug, s.name]))
  out.push(
    ...jsonChunks(
      `INSERT INTO search_names (key, terms) SELECT ${jsonColumns(['key', 'terms'])} FROM json_each(?) WHERE true ON CONFLICT (key) DO UPDATE SET terms = excluded.terms`,
      [
        ...bank.taxonomy.topics.map((t) => [
          `topic:${t.slug}`,
          terms(`${t.name} ${strandNames.get(t.strandSlug) ?? ''}`),
        ]),
        ...bank.misconceptions.map((m) => [`misconception:${m.row.slug}`, terms(m.row.title)]),
      ],
    ),
  )

  const all: DocRow[] = [
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
  // An id twice in one bank (its later copy wins, as in the items upsert) is one document: two
  // rows for it would break search_docs' unique key and fail the whole batch.
  const rows = [...new Map(all.map((r) => [r.doc, r])).values()]
  // Every document of this bank loses its old row first: drafts and unpublished items get none.
  const docs = [
    ...bank.misconceptions.map((m) => `misconception:${m.row.slug}`),
    ...bank.items.map((item) => `item:${item.row.id}`),
  ]
  out.push(
    ...jsonChunks(
      'DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE doc IN (SELECT value FROM json_each(?)))',
      docs,
    ),
    ...jsonChunks('DELETE FROM search_docs WHERE doc IN (SELECT value FROM json_each(?))', docs),
  )
  // Years and misconceptions are JSON text in their columns: the row holds them as strings.
  out.push(
    ...jsonChunks(
      `INSERT INTO search_docs (doc, kind, topic, strand, years, misconceptions) SELECT v.doc, v.kind, v.topic, coalesce((SELECT strand_slug FROM topics WHERE slug = v.topic), ''), v.years, v.misconceptions FROM (SELECT ${jsonColumns(['doc', 'kind', 'topic', 'years', 'misconceptions'])} FROM json_each(?)) v`,
      rows.map((r) => [
        r.doc,
        r.kind,
        r.topic,
        JSON.stringify(r.years),
        JSON.stringify(r.misconceptions),
      ]),
    ),
  )
  // An item's names: its topic's terms and those of the misconceptions its options reveal.
  out.push(
    ...jsonChunks(
      `INSERT INTO search_fts (rowid, title, names, body) SELECT d.id, v.title, trim(coalesce((SELECT terms FROM search_names WHERE key = 'topic:' || d.topic), '') || ' ' || CASE WHEN d.kind = 'item' THEN coalesce((SELECT group_concat(n.terms, ' ') FROM search_names n WHERE n.key IN (SELECT 'misconception:' || value FROM json_each(d.misconceptions))), '') ELSE '' END), v.body FROM (SELECT ${jsonColumns(['doc', 'title', 'body'])} FROM json_each(?)) v JOIN search_docs d ON d.doc = v.doc`,
      rows.map((r) => [r.doc, r.title, r.body]),
    ),
  )
  return out
}
