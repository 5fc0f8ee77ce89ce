/**
 * The FTS5 path's SQL at bank sizes wrangler's local D1 takes too long to seed (200k items is
 * hours of `wrangler d1 execute`): the same tables (migrations/0006), the same rows
 * (`searchRowStatements`) and the same statements (`searchFts`) on Node's built-in SQLite, which
 * is the engine D1 runs. What it leaves out is D1's own overhead per request, which the
 * end-to-end part measures at 10k and 50k.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { CompiledBank } from '../src/bank/check.ts'
import type { TaxonomyRecord } from '../src/bank/compile.ts'
import type { SearchFilters } from '../src/search/engine.ts'
import { searchFts } from '../src/search/fts.ts'
import { searchRowStatements } from '../src/bank/search-rows.ts'
import { QUERY_MIX } from './queries.ts'
import { type Summary, summarize } from './stats.ts'
import { generateBank, type SyntheticBank } from './synthetic-bank.ts'

export interface FtsSqliteResult {
  items: number
  /** Writing the FTS5 rows (what a seed adds for search), in one transaction. */
  writeMs: number
  mix: Summary
  queries: { kind: string; q: string; hits: number; latency: Summary }[]
}

/** Just the fields `searchRowStatements` reads, without compiling (KaTeX) 200k items. */
function asCompiledBank(bank: SyntheticBank): CompiledBank {
  return {
    taxonomy: bank.taxonomy,
    misconceptions: bank.misconceptions.map((m) => ({
      row: { slug: m.slug, title: m.title, topicSlug: m.topic, descriptionSource: m.description },
    })),
    items: bank.items.map((item) => ({
      row: {
        id: item.id,
        construct: item.construct,
        topicSlug: item.topic,
        stemSource: item.stem,
        status: 'published',
      },
      years: item.years,
      options: item.options.map((o) => ({
        textSource: o.text,
        misconceptions: o.misconceptions ?? [],
      })),
    })),
  } as unknown as CompiledBank
}

/** A D1Database over node:sqlite, enough for `searchFts` (prepare, bind, batch). */
function d1Over(db: DatabaseSync): D1Database {
  return {
    prepare: (sql: string) => {
      const statement = db.prepare(sql)
      return {
        bind: (...params: (string | number)[]) => ({
          all: () => ({ results: statement.all(...params) }),
        }),
      }
    },
    batch: async (statements: { all: () => unknown }[]) => statements.map((s) => s.all()),
  } as unknown as D1Database
}

export function benchFtsSqlite(
  root: string,
  taxonomy: TaxonomyRecord,
  itemCount: number,
  iterations: number,
): Promise<FtsSqliteResult> {
  const bank = generateBank(taxonomy, itemCount)
  const db = new DatabaseSync(':memory:')
  // The app's tables the FTS5 statements join, reduced to the columns they read.
  db.exec(`CREATE TABLE topics (slug TEXT PRIMARY KEY, strand_slug TEXT NOT NULL);
    CREATE TABLE items (id TEXT PRIMARY KEY, construct TEXT, stem_source TEXT);
    CREATE TABLE misconceptions (slug TEXT PRIMARY KEY, title TEXT, description_source TEXT);`)
  db.exec(readFileSync(join(root, 'migrations', '0006_search-index.sql'), 'utf8'))
  db.exec('BEGIN')
  const topic = db.prepare('INSERT INTO topics VALUES (?, ?)')
  for (const t of taxonomy.topics) topic.run(t.slug, t.strandSlug)
  const item = db.prepare('INSERT INTO items VALUES (?, ?, ?)')
  for (const i of bank.items) item.run(i.id, i.construct, i.stem)
  const misconception = db.prepare('INSERT INTO misconceptions VALUES (?, ?, ?)')
  for (const m of bank.misconceptions) misconception.run(m.slug, m.title, m.description)
  db.exec('COMMIT')
  const started = performance.now()
  db.exec('BEGIN')
  for (const statement of searchRowStatements(asCompiledBank(bank)))
    db.prepare(statement.sql).run(...statement.params)
  db.exec('COMMIT')
  const writeMs = performance.now() - started

  const d1 = d1Over(db)
  const run = async () => {
    const perQuery = QUERY_MIX.map(() => [] as number[])
    const hits = QUERY_MIX.map(() => 0)
    for (let i = 0; i < iterations + 2; i++) {
      for (const [q, query] of QUERY_MIX.entries()) {
        const t = performance.now()
        const page = await searchFts(d1, query.q, query.filters as SearchFilters, 0, 21)
        // The first two passes warm SQLite's page cache and are not counted.
        if (i >= 2) perQuery[q]!.push(performance.now() - t)
        hits[q] = page.total
      }
    }
    db.close()
    return {
      items: itemCount,
      writeMs,
      mix: summarize(perQuery.flat()),
      queries: QUERY_MIX.map((query, q) => ({
        kind: query.kind,
        q: query.q,
        hits: hits[q]!,
        latency: summarize(perQuery[q]!),
      })),
    }
  }
  return run()
}
