/**
 * Spreadsheets as Excel (and its neighbours) save them: every encoding and delimiter Excel
 * writes, files with only the required columns, and a set exported as CSV and read back.
 * The fixtures in test/fixtures/interchange are real bytes in each encoding.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportDiagnosticCsv } from '../../src/interchange/diagnostic-csv-export.ts'
import { parseDiagnosticCsv } from '../../src/interchange/diagnostic-csv.ts'
import { decodeText } from '../../src/interchange/encoding.ts'
import { loadTestBank, type TestBank } from '../fixtures/interchange/bundle.ts'

const bytes = (name: string) => new Uint8Array(readFileSync(`test/fixtures/interchange/${name}`))
const misconceptions = bytes('excel-misconceptions-windows1252.csv')
const topics = [
  { slug: 'money', name: 'Money' },
  { slug: 'fractions-of-amounts', name: 'Fractions of amounts' },
]

describe('CSV from Excel: encodings and delimiters', () => {
  it.each([
    ['excel-csv-utf8.csv', 'UTF-8 with BOM', 'comma'],
    ['excel-csv-windows1252.csv', 'Windows-1252', 'comma'],
    ['excel-csv-windows1252-semicolon.csv', 'Windows-1252', 'semicolon'],
    ['excel-unicode-text.txt', 'UTF-16LE', 'tab'],
    ['utf16be-tab.txt', 'UTF-16BE', 'tab'],
    ['utf8-semicolon-no-bom.csv', 'UTF-8', 'semicolon'],
  ])('%s is read as %s, %s-separated, with every character intact', (name, encoding, delimiter) => {
    const result = parseDiagnosticCsv(bytes(name), misconceptions, { topics })
    expect(result.problems).toEqual([])
    expect(result.files).toEqual([
      { file: 'misconceptions', encoding: 'Windows-1252', delimiter: 'comma' },
      { file: 'questions', encoding, delimiter },
    ])
    const [half, meal] = result.items
    expect(half?.stem).toBe('What is ½ of £12 at the café?')
    expect(half?.options.map((o) => o.text)).toEqual(['£24', '£6', '£2', '£10'])
    expect(half?.options[0]?.misconceptions).toEqual(['dq-m-1'])
    expect(meal?.stem).toBe('A “meal deal” costs £3.45 and a drink £1.20 – what is the total?')
    expect(meal?.topic).toBe('money') // named exactly like one of our topics
    expect(JSON.stringify(result)).not.toContain('\uFFFD')
    expect(result.misconceptions.map((m) => m.title)).toContain(
      'Adds the pence as whole numbers, ignoring place value',
    )
  })

  it('refuses rows whose text already lost characters (a file decoded with the wrong encoding)', () => {
    // What reading a Windows-1252 file as UTF-8 gives: "caf\uFFFD", "\uFFFD12".
    const misread = new TextDecoder().decode(bytes('excel-csv-windows1252.csv'))
    expect(misread).toContain('\uFFFD')
    const result = parseDiagnosticCsv(misread, misconceptions, { topics })
    expect(result.items.map((i) => i.id)).toEqual([])
    const questionProblems = result.problems.filter((p) => p.file === 'questions')
    expect(questionProblems.map((p) => p.row)).toEqual([2, 3])
    expect(questionProblems[0]?.message).toMatch(/^QuestionText, AnswerAText.* contains U\+FFFD/)
    expect(result.files[1]).toEqual({
      file: 'questions',
      encoding: 'text (already decoded)',
      delimiter: 'comma',
    })
  })

  it('decodes Windows-1252 punctuation and never invents U+FFFD', () => {
    expect(decodeText(new Uint8Array([0x93, 0x80, 0x35, 0x94, 0x85, 0xe9]))).toEqual({
      text: '“€5”…é',
      encoding: 'Windows-1252',
    })
    expect(decodeText(new TextEncoder().encode('½ £')).encoding).toBe('UTF-8')
  })
})

describe('CSV: only the required columns are required', () => {
  it('imports a file with just the id, key, stem and answers (no misconceptions file)', () => {
    const result = parseDiagnosticCsv(bytes('only-required-columns.csv'), undefined, {
      defaultTopic: 'factors-multiples-primes',
    })
    expect(result.problems).toEqual([])
    expect(result.items[0]).toMatchObject({
      id: 'dq-7',
      construct: 'Which is a prime number?',
      topic: 'factors-multiples-primes',
      options: [
        { text: '9', correct: false },
        { text: '15', correct: false },
        { text: '7', correct: true },
      ],
    })
  })

  it('names the required columns a file lacks, and how it read the file', () => {
    const result = parseDiagnosticCsv('QuestionId;QuestionText;AnswerAText\n1;x;y', undefined)
    expect(result.problems).toEqual([
      {
        file: 'questions',
        row: 1,
        message:
          'the header has no CorrectAnswer, AnswerBText columns (read as text (already decoded), semicolon-separated; the columns it needs are QuestionId, CorrectAnswer, QuestionText, AnswerAText, AnswerBText)',
      },
    ])
  })
})

describe('CSV: a set exported and read back', () => {
  let t: TestBank
  beforeAll(async () => {
    t = await loadTestBank()
  })

  it('keeps ids, keys, explanations, misconception links, topics, years, diagrams and notes', () => {
    const bundle = {
      ...t.bundle,
      items: t.bundle.items.map((item, i) => ({
        ...item,
        ...(i % 3 === 0 ? { note: `Ask why, then vote again (${i}); "quotes", commas` } : {}),
      })),
    }
    const csv = exportDiagnosticCsv(bundle)
    expect(csv.startsWith('\uFEFF"QuestionId","ConstructName"')).toBe(true)
    const known = new Set(t.bundle.misconceptions.map((m) => m.slug))
    const back = parseDiagnosticCsv(new TextEncoder().encode(csv), undefined, {
      knownMisconceptions: known,
      status: 'published',
    })
    expect(back.problems).toEqual([])
    expect(back.misconceptions).toEqual([]) // the bank has them all already
    expect(back.items.map(({ row: _r, note: _n, ...item }) => item)).toEqual(
      t.inputs.map((input) => ({ ...input, years: input.years })),
    )
    expect(back.items.map((i) => i.note)).toEqual(bundle.items.map((i) => i.note))
  })

  it('guards cells a spreadsheet would run as formulas, and reads them back as written', () => {
    const item = { ...t.bundle.items[0]!, id: 'minus-three' }
    item.options = item.options.map((o, i) => (i === 1 ? { ...o, text: '-3' } : o))
    item.stem = '=SUM(1,2) is not a question'
    const csv = exportDiagnosticCsv({ items: [item], misconceptions: [] })
    expect(csv).toContain(`"'-3"`)
    expect(csv).toContain(`"'=SUM(1,2) is not a question"`)
    const back = parseDiagnosticCsv(csv, undefined, {
      knownMisconceptions: new Set(t.bundle.misconceptions.map((m) => m.slug)),
    })
    expect(back.items[0]?.options[1]?.text).toBe('-3')
    expect(back.items[0]?.stem).toBe('=SUM(1,2) is not a question')
  })

  it('survives being saved again as Excel "Unicode text" (UTF-16, tab-separated)', () => {
    const csv = exportDiagnosticCsv(t.bundle)
    const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync')
    const rows = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]
    const tsv = rows
      .map((r) => r.map((c) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join('\t'))
      .join('\r\n')
    const utf16 = new Uint8Array(2 + tsv.length * 2)
    utf16.set([0xff, 0xfe])
    for (let i = 0; i < tsv.length; i++) {
      utf16[2 + i * 2] = tsv.charCodeAt(i) & 0xff
      utf16[3 + i * 2] = tsv.charCodeAt(i) >> 8
    }
    const back = parseDiagnosticCsv(utf16, undefined, {
      knownMisconceptions: new Set(t.bundle.misconceptions.map((m) => m.slug)),
      status: 'published',
    })
    expect(back.files).toEqual([{ file: 'questions', encoding: 'UTF-16LE', delimiter: 'tab' }])
    expect(back.problems).toEqual([])
    expect(back.items.map(({ row: _r, ...item }) => item)).toEqual(t.inputs)
  })
})
