/**
 * The diagnostic-question CSV pair: small hand-written files in the layout (docs/csv-layout.md, in
 * test/fixtures/interchange), and rows broken on purpose, each reported with the row number a
 * spreadsheet would show. Also the subject → topic keyword table.
 */
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import { compileItem, compileMisconception } from '../../src/bank/compile.ts'
import { itemInputSchema, misconceptionInputSchema } from '../../src/bank/schemas.ts'
import { parseDiagnosticCsv } from '../../src/interchange/diagnostic-csv.ts'
import { MAPPED_TOPICS, topicForName } from '../../src/interchange/topics.ts'

const read = (name: string) => readFileSync(`test/fixtures/interchange/${name}`, 'utf8')
const questions = read('diagnostic-questions.sample.csv')
const misconceptionsCsv = read('misconceptions.sample.csv')
const HEADER = questions.split('\n')[0]!
const M_HEADER = 'MisconceptionId,MisconceptionName'

describe('diagnostic-question CSV: the sample files', () => {
  const result = parseDiagnosticCsv(questions, misconceptionsCsv, {
    sourceName: 'diagnostic-questions.sample.csv',
  })

  it('imports every question and misconception, each accepted by our schemas', () => {
    expect(result.problems).toEqual([])
    expect(result.items.map((i) => [i.id, i.row])).toEqual([
      ['dq-1', 2],
      ['dq-2', 3],
      ['dq-3', 4],
    ])
    expect(result.misconceptions.map((m) => m.slug)).toEqual(
      ['1', '2', '3', '4', '5', '6'].map((id) => `dq-m-${id}`),
    )
    for (const { row: _row, ...item } of result.items) {
      expect(itemInputSchema.safeParse(item).success).toBe(true)
      expect(() => compileItem(item)).not.toThrow() // TeX in \( \) and \[ \] renders
    }
    for (const m of result.misconceptions) {
      expect(misconceptionInputSchema.safeParse(m).success).toBe(true)
      expect(() => compileMisconception(m)).not.toThrow()
    }
  })

  it('maps the layout onto ours: options A–D, the correct letter, misconception ids, topics', () => {
    const [perimeter, decimals, fractions] = result.items
    expect(perimeter?.construct).toBe(
      'Calculate the perimeter of a rectangle from its side lengths',
    )
    expect(perimeter?.topic).toBe('perimeter')
    expect(decimals?.topic).toBe('decimals') // "Ordering Decimals"
    expect(fractions?.topic).toBe('fraction-arithmetic') // "Adding and Subtracting Fractions"
    expect(perimeter?.options.map((o) => o.correct)).toEqual([true, false, false, false])
    expect(perimeter?.options.map((o) => o.misconceptions)).toEqual([
      [],
      ['dq-m-1'],
      ['dq-m-2'],
      ['dq-m-3'],
    ])
    // Wrong options without a misconception keep their place, with none.
    expect(decimals?.options.map((o) => o.misconceptions)).toEqual([['dq-m-4'], [], [], []])
    expect(decimals?.options[2]?.correct).toBe(true)
    // TeX and the multi-line cell are kept as they are.
    expect(perimeter?.stem).toBe(
      'A rectangle is \\( 3 \\mathrm{~cm} \\) wide and \\( 5 \\mathrm{~cm} \\) long.\nWhat is its perimeter?',
    )
    expect(fractions?.stem).toBe('\\[\n\\frac{1}{2}+\\frac{1}{3}=\n\\]')
    expect(perimeter?.options[1]?.explanation).toBe(
      'Likely misconception: Calculates area when asked for perimeter',
    )
    expect(perimeter).toMatchObject({
      status: 'draft',
      licence: 'NOASSERTION',
      years: [7, 8, 9],
      source: 'Imported from diagnostic-questions.sample.csv',
      multipleAnswers: false,
    })
  })

  it('writes misconceptions as drafts that say they were imported, in the topic that uses them', () => {
    const m1 = result.misconceptions[0]!
    expect(m1).toMatchObject({
      slug: 'dq-m-1',
      title: 'Calculates area when asked for perimeter',
      topic: 'perimeter',
      related: [],
      references: [],
    })
    expect(m1.description).toMatch(/^Calculates area when asked for perimeter\n\n.*Imported from/)
    expect(m1.whyItArises).toMatch(/Not yet written/)
    expect(m1.howToAddress).toMatch(/Not yet written/)
    expect(result.misconceptions[4]?.topic).toBe('fraction-arithmetic')
  })

  it('honours options, and importing again gives exactly the same inputs', () => {
    const again = parseDiagnosticCsv(questions, misconceptionsCsv, {
      sourceName: 'diagnostic-questions.sample.csv',
    })
    expect(again).toEqual(result)
    const published = parseDiagnosticCsv(questions, misconceptionsCsv, {
      status: 'published',
      licence: 'CC-BY-NC-4.0',
      years: [5, 6],
    })
    expect(published.items[0]).toMatchObject({
      status: 'published',
      licence: 'CC-BY-NC-4.0',
      years: [5, 6],
    })
  })
})

describe('diagnostic-question CSV: broken rows', () => {
  const row = (cells: Partial<Record<string, string>>) => {
    const base: Record<string, string> = {
      QuestionId: '10',
      ConstructId: '1',
      ConstructName: 'Find the perimeter of a rectangle',
      SubjectId: '1',
      SubjectName: 'Perimeter',
      CorrectAnswer: 'A',
      QuestionText: 'What is the perimeter?',
      AnswerAText: '16',
      AnswerBText: '15',
      AnswerCText: '8',
      AnswerDText: '30',
      MisconceptionAId: '',
      MisconceptionBId: '1',
      MisconceptionCId: '',
      MisconceptionDId: '',
      ...cells,
    }
    return HEADER.split(',')
      .map((name) => {
        const value = base[name] ?? ''
        return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
      })
      .join(',')
  }
  const mCsv = `${M_HEADER}\n1,"Calculates area, not ""perimeter"""\n2,Thinks the angle θ is always 90°`

  it('reports a row with a NUL byte and imports the rest', () => {
    const csv = [
      HEADER,
      row({ QuestionId: '1' }),
      row({ QuestionId: '2', QuestionText: 'What is\u0000 the perimeter?' }),
      row({ QuestionId: '3', AnswerBText: '1\u00005' }),
      row({ QuestionId: '4' }),
    ].join('\n')
    const { items, problems } = parseDiagnosticCsv(csv, mCsv)
    expect(items.map((i) => i.id)).toEqual(['dq-1', 'dq-4'])
    expect(problems.map((p) => [p.row, p.message])).toEqual([
      [3, expect.stringMatching(/control characters/)],
      [4, expect.stringMatching(/control characters/)],
    ])
  })

  it('reports each bad row with its spreadsheet row number and keeps the good ones', () => {
    const csv = [
      HEADER,
      row({ QuestionId: '1' }), // row 2: fine
      row({ QuestionId: '2', CorrectAnswer: 'E' }), // row 3
      row({ QuestionId: '3', MisconceptionBId: '999' }), // row 4
      row({ QuestionId: '4', AnswerCText: '' }), // row 5
      '5,1,Short row,1,Perimeter,A', // row 6: missing cells
      row({ QuestionId: '6', QuestionText: 'Two\nlines, one row' }), // row 7 (multi-line cell)
      row({ QuestionId: '6' }), // row 8: duplicate id
      row({ QuestionId: 'Q 7' }), // row 9: neither a number nor one of our ids
      row({ QuestionId: '8', SubjectName: 'Basket weaving' }), // row 10: no topic
      row({ QuestionId: '9', QuestionText: 'Look: ![A diagram]()', AnswerDText: '![]()' }), // row 11
      row({ QuestionId: '11', MisconceptionAId: '2' }), // row 12: correct option with an id
      row({ QuestionId: '12.0', MisconceptionBId: '2.0', ConstructName: 'Tiny' }), // row 13
    ].join('\n')
    const { items, problems } = parseDiagnosticCsv(csv, mCsv)
    expect(items.map((i) => [i.id, i.row])).toEqual([
      ['dq-1', 2],
      ['dq-6', 7],
      ['dq-9', 11],
      ['dq-11', 12],
    ])
    expect(problems).toEqual([
      { file: 'questions', row: 3, message: 'CorrectAnswer "E" is not A, B, C or D' },
      {
        file: 'questions',
        row: 4,
        message: expect.stringMatching(/^unknown misconception id B: 999/),
      },
      { file: 'questions', row: 5, message: expect.stringMatching(/option C has no text/) },
      { file: 'questions', row: 6, message: 'has 6 cells where the header has 15' },
      {
        file: 'questions',
        row: 8,
        message: expect.stringMatching(/QuestionId 6 appears twice \(first on row 7\)/),
      },
      {
        file: 'questions',
        row: 9,
        message: expect.stringMatching(
          /^QuestionId "Q 7" is not a whole number \(nor one of our ids/,
        ),
      },
      { file: 'questions', row: 10, message: expect.stringMatching(/subject "Basket weaving"/) },
      {
        file: 'questions',
        row: 11,
        flag: true,
        message: expect.stringMatching(/the question and option D references a missing image/),
      },
      {
        file: 'questions',
        row: 12,
        flag: true,
        message: expect.stringMatching(/correct option A/),
      },
      { file: 'questions', row: 13, message: expect.stringMatching(/construct/) },
    ])
    const withImage = items.find((i) => i.id === 'dq-9')!
    expect(withImage.stem).toBe('Look: *(image not included in the imported file: A diagram)*')
    expect(withImage.options[3]?.text).toBe('*(image not included in the imported file)*')
    expect(items.find((i) => i.id === 'dq-11')?.options[0]?.misconceptions).toEqual([])
  })

  it('places an unmatched subject in the default topic when given one', () => {
    const csv = [HEADER, row({ SubjectName: 'Basket weaving' })].join('\n')
    const { items, problems } = parseDiagnosticCsv(csv, mCsv, { defaultTopic: 'place-value' })
    expect(problems).toEqual([])
    expect(items[0]?.topic).toBe('place-value')
  })

  it('reads names with commas, quotes and non-ASCII; reports bad misconception rows', () => {
    const m = `\uFEFF${M_HEADER}\r\n1,"Calculates area, not ""perimeter"""\r\n,No id\r\n3,\r\n1,Again\r\n\r\n4.0,Thinks the angle θ is always 90°\r\n`
    const { misconceptions, problems } = parseDiagnosticCsv(`${HEADER}\n${row({})}`, m)
    expect(misconceptions.map((x) => [x.slug, x.title, x.topic])).toEqual([
      ['dq-m-1', 'Calculates area, not "perimeter"', 'perimeter'],
      ['dq-m-4', 'Thinks the angle θ is always 90°', 'angles'],
    ])
    expect(problems).toEqual([
      { file: 'misconceptions', row: 3, message: 'MisconceptionId "" is not a whole number' },
      { file: 'misconceptions', row: 4, message: 'misconception 3 has no MisconceptionName' },
      {
        file: 'misconceptions',
        row: 5,
        message: 'misconception 1 is listed twice (first on row 2)',
      },
    ])
  })

  it('reports a broken file or header instead of throwing', () => {
    const broken = parseDiagnosticCsv(`${HEADER}\n1,"unterminated`, `${M_HEADER}\n`)
    expect(broken.items).toEqual([])
    expect(broken.problems).toEqual([
      {
        file: 'questions',
        row: 2,
        message: expect.stringMatching(/not valid CSV: Quote Not Closed/),
      },
    ])
    const noHeader = parseDiagnosticCsv('Id,Text\n1,x', 'Id,Name\n1,x')
    expect(noHeader.problems).toEqual([
      { file: 'misconceptions', row: 1, message: expect.stringMatching(/no MisconceptionId/) },
      { file: 'questions', row: 1, message: expect.stringMatching(/no QuestionId/) },
    ])
  })

  it('keeps a long misconception name whole in the description, cut to fit in the title', () => {
    const name = `Believes ${'that a long description of a misconception '.repeat(6)}ends here`
    const { misconceptions } = parseDiagnosticCsv(`${HEADER}\n${row({})}`, `${M_HEADER}\n1,${name}`)
    expect(misconceptions[0]?.title.length).toBeLessThanOrEqual(160)
    expect(misconceptions[0]?.title.endsWith('…')).toBe(true)
    expect(misconceptions[0]?.description.startsWith(name)).toBe(true)
  })
})

describe('subject → topic', () => {
  it('answers only topics that exist in content/taxonomy.yaml', () => {
    const taxonomy = parseYaml(readFileSync('content/taxonomy.yaml', 'utf8')) as {
      strands: { topics: { slug: string }[] }[]
    }
    const topics = new Set(taxonomy.strands.flatMap((s) => s.topics.map((t) => t.slug)))
    for (const topic of MAPPED_TOPICS) expect(topics.has(topic), topic).toBe(true)
  })

  it.each([
    ['Perimeter', 'perimeter'],
    ['Ordering Decimals', 'decimals'],
    ['Rounding to Decimal Places', 'rounding'],
    ['BIDMAS', 'order-of-operations'],
    ['Speed, Distance, Time', 'rates'],
    ['Converting between Fractions and Decimals', 'fdp-conversion'],
    ['Adding and Subtracting Fractions', 'fraction-arithmetic'],
    ['Simplifying Expressions by Collecting Like Terms', 'algebraic-notation'],
    ['Factorising into a Single Bracket', 'algebraic-notation'],
    ['Multiples and Lowest Common Multiple', 'factors-multiples-primes'],
    ['Square Roots, Cube Roots, etc', 'powers-and-roots'],
    ['Measuring Angles', 'angles'],
    ['Length Units', 'units'],
    ['Linear Equations', 'equations'],
    ['Mental Multiplication and Division', 'multiplication-division'],
    ['Negative Numbers (Adding and Subtracting)', 'negative-numbers'],
    ['Area of Simple Shapes', 'area'],
    ['Volume of Prisms', 'volume'],
    ['Properties of Quadrilaterals', 'shapes-2d'],
    ['Averages (mean, median, mode) from a List of Data', 'averages'],
    ['Probability of Single Events', 'probability-scale'],
    ['Time', 'time'],
  ])('%s → %s', (subject, topic) => {
    expect(topicForName(subject)).toBe(topic)
  })

  it('says nothing when no keyword matches', () => {
    expect(topicForName('Basket weaving')).toBeUndefined()
    expect(topicForName('')).toBeUndefined()
  })
})
