/**
 * The seed statements as D1 takes them (src/bank/statements.ts): every statement of the starter
 * bank and of a 5,000-row import within D1's 100 parameters and 100,000 bytes, the import still
 * one batch of a few hundred statements, and the CLI's .sql text writing exactly the rows that the
 * bound statements write (checked on Node's SQLite, the engine D1 runs).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import type { CompiledBank } from '../../src/bank/check.ts'
import { compileItem, compileTaxonomy } from '../../src/bank/compile.ts'
import { loadContent } from '../../src/bank/content-files.ts'
import { itemInputSchema, taxonomySchema } from '../../src/bank/schemas.ts'
import { seedStatements, type Statement, toSqlText } from '../../src/bank/seed.ts'
import { MAX_PARAMS } from '../../src/bank/statements.ts'
import { prepareImport } from '../../src/imports/prepare.ts'

const D1_MAX_STATEMENT_BYTES = 100_000
const HOSTILE = `It's "quoted" -- not a comment; what? ?1 :x '); DROP TABLE items; -- back\\slash 🧮 naïve`

const bytes = (text: string) => Buffer.byteLength(text)

/** Each statement's parameter count and the sizes D1 sees: the SQL alone, and as the .sql file. */
function limits(statements: Statement[]) {
  const text = toSqlText(statements)
  return {
    params: Math.max(...statements.map((s) => s.params.length)),
    sql: Math.max(...statements.map((s) => bytes(s.sql))),
    file: Math.max(...text.map(bytes)),
  }
}

const taxonomy = () =>
  compileTaxonomy(taxonomySchema.parse(parseYaml(readFileSync('content/taxonomy.yaml', 'utf8'))))

/** A questions CSV in the research extract's layout, with quotes and (every tenth row) TeX. */
function questionsCsv(rows: number): string {
  const lines = [
    'QuestionId,ConstructName,SubjectName,CorrectAnswer,QuestionText,AnswerAText,AnswerBText,AnswerCText,AnswerDText,MisconceptionAId,MisconceptionBId,MisconceptionCId,MisconceptionDId',
  ]
  for (let i = 1; i <= rows; i++) {
    const [a, b] = [2 + (i % 17), 3 + (i % 11)]
    lines.push(
      [
        i,
        `"Calculate the perimeter (${i})"`,
        'Perimeter',
        'A',
        // Rendering TeX is most of an import's time: enough of it for realistic sizes.
        i % 10 === 0
          ? `"A rectangle is \\( ${a} \\mathrm{~cm} \\) by \\( ${b} \\mathrm{~cm} \\). What's its ""perimeter""?"`
          : `"A rectangle is ${a} cm by ${b} cm. What's its ""perimeter""?"`,
        `${2 * (a + b)} cm`,
        `${a * b} cm`,
        `${a + b} cm`,
        i % 10 === 0 ? `\\( \\frac{${a}}{${b}} \\)` : `${a}/${b} cm`,
        '',
        '1',
        '',
        '',
      ].join(','),
    )
  }
  return lines.join('\n')
}

/** A Node SQLite database with every migration applied, as D1 would have it. */
function migrated(): DatabaseSync {
  const db = new DatabaseSync(':memory:')
  for (const file of readdirSync('migrations')
    .filter((f) => f.endsWith('.sql'))
    .sort())
    db.exec(readFileSync(`migrations/${file}`, 'utf8'))
  return db
}

/** Every row of the tables a seed writes, in a stable order. */
function dump(db: DatabaseSync) {
  const tables = [
    'strands',
    'topics',
    'misconceptions',
    'misconception_relations',
    'items',
    'item_revisions',
    'item_years',
    'options',
    'option_misconceptions',
    'search_names',
    'search_docs',
    'bank_meta',
  ]
  return Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]),
  )
}

describe('seed statements', () => {
  it('keep every statement of the starter bank within 100 parameters and 100,000 bytes, bound or written out', async () => {
    const { bank, problems } = await loadContent('content')
    expect(problems).toEqual([])
    const statements = seedStatements(bank, '2026-01-01T00:00:00.000Z')
    const seen = limits(statements)
    expect(seen.params).toBeLessThanOrEqual(MAX_PARAMS)
    expect(seen.sql).toBeLessThan(D1_MAX_STATEMENT_BYTES)
    expect(seen.file).toBeLessThan(D1_MAX_STATEMENT_BYTES)
    // As many as the text-built statements were (110 for 396 items), not one per row.
    expect(statements.length).toBeLessThan(bank.items.length / 3)
  })

  it('write a 5,000-row CSV import as one batch of a few hundred statements within the limits', () => {
    const { bank, report } = prepareImport(
      [
        {
          format: 'diagnostic-csv',
          name: 'questions.csv',
          questions: new TextEncoder().encode(questionsCsv(5_000)),
          misconceptions: new TextEncoder().encode(
            'MisconceptionId,MisconceptionName\n1,"Adds the sides it can see, ""always"""',
          ),
          misconceptionsName: 'misconceptions.csv',
        },
      ],
      taxonomy(),
      { licence: 'CC-BY-4.0', status: 'published', knownMisconceptions: new Set() },
    )
    expect(report.skipped).toEqual([])
    expect(bank.items).toHaveLength(5_000)
    const statements = seedStatements(bank, '2026-01-01T00:00:00.000Z')
    const seen = limits(statements)
    expect(seen.params).toBeLessThanOrEqual(MAX_PARAMS)
    expect(seen.sql).toBeLessThan(D1_MAX_STATEMENT_BYTES)
    expect(seen.file).toBeLessThan(D1_MAX_STATEMENT_BYTES)
    expect(statements.length).toBeLessThan(500)
  }, 120_000)

  it('write the same rows as SQL text (the CLI’s .sql file) as they do bound', () => {
    const record = compileItem(
      itemInputSchema.parse({
        id: 'hostile-text',
        construct: `Perimeter ${HOSTILE}`,
        topic: 'perimeter',
        years: [4],
        stem: `What is the perimeter? ${HOSTILE}`,
        source: HOSTILE,
        licence: 'CC-BY-4.0',
        status: 'published',
        options: [
          { text: '$16$', correct: true, explanation: HOSTILE },
          { text: HOSTILE, explanation: 'Two sides.' },
        ],
      }),
    )
    const bank: CompiledBank = {
      taxonomy: taxonomy(),
      misconceptions: [],
      items: [{ ...record, at: 'x' }],
    }
    const statements = seedStatements(bank, '2026-01-01T00:00:00.000Z')
    const bound = migrated()
    for (const s of statements) bound.prepare(s.sql).run(...s.params)
    const text = migrated()
    for (const sql of toSqlText(statements)) text.exec(sql)
    expect(dump(text)).toEqual(dump(bound))
    expect(
      bound.prepare("SELECT stem_source, source FROM items WHERE id = 'hostile-text'").get(),
    ).toEqual({ stem_source: `What is the perimeter? ${HOSTILE}`, source: HOSTILE })
  })

  it('refuses to write out a statement whose placeholders and parameters do not match', () => {
    expect(() => toSqlText([{ sql: 'SELECT ?, ?', params: ['one'] }])).toThrow(/2 placeholders/)
    expect(toSqlText([{ sql: 'SELECT ?', params: ["it's ?"] }])).toEqual(["SELECT 'it''s ?';"])
  })
})
