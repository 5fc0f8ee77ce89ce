import { readFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledBank } from '../../src/bank/check.ts'
import { loadContent } from '../../src/bank/content-files.ts'
import { itemInputSchema } from '../../src/bank/schemas.ts'
import { parseDiagnosticCsv } from '../../src/interchange/diagnostic-csv.ts'
import { escapeGift, exportGift } from '../../src/interchange/gift.ts'
import { bundleInputs, exportJson, importJson } from '../../src/interchange/json.ts'
import { exportMoodleXml, parseMoodleXml } from '../../src/interchange/moodle-xml.ts'
import { exportQtiPackage } from '../../src/interchange/qti.ts'
import type { ExportBundle } from '../../src/interchange/types.ts'

let bundle: ExportBundle

/** A bundle built from real content: the perimeter pair and a fractions item, with their misconceptions. */
beforeAll(async () => {
  const { bank } = (await loadContent('content')) as { bank: CompiledBank }
  const titles = new Map(bank.misconceptions.map((m) => [m.row.slug, m.row.title]))
  const ids = [
    'perimeter-of-a-3-by-5-rectangle',
    'perimeter-of-a-4-by-4-square',
    'add-one-third-and-one-quarter',
  ]
  const items = bank.items.filter((i) => ids.includes(i.row.id))
  const slugs = new Set(items.flatMap((i) => i.input.options.flatMap((o) => o.misconceptions)))
  bundle = {
    title: 'Perimeter and fractions',
    items: items.map(({ input }) => ({
      id: input.id,
      construct: input.construct,
      topic: input.topic,
      years: input.years,
      stem: input.stem,
      diagramSvg: input.diagram ?? null,
      options: input.options.map((o, i) => ({
        label: String.fromCharCode(65 + i),
        text: o.text,
        correct: o.correct,
        explanation: o.explanation,
        misconceptions: o.misconceptions.map((slug) => ({ slug, title: titles.get(slug) ?? slug })),
      })),
      source: input.source,
      licence: input.licence,
    })),
    misconceptions: bank.misconceptions
      .filter((m) => slugs.has(m.row.slug))
      .map((m) => ({
        slug: m.row.slug,
        title: m.row.title,
        topic: m.row.topicSlug,
        description: m.row.descriptionSource,
        whyItArises: m.row.whyItArisesSource,
        howToAddress: m.row.howToAddressSource,
        related: m.related,
        references: m.row.references,
      })),
  }
  expect(bundle.items).toHaveLength(3)
})

describe('our JSON', () => {
  it('round-trips without loss', () => {
    const json = exportJson(bundle)
    const imported = importJson(json)
    expect(imported.problems).toEqual([])
    const again = JSON.parse(exportJson(bundle))
    expect({
      ...again,
      items: imported.items.map(({ row: _row, ...item }) => item),
      misconceptions: imported.misconceptions,
    }).toEqual(again)
    expect(imported.items.map(({ row: _row, ...item }) => item)).toEqual(bundleInputs(bundle).items)
  })

  it('reports an invalid item by position and refuses a foreign file', () => {
    const data = JSON.parse(exportJson(bundle))
    data.items[1].options = []
    expect(importJson(JSON.stringify(data)).problems).toEqual([expect.objectContaining({ row: 2 })])
    expect(importJson('{"hello":1}').problems[0]?.message).toMatch(
      /not a misconception-bank v1 file/,
    )
  })
})

describe('Moodle XML', () => {
  it('is well-formed, with one multichoice question per item, feedback per answer and misconceptions as tags', () => {
    const xml = exportMoodleXml(bundle)
    expect(XMLValidator.validate(xml)).toBe(true)
    const quiz = new XMLParser({
      ignoreAttributes: false,
      isArray: (n) => ['question', 'answer', 'tag'].includes(n),
    }).parse(xml).quiz
    const questions = quiz.question.filter(
      (q: { '@_type': string }) => q['@_type'] === 'multichoice',
    )
    expect(questions).toHaveLength(3)
    for (const q of questions) {
      expect(q.questiontext['@_format']).toBe('html')
      expect(q.single).toBe(true)
      expect(
        q.answer.filter((a: { '@_fraction': string }) => a['@_fraction'] === '100'),
      ).toHaveLength(1)
      for (const a of q.answer) expect(a.feedback.text).toBeTruthy()
    }
    expect(xml).toContain('misconception:confuses-perimeter-and-area')
    expect(xml).toContain('\\(') // TeX kept for Moodle's MathJax filter
  })

  it('imports back the items, options, answers and misconceptions it exported', () => {
    const { items, problems } = parseMoodleXml(exportMoodleXml(bundle), {
      sourceName: 'export.xml',
    })
    expect(problems).toEqual([])
    expect(items.map((i) => i.id)).toEqual(bundle.items.map((i) => i.id))
    const { row: _row, ...rectangle } = items.find(
      (i) => i.id === 'perimeter-of-a-3-by-5-rectangle',
    )!
    expect(itemInputSchema.safeParse(rectangle).success).toBe(true)
    expect(rectangle.options.find((o) => o.text.includes('15'))?.misconceptions).toEqual([
      'confuses-perimeter-and-area',
    ])
    expect(rectangle.topic).toBe('perimeter')
  })

  it('skips question types other than multichoice, saying so', () => {
    const xml = '<quiz><question type="essay"><name><text>Essay</text></name></question></quiz>'
    expect(parseMoodleXml(xml).problems).toEqual([
      { row: 1, message: 'skipped: type essay is not multichoice' },
    ])
  })
})

describe('GIFT', () => {
  it('escapes ~ = # { } : so TeX survives', () => {
    expect(escapeGift('\\frac{1}{2} = 0.5: #1 ~ ok')).toBe(
      '\\frac\\{1\\}\\{2\\} \\= 0.5\\: \\#1 \\~ ok',
    )
    const gift = exportGift(bundle)
    expect(gift).toContain('\\frac\\{1\\}\\{3\\}')
    // Every question is ::title:: text { answers } with exactly one = answer, and nothing unescaped.
    const questions = gift.split('\n\n').filter(Boolean)
    expect(questions).toHaveLength(3)
    for (const q of questions) {
      const body = q.replace(/^\/\/.*\n/, '')
      expect(body).toMatch(/^::(?:[^:\\]|\\.)+::\[html\]/)
      const answers = body.slice(body.indexOf(' {\n') + 3, body.lastIndexOf('\n}')).split('\n')
      expect(answers.filter((a) => a.startsWith('\t='))).toHaveLength(1)
      for (const a of answers) expect(a.slice(2).replace(/\\./g, '')).not.toMatch(/[~={}]/)
    }
  })
})

describe('QTI 3.0', () => {
  it('packages a manifest and one qti-assessment-item per item, with per-choice feedback and MathML', async () => {
    const files = unzipSync(await exportQtiPackage(bundle))
    const manifest = strFromU8(files['imsmanifest.xml']!)
    expect(XMLValidator.validate(manifest)).toBe(true)
    const hrefs = [...manifest.matchAll(/type="imsqti_item_xmlv3p0" href="([^"]+)"/g)].map(
      (m) => m[1],
    )
    expect(hrefs).toHaveLength(3)
    for (const href of hrefs) {
      const xml = strFromU8(files[href!]!)
      expect(XMLValidator.validate(xml), href).toBe(true)
      const item = new XMLParser({
        ignoreAttributes: false,
        isArray: (n) => n === 'qti-simple-choice',
      }).parse(xml)['qti-assessment-item']
      expect(item['qti-response-declaration']['@_cardinality']).toBe('single')
      expect(item['qti-response-declaration']['qti-correct-response']['qti-value']).toMatch(
        /^choice[A-E]$/,
      )
      const choices = item['qti-item-body']['qti-choice-interaction']['qti-simple-choice']
      expect(choices.length).toBeGreaterThanOrEqual(3)
      for (const choice of choices)
        expect(choice['qti-feedback-inline']['@_outcome-identifier']).toBe('FEEDBACK')
      expect(xml).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML">')
    }
  })
})

describe('diagnostic-question CSV', () => {
  const read = (name: string) => readFileSync(`test/fixtures/interchange/${name}`, 'utf8')

  it('imports the sample files: options A–D, TeX in \\( \\), misconception ids as stable slugs', () => {
    const { items, misconceptions, problems } = parseDiagnosticCsv(
      read('diagnostic-questions.sample.csv'),
      read('misconceptions.sample.csv'),
    )
    expect(problems.filter((p) => !p.flag)).toEqual([])
    expect(items.length).toBeGreaterThan(0)
    const perimeter = items.find((i) => i.id === 'dq-1')!
    expect(perimeter.topic).toBe('perimeter')
    expect(perimeter.options.map((o) => o.correct)).toEqual([true, false, false, false])
    expect(perimeter.options[1]?.misconceptions).toEqual(['dq-m-1'])
    expect(perimeter.stem).toContain('\\(')
    expect(misconceptions.map((m) => m.slug)).toContain('dq-m-1')
  })

  it('reports bad rows with their spreadsheet row numbers and keeps the good ones', () => {
    const header = read('diagnostic-questions.sample.csv').split('\n')[0]
    const csv = [
      header,
      '1,10,Find a perimeter,100,Perimeter,A,What is the perimeter?,10,6,5,12,,1,,',
      '2,10,Find a perimeter,100,Perimeter,Q,What is the perimeter?,10,6,5,12,,1,,',
      '3,10,Find a perimeter,100,Perimeter,A,What is the perimeter?,10,6,5,12,,999,,',
      '4,10,Find a perimeter,100,Perimeter,A,"Look: ![A diagram]()",10,6,5,12,,1,,',
    ].join('\n')
    const { items, problems } = parseDiagnosticCsv(
      csv,
      'MisconceptionId,MisconceptionName\n1,"Calculates area, not perimeter"',
    )
    expect(items.map((i) => i.id)).toEqual(['dq-1', 'dq-4'])
    expect(problems).toEqual([
      expect.objectContaining({ row: 3, message: expect.stringMatching(/CorrectAnswer "Q"/) }),
      expect.objectContaining({
        row: 4,
        message: expect.stringMatching(/unknown misconception id/),
      }),
      expect.objectContaining({ row: 5, flag: true }),
    ])
  })
})
