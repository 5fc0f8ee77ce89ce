/**
 * Seed and import statements bind every value (src/bank/statements.ts): text that looks like SQL
 * is stored as written, fields far larger than one statement's 100 KB of SQL go in, and every
 * rule of a re-seed holds (updated_at, revisions, repeated ids, accepted links, dropped options).
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { CompiledBank } from '../../src/bank/check.ts'
import { compileItem, compileMisconception, type ItemRecord } from '../../src/bank/compile.ts'
import { itemInputSchema, misconceptionInputSchema } from '../../src/bank/schemas.ts'
import { applyStatements, seedStatements } from '../../src/bank/seed.ts'
import { renderTex } from '../../src/lib/render.ts'
import { established, hubCuratedBy, MISCONCEPTION, teachers, workgroup } from './fixtures.ts'
import { send } from './helpers.ts'

/** Text that would break or rewrite SQL built as text, and characters outside the BMP. */
const HOSTILE = `It's "quoted" -- not a comment; what? ?1 :x @y %z '); DROP TABLE items; -- back\\slash \\\\ 🧮🙂 naïve`

/** About 80 KB of KaTeX HTML: far over what one SQL statement with it written in could take. */
const HUGE_HTML = (() => {
  const one = renderTex(
    '\\frac{a^2 + b^2}{\\sqrt{c}} \\times \\left( x - \\tfrac{1}{2} \\right)',
    false,
  )
  return `<p>${HOSTILE}</p>${one.repeat(Math.ceil(80_000 / one.length))}`
})()

const EMPTY = { strands: [], topics: [] }
const unique = () => crypto.randomUUID().slice(0, 8)

function item(id: string, stem: string, options = ['$16$', '$8$', '$12$']): ItemRecord {
  return compileItem(
    itemInputSchema.parse({
      id,
      construct: `Perimeter ${HOSTILE}`.slice(0, 120),
      topic: 'perimeter',
      years: [4, 5],
      stem,
      source: HOSTILE,
      licence: 'CC-BY-4.0',
      status: 'published',
      options: options.map((text, i) => ({
        text,
        correct: i === 0,
        explanation: `${HOSTILE} (${i})`,
        misconceptions: i === 1 ? [MISCONCEPTION] : [],
      })),
    }),
  )
}

const seed = (bank: Partial<CompiledBank>, now: string) =>
  applyStatements(
    env.DB,
    seedStatements(
      { taxonomy: EMPTY, misconceptions: [], items: [], ...bank } as CompiledBank,
      now,
    ),
  )

const row = (sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...params)
    .first<Record<string, unknown>>()
const rows = async (sql: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<Record<string, unknown>>()
  ).results

describe('seeding with bound parameters', () => {
  it('stores hostile text and 80 KB rendered fields exactly as written', async () => {
    const id = `hostile-${unique()}`
    const record = item(id, `A square, ${HOSTILE}. What is $4 \\times 4$?`)
    record.row.stemHtml = HUGE_HTML
    record.options[0]!.explanationHtml = HUGE_HTML
    const slug = `hostile-${unique()}`
    const misconception = compileMisconception(
      misconceptionInputSchema.parse({
        slug,
        title: `Believes ${HOSTILE}`.slice(0, 150),
        topic: 'perimeter',
        description: HOSTILE,
        whyItArises: HOSTILE,
        howToAddress: HOSTILE,
        references: [{ citation: HOSTILE }],
        related: [MISCONCEPTION],
      }),
    )
    misconception.row.descriptionHtml = HUGE_HTML
    expect(HUGE_HTML.length).toBeGreaterThan(80_000)
    await seed(
      { items: [{ ...record, at: 'x' }], misconceptions: [{ ...misconception, at: 'y' }] },
      '2026-02-01T00:00:00.000Z',
    )

    const stored = await row('SELECT * FROM items WHERE id = ?', id)
    expect(stored).toMatchObject({
      stem_source: record.row.stemSource,
      stem_html: HUGE_HTML,
      source: HOSTILE,
      construct: record.row.construct,
      multiple_answers: 0,
    })
    const options = await rows('SELECT * FROM options WHERE item_id = ? ORDER BY label', id)
    expect(options.map((o) => [o.label, o.text_source, o.is_correct, o.explanation_html])).toEqual(
      record.options.map((o) => [o.label, o.textSource, o.isCorrect ? 1 : 0, o.explanationHtml]),
    )
    const revision = await row('SELECT input FROM item_revisions WHERE item_id = ?', id)
    expect(JSON.parse(revision!.input as string)).toEqual(record.input)
    expect(await row('SELECT * FROM misconceptions WHERE slug = ?', slug)).toMatchObject({
      description_source: HOSTILE,
      description_html: HUGE_HTML,
      references: JSON.stringify([{ citation: HOSTILE }]),
    })
    expect(
      await rows('SELECT related_slug FROM misconception_relations WHERE slug = ?', slug),
    ).toEqual([{ related_slug: MISCONCEPTION }])
    // The search rows went in with it, and the tables are all still there.
    expect(await row("SELECT kind FROM search_docs WHERE doc = 'item:' || ?", id)).toEqual({
      kind: 'item',
    })
    expect(await row('SELECT count(*) AS n FROM items')).toMatchObject({ n: expect.any(Number) })
  })

  it('moves updated_at and adds a revision only when the content changes', async () => {
    const id = `reseed-${unique()}`
    const first = item(id, 'What is the perimeter of a $4$ by $4$ square?')
    await seed({ items: [{ ...first, at: 'x' }] }, '2026-02-01T00:00:00.000Z')
    await seed({ items: [{ ...first, at: 'x' }] }, '2026-02-02T00:00:00.000Z')
    expect(await row('SELECT created_at, updated_at FROM items WHERE id = ?', id)).toEqual({
      created_at: '2026-02-01T00:00:00.000Z',
      updated_at: '2026-02-01T00:00:00.000Z',
    })
    expect(await rows('SELECT revision FROM item_revisions WHERE item_id = ?', id)).toHaveLength(1)

    const changed = item(id, 'What is the perimeter of a $5$ by $5$ square?')
    await seed({ items: [{ ...changed, at: 'x' }] }, '2026-02-03T00:00:00.000Z')
    expect(await row('SELECT created_at, updated_at FROM items WHERE id = ?', id)).toEqual({
      created_at: '2026-02-01T00:00:00.000Z',
      updated_at: '2026-02-03T00:00:00.000Z',
    })
    expect(
      await rows(
        'SELECT revision, content_hash FROM item_revisions WHERE item_id = ? ORDER BY revision',
        id,
      ),
    ).toEqual([
      { revision: 1, content_hash: first.row.contentHash },
      { revision: 2, content_hash: changed.row.contentHash },
    ])
  })

  it('gives an id twice in one bank a revision each, in order', async () => {
    const id = `twice-${unique()}`
    const a = item(id, 'What is the perimeter of a $2$ by $2$ square?')
    const b = item(id, 'What is the perimeter of a $3$ by $3$ square?')
    await seed(
      {
        items: [
          { ...a, at: 'x' },
          { ...b, at: 'y' },
        ],
      },
      '2026-02-01T00:00:00.000Z',
    )
    expect(
      await rows(
        'SELECT revision, content_hash FROM item_revisions WHERE item_id = ? ORDER BY revision',
        id,
      ),
    ).toEqual([
      { revision: 1, content_hash: a.row.contentHash },
      { revision: 2, content_hash: b.row.contentHash },
    ])
  })

  it('drops options beyond the new last label and keeps links a curator accepted', async () => {
    const id = `options-${unique()}`
    await seed(
      { items: [{ ...item(id, 'What is $4 + 4 + 4 + 4$?'), at: 'x' }] },
      '2026-02-01T00:00:00.000Z',
    )
    // A workgroup's accepted annotation linked option C to a misconception, in D1 only.
    const lead = await established('Lena Lead')
    const group = await workgroup(lead)
    await env.DB.prepare(
      "INSERT INTO annotations (id, workgroup_id, item_id, label, misconception_slug, evidence_source, evidence_html, status, proposed_by, proposed_at) VALUES (?, ?, ?, 'B', 'adds-dimensions-for-volume', 'seen', '<p>seen</p>', 'accepted', ?, '2026-02-01')",
    )
      .bind(unique(), group, id, lead.id)
      .run()
    await env.DB.prepare(
      "INSERT INTO option_misconceptions (item_id, label, misconception_slug) VALUES (?, 'B', 'adds-dimensions-for-volume')",
    )
      .bind(id)
      .run()

    await seed(
      { items: [{ ...item(id, 'What is $4 + 4 + 4 + 4$?', ['$16$', '$8$']), at: 'x' }] },
      '2026-02-02T00:00:00.000Z',
    )
    expect(await rows('SELECT label FROM options WHERE item_id = ? ORDER BY label', id)).toEqual([
      { label: 'A' },
      { label: 'B' },
    ])
    expect(
      await rows(
        'SELECT label, misconception_slug FROM option_misconceptions WHERE item_id = ? ORDER BY misconception_slug',
        id,
      ),
    ).toEqual([
      { label: 'B', misconception_slug: 'adds-dimensions-for-volume' },
      { label: 'B', misconception_slug: MISCONCEPTION },
    ])
  })
})

describe('importing with bound parameters', () => {
  const header =
    'QuestionId,ConstructName,SubjectName,CorrectAnswer,QuestionText,AnswerAText,AnswerBText,AnswerCText,AnswerDText,MisconceptionAId,MisconceptionBId,MisconceptionCId,MisconceptionDId'
  const cell = (text: string) => `"${text.replaceAll('"', '""')}"`

  it('imports CSV text that looks like SQL exactly as written', async () => {
    const { cora } = await teachers(['cora'])
    const hub = await hubCuratedBy(cora)
    const n = Math.floor(Math.random() * 1e6) + 2e6
    const stem = `What is the perimeter? ${HOSTILE}`
    const questions = [
      header,
      [n, 'Find a perimeter', 'Perimeter', 'A', stem, '10', HOSTILE, '5', '12', '', '1', '', '']
        .map((c) => cell(String(c)))
        .join(','),
    ].join('\n')
    const misconceptions = `MisconceptionId,MisconceptionName\n1,${cell(`Believes ${HOSTILE}`)}`
    const res = await send(cora, 'POST', `/api/hubs/${hub}/import`, {
      source: { format: 'diagnostic-csv', questions, misconceptions },
    })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(((await res.json()) as { items: number }).items).toBe(1)
    const stored = await row('SELECT id, stem_source FROM items WHERE hub_slug = ?', hub)
    expect(stored?.stem_source).toBe(stem)
    expect(
      await row("SELECT text_source FROM options WHERE item_id = ? AND label = 'B'", stored!.id),
    ).toEqual({ text_source: HOSTILE })
  })
})
