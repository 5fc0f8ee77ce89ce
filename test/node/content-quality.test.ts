/**
 * The quality rules of the content check, each shown failing on a small bad bank built here:
 * untagged wrong options, the key sitting at one letter, a wrong option with the key's number,
 * and diagrams without a text alternative. `keyPositionProblems` is also run on bare items, as
 * authoring and import will run it on a hub's own items.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { optionNumber } from '../../src/bank/item-rules.ts'
import { type KeyPositionItem, keyPositionProblems } from '../../src/bank/key-position.ts'
import { compileItem } from '../../src/bank/compile.ts'
import { formatProblem, loadContent } from '../../src/bank/content-files.ts'
import { itemInputSchema } from '../../src/bank/schemas.ts'
import { seedStatements } from '../../src/bank/seed.ts'

const dirs: string[] = []
afterEach(async () =>
  Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))),
)

const misconception = (title: string) => `---
title: ${title}
topic: perimeter
whyItArises: Both are taught with the same rectangles.
howToAddress: Walk the boundary; cover the inside.
---
What the error looks like.
`

interface Option {
  text: string
  correct?: boolean
  tag?: string
}

/** A perimeter item whose options are written out in the order given. */
function item(
  options: Option[],
  extra: { topic?: string; status?: string; lines?: string; stem?: string } = {},
) {
  const written = options.map(
    (o) =>
      `  - text: '${o.text}'\n` +
      (o.correct ? '    correct: true\n' : '') +
      '    explanation: Some working.\n' +
      (o.tag ? `    misconceptions: [${o.tag}]\n` : ''),
  )
  return `---
construct: Calculate the perimeter of a rectangle
topic: ${extra.topic ?? 'perimeter'}
years: [5]
source: test
licence: CC-BY-4.0
status: ${extra.status ?? 'published'}
${extra.lines ?? ''}
options:
${written.join('')}---
${extra.stem ?? 'A rectangle is $3$ cm by $5$ cm. What is its perimeter?'}
`
}

const AREA = 'confuses-perimeter-and-area'
const HALF = 'adds-one-length-and-one-width'

/** Four options, all wrong ones tagged, with the key at the given position (0 = A). */
function keyedAt(position: number, topic = 'perimeter') {
  const wrong: Option[] = [
    { text: '$15$', tag: AREA },
    { text: '$8$', tag: HALF },
    { text: '$30$', tag: AREA },
  ]
  wrong.splice(position, 0, { text: '$16$', correct: true })
  return item(wrong, { topic })
}

async function problemsFor(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'content-quality-'))
  dirs.push(dir)
  await cp('content/taxonomy.yaml', join(dir, 'taxonomy.yaml'))
  await mkdir(join(dir, 'items'))
  await mkdir(join(dir, 'misconceptions'))
  await writeFile(join(dir, 'misconceptions', `${AREA}.md`), misconception('Confuses area'))
  await writeFile(join(dir, 'misconceptions', `${HALF}.md`), misconception('Adds two sides'))
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  const { problems } = await loadContent(dir)
  return problems.map(formatProblem)
}

/** One item per topic keeps the run rule quiet; A, B, C, D in turn keeps the share rule quiet. */
const spread = (n: number) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `items/item-${String(i).padStart(2, '0')}.md`,
      keyedAt(i % 4, ['perimeter', 'area', 'volume', 'units', 'time'][i % 5]),
    ]),
  )

describe('every wrong option of a published item names a misconception', () => {
  it('names the file and the option letter of an untagged wrong option', async () => {
    const problems = await problemsFor({
      'items/untagged.md': item([
        { text: '$16$', correct: true },
        { text: '$15$', tag: AREA },
        { text: '$8$', tag: HALF },
        { text: '$30$' },
      ]),
    })
    expect(problems).toEqual([
      expect.stringMatching(
        /items\/untagged\.md: options\[3\]\.misconceptions: wrong option D names no misconception/,
      ),
    ])
  })

  it('leaves drafts alone: they are not shown to pupils yet', async () => {
    const problems = await problemsFor({
      'items/draft.md': item(
        [
          { text: '$16$', correct: true },
          { text: '$15$', tag: AREA },
          { text: '$8$', tag: HALF },
          { text: '$30$' },
        ],
        { status: 'draft' },
      ),
    })
    expect(problems).toEqual([])
  })
})

describe('the key does not sit at one letter', () => {
  it('accepts keys spread over the letters', async () => {
    expect(await problemsFor(spread(10))).toEqual([])
  })

  it('reports a letter holding more than 40% of the items with that many options, with the files', async () => {
    const files = spread(10)
    files['items/item-01.md'] = keyedAt(0, 'area') // A now holds items 00, 01, 04 and 08: 4 of 10
    files['items/item-02.md'] = keyedAt(0, 'volume') // and 02: 5 of 10
    const problems = await problemsFor(files)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(
      /: options: the correct answer is A in 5 of the 10 single-answer items with 4 options \(50%\); no letter may hold more than 40% \(here at most 4\): .*item-00\.md, .*item-01\.md, .*item-02\.md, .*item-04\.md, .*item-08\.md$/,
    )
    files['items/item-02.md'] = keyedAt(2, 'volume') // back to 4 of 10: exactly 40% is allowed
    expect(await problemsFor(files)).toEqual([])
  })

  it('reports four items in a row in a topic with the key at the same letter, naming the run', async () => {
    const keys = { a: 1, b: 1, c: 1, d: 2, e: 0, f: 3, g: 0, h: 3, i: 2 }
    const files: Record<string, string> = Object.fromEntries(
      Object.entries(keys).map(([name, key]) => [`items/p-${name}.md`, keyedAt(key)]),
    )
    ;['area', 'volume', 'units', 'time', 'angles', 'shapes-2d'].forEach((topic, i) => {
      files[`items/other-${topic}.md`] = keyedAt([0, 2, 3][i % 3] ?? 0, topic)
    })
    expect(await problemsFor(files)).toEqual([]) // B B B C A D A D C: no run longer than three
    files['items/p-d.md'] = keyedAt(1)
    const problems = await problemsFor(files)
    expect(problems).toEqual([
      expect.stringMatching(
        /items\/p-a\.md: options: the correct answer is B in 4 "perimeter" items in a row \(in file-name order\); at most 3 in a row may share a letter: .*p-a\.md, .*p-b\.md, .*p-c\.md, .*p-d\.md$/,
      ),
    ])
  })
  it('exempts discussion items, which are not voted on', async () => {
    const discussion = (key: number, topic: string) =>
      keyedAt(key, topic).replace('status: published', 'status: published\npurpose: discussion')
    const files = {
      ...spread(10),
      'items/item-10.md': discussion(0, 'perimeter'),
      'items/item-11.md': discussion(0, 'perimeter'),
      'items/item-12.md': discussion(0, 'perimeter'),
      'items/item-13.md': discussion(0, 'perimeter'),
    }
    // Counted, A would hold 7 of 14 items and end in a run of four perimeter items at A.
    expect(await problemsFor(files)).toEqual([])
  })
})

describe('keyPositionProblems on a hub’s own items', () => {
  const hubItem = (id: string, key: number, extra: Partial<KeyPositionItem> = {}) => ({
    id,
    topic: 'fractions',
    options: [0, 1, 2, 3].map((i) => ({ correct: i === key })),
    ...extra,
  })

  it('names the items by id and counts only single-answer items', () => {
    const items = [
      hubItem('h1', 0),
      hubItem('h2', 0),
      hubItem('h3', 1, { topic: 'ratio' }),
      hubItem('h4', 2, { topic: 'ratio' }),
      hubItem('h5', 3, { topic: 'ratio' }),
      {
        id: 'multi',
        topic: 'ratio',
        multipleAnswers: true,
        options: [{ correct: true }, { correct: true }, { correct: false }],
      },
    ]
    expect(keyPositionProblems(items)).toEqual([]) // A holds 2 of 5: 40%
    expect(keyPositionProblems([...items, hubItem('h6', 0, { topic: 'ratio' })])).toEqual([
      {
        at: 'items',
        field: 'options',
        message: expect.stringMatching(
          /correct answer is A in 3 of the 6 .* \(50%\).*: h1, h2, h6$/,
        ),
      },
    ])
  })

  it('asks only for the fairest split when so few items make 40% impossible', () => {
    const threes = (keys: number[]) =>
      keys.map((key, i) => ({
        id: `t${i}`,
        topic: `topic-${i}`,
        options: [0, 1, 2].map((j) => ({ correct: j === key })),
      }))
    expect(keyPositionProblems(threes([0]))).toEqual([])
    expect(keyPositionProblems(threes([0, 0, 1, 2]))).toEqual([]) // some letter must hold 2 of 4
    expect(keyPositionProblems(threes([0, 0, 0, 2]))).toHaveLength(1)
  })
})

describe('no wrong option has the correct answer’s number', () => {
  const square = item(
    [
      { text: '$16\\text{ cm}$', correct: true },
      { text: '$16\\text{ cm}^2$', tag: AREA },
      { text: '$8\\text{ cm}$', tag: HALF },
      { text: '$32\\text{ cm}$', tag: AREA },
    ],
    { stem: 'A square has sides of $4$ cm. What is its perimeter?' },
  )

  it('reports the 4 by 4 square, whose area is also 16', async () => {
    expect(await problemsFor({ 'items/square.md': square })).toEqual([
      expect.stringMatching(
        /square\.md: options\[1\]\.text: wrong option B has the same number as the correct answer A \(16\)/,
      ),
    ])
  })

  it('accepts it as a discussion item, which is for teachers to talk about', async () => {
    const discussion = square.replace('status: published', 'status: published\npurpose: discussion')
    expect(await problemsFor({ 'items/square.md': discussion })).toEqual([])
  })

  it('reads the number of an option only when the rest is units', () => {
    expect(optionNumber('$16\\text{ cm}^2$')).toBe('16')
    expect(optionNumber('about $65.2\\text{ km/h}$')).toBe('65.2')
    expect(optionNumber('£42.67')).toBe('42.67')
    expect(optionNumber('15 000 ml')).toBe('15000')
    expect(optionNumber('$x = \\frac{15}{7}$')).toBe('15/7')
    expect(optionNumber('$115^\\circ$')).toBe('115')
    expect(optionNumber('$0.040$')).toBe('0.040')
    expect(optionNumber('$(-3, 2)$')).toBeNull()
    expect(optionNumber('$4n$')).toBeNull()
    expect(optionNumber('$6P$')).toBeNull() // algebra: P is a letter, not pence
    expect(optionNumber('$2^7$')).toBeNull() // a power, not the number 2
    expect(optionNumber('$-\\frac{1}{4}$')).toBe('-1/4')
    expect(optionNumber('$24\\,000\\text{ cm}^3$')).toBe('24000')
    expect(optionNumber('It is $\\frac{1}{2}$, the same as for any other toss.')).toBeNull()
  })
})

describe('every diagram has a title and a description', () => {
  const withDiagram = (inner: string, key = 0) =>
    keyedAt(key).replace(
      'options:',
      `diagram: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${inner}<rect width="5" height="3"/></svg>'\noptions:`,
    )

  it('accepts a <title> and a <desc> that come first', async () => {
    expect(
      await problemsFor({
        'items/ok.md': withDiagram(
          '<title>A rectangle</title><desc>A rectangle 5 cm by 3 cm.</desc>',
        ),
      }),
    ).toEqual([])
  })

  it('reports a missing or empty title or description, and one that comes after the drawing', async () => {
    const problems = await problemsFor({
      'items/none.md': withDiagram(''),
      'items/empty.md': withDiagram('<title>A rectangle</title><desc> </desc>', 1),
      'items/late.md': withDiagram('<rect width="1" height="1"/><title>A</title><desc>B</desc>', 2),
    })
    expect(problems).toEqual([
      expect.stringMatching(/empty\.md: diagram: the <svg> has an empty <desc>/),
      expect.stringMatching(/late\.md: diagram: the <title> and <desc> must be the first children/),
      expect.stringMatching(/none\.md: diagram: the <svg> has no <title>/),
      expect.stringMatching(/none\.md: diagram: the <svg> has no <desc>/),
    ])
  })
})

describe('an item’s purpose', () => {
  const input = (purpose?: 'discussion' | 'diagnostic') =>
    itemInputSchema.parse({
      id: 'perimeter-of-a-4-by-4-square',
      construct: 'Calculate the perimeter of a square',
      topic: 'perimeter',
      years: [4],
      stem: 'A square has sides of $4$ cm. What is its perimeter?',
      source: 'test',
      licence: 'CC-BY-4.0',
      status: 'published',
      ...(purpose ? { purpose } : {}),
      options: [
        { text: '$16$', correct: true, explanation: 'Adds the sides.' },
        { text: '$8$', explanation: 'Two sides.', misconceptions: [HALF] },
      ],
    })

  it('is diagnostic unless the item says otherwise, and reaches the items row', () => {
    expect(compileItem(input()).row.purpose).toBe('diagnostic')
    expect(compileItem(input('discussion')).row.purpose).toBe('discussion')
    expect(() => itemInputSchema.parse({ ...input(), purpose: 'quiz' })).toThrow()
  })

  it('gives "diagnostic" and no purpose the same content hash, so items that do not set it keep theirs', () => {
    expect(compileItem(input('diagnostic')).row.contentHash).toBe(
      compileItem(input()).row.contentHash,
    )
    expect(compileItem(input('discussion')).row.contentHash).not.toBe(
      compileItem(input()).row.contentHash,
    )
  })

  it('is seeded into a purpose column that migration 0005 adds without rebuilding the table', async () => {
    const statements = seedStatements(
      {
        taxonomy: { strands: [], topics: [] },
        misconceptions: [],
        items: [{ ...compileItem(input('discussion')), at: 'x.md' }],
      },
      '2026-01-01T00:00:00.000Z',
    )
    const upsert = statements.find((s) => s.sql.startsWith('INSERT INTO items '))!
    expect(upsert.sql).toMatch(/INSERT INTO items \([^)]*"purpose"/)
    expect(upsert.params.join(' ')).toContain('"discussion"')
    const migration = await readFile('migrations/0005_item-purpose.sql', 'utf8')
    expect(migration.trim()).toBe(
      "ALTER TABLE `items` ADD `purpose` text DEFAULT 'diagnostic' NOT NULL;",
    )
  })
})
