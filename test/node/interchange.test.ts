/**
 * Every export format, run over the whole starter bank plus one deliberately awkward item: each
 * file is parsed back and checked for what its target requires; our JSON round-trips without loss;
 * Moodle XML imports back; GIFT is read the way Moodle's GIFT reader reads it.
 */
import { strFromU8, unzipSync } from 'fflate'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { compileItem } from '../../src/bank/compile.ts'
import { itemInputSchema, misconceptionInputSchema } from '../../src/bank/schemas.ts'
import { renderMarkdown } from '../../src/lib/render.ts'
import { escapeGift, exportGift } from '../../src/interchange/gift.ts'
import { bundleInputs, exportJson, importJson } from '../../src/interchange/json.ts'
import { parseMoodleXml } from '../../src/interchange/moodle-import.ts'
import { exportMoodleXml } from '../../src/interchange/moodle-xml.ts'
import { moodleTag } from '../../src/interchange/question-import.ts'
import { exportQtiPackage, qtiIdentifier } from '../../src/interchange/qti.ts'
import { htmlText, htmlToMarkdown, markdownToHtml, plainTitle } from '../../src/interchange/text.ts'
import type { ExportBundle } from '../../src/interchange/types.ts'
import { awkward, loadTestBank, type TestBank } from '../fixtures/interchange/bundle.ts'

let t: TestBank
let bundle: ExportBundle
beforeAll(async () => {
  t = await loadTestBank()
  bundle = t.bundle
  expect(bundle.items.length).toBeGreaterThan(50)
  expect(() => compileItem(awkward)).not.toThrow()
})

const seen = (markdown: string) => htmlText(renderMarkdown(markdown))
const withoutRow = <T extends { row?: number }>({ row: _row, ...rest }: T) => rest

describe('our JSON', () => {
  it('is versioned and round-trips without loss: export → import → export is identical', () => {
    const json = exportJson(bundle)
    expect(JSON.parse(json)).toMatchObject({ format: 'misconception-bank', version: 1 })
    const imported = importJson(json, { status: 'published' })
    expect(imported.problems).toEqual([])
    expect(exportJson(imported.bundle)).toBe(json)
    // The inputs are exactly what the items were written from, and pass the schemas.
    expect(imported.items).toEqual(t.inputs)
    for (const item of imported.items) expect(itemInputSchema.safeParse(item).success).toBe(true)
    for (const m of imported.misconceptions)
      expect(misconceptionInputSchema.safeParse(m).success).toBe(true)
    expect(imported.misconceptions).toEqual(bundle.misconceptions)
    expect(bundleInputs(bundle, 'published').items).toEqual(t.inputs)
  })

  it('does not depend on the key order of what it is given', () => {
    const reversed = JSON.parse(JSON.stringify(bundle), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    )
    expect(exportJson(reversed)).toBe(exportJson(bundle))
  })

  it('treats an item with two correct options as multiple-answer when the caller does not say', () => {
    const item = bundle.items.find((i) => i.id === awkward.id)!
    const { multipleAnswers: _m, ...unsaid } = item
    const { items, problems } = importJson(exportJson({ items: [unsaid], misconceptions: [] }))
    expect(problems).toEqual([])
    expect(items[0]?.multipleAnswers).toBe(true)
  })

  it('imports as draft unless told otherwise', () => {
    const { items } = importJson(exportJson(bundle))
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['draft']))
  })

  it('reports a bad item by position, keeps the rest, and refuses foreign or newer files', () => {
    const data = JSON.parse(exportJson(bundle))
    data.items[1].options = []
    data.items[2].topic = 'Not A Slug'
    data.misconceptions[0].title = ''
    const { items, problems } = importJson(JSON.stringify(data))
    expect(items).toHaveLength(bundle.items.length - 2)
    expect(problems).toEqual([
      { row: null, message: expect.stringMatching(/^misconception 1 ".+": title/) },
      { row: 2, message: expect.stringMatching(/options/) },
      { row: 3, message: expect.stringMatching(/topic/) },
    ])
    expect(importJson('{"hello":1}').problems[0]?.message).toMatch(/not a misconception-bank file/)
    expect(importJson('{').problems[0]?.message).toMatch(/^not JSON/)
    expect(
      importJson(JSON.stringify({ ...JSON.parse(exportJson(bundle)), version: 2 })).problems[0]
        ?.message,
    ).toMatch(/version 2/)
  })
})

const xmlParser = (arrays: string[]) =>
  new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (name) => arrays.includes(name),
  })

describe('Moodle XML', () => {
  type Q = Record<string, any>
  let xml: string
  let questions: Q[]
  beforeAll(() => {
    xml = exportMoodleXml(bundle)
    expect(XMLValidator.validate(xml)).toBe(true)
    const quiz = xmlParser(['question', 'answer', 'tag']).parse(xml).quiz
    questions = quiz.question.filter((q: Q) => q['@_type'] === 'multichoice')
  })

  it('has one multichoice question per item with the elements Moodle needs', () => {
    expect(questions).toHaveLength(bundle.items.length)
    questions.forEach((q, index) => {
      const item = bundle.items[index]!
      expect(q.name.text).toBe(plainTitle(item.construct))
      expect(q.questiontext['@_format']).toBe('html')
      expect(q.questiontext.text).toBeTruthy()
      expect(q.generalfeedback.text).toBeTruthy()
      expect(q.idnumber).toBe(item.id)
      expect(q.single).toBe(item.multipleAnswers ? 'false' : 'true')
      expect(q.shuffleanswers).toBe('false')
      expect(q.answernumbering).toBe('ABCD')
      expect(q.answer).toHaveLength(item.options.length)
      q.answer.forEach((a: Q, i: number) => {
        const option = item.options[i]!
        expect(a['@_format']).toBe('html')
        if (!item.multipleAnswers) expect(a['@_fraction']).toBe(option.correct ? '100' : '0')
        expect(a.text).toBeTruthy()
        expect(a.feedback.text).toBeTruthy()
        for (const m of option.misconceptions) expect(htmlText(a.feedback.text)).toContain(m.title)
      })
      const tags: string[] = q.tags.tag.map((tag: Q) => tag.text)
      expect(tags).toContain(`topic:${item.topic}`)
      for (const m of item.options.flatMap((o) => o.misconceptions))
        expect(tags).toContain(moodleTag('misconception', m.slug))
      // Moodle keeps 50 characters of a tag and drops the rest.
      for (const tag of tags) expect(tag.length, tag).toBeLessThanOrEqual(50)
      if (item.diagramSvg) {
        expect(q.questiontext.text).toContain('@@PLUGINFILE@@/diagram.svg')
        expect(q.questiontext.file['@_encoding']).toBe('base64')
      }
    })
  })

  it('keeps TeX for MathJax, turning $…$ into \\(…\\)', () => {
    const q = questions.find((q) => q.idnumber === 'perimeter-of-a-3-by-5-rectangle')!
    expect(q.questiontext.text).toContain('\\(3\\text{ cm}\\)')
    expect(q.questiontext.text).not.toMatch(/\$/)
    const weird = questions.find((q) => q.idnumber === awkward.id)!
    expect(weird.questiontext.text).toContain('\\[\\frac{1}{2} \\neq \\frac{1}{3}\\]')
    expect(weird.questiontext.text).toContain('Costs $3 &amp; 2 &lt; 5')
    // Multiple answers: each right answer carries an equal share, each wrong one a penalty.
    expect(weird.answer.map((a: Q) => a['@_fraction'])).toEqual(['50', '50', '-100'])
  })

  it('imports its own export back: same ids, answers, misconceptions, diagrams and TeX', () => {
    const { items, misconceptions, problems } = parseMoodleXml(xml, {
      sourceName: 'set.xml',
      status: 'published',
    })
    expect(problems.filter((p) => !p.flag)).toEqual([])
    expect(misconceptions).toEqual([])
    expect(items.map((i) => i.id)).toEqual(t.inputs.map((i) => i.id))
    items.forEach((imported, index) => {
      const original = t.inputs[index]!
      expect(itemInputSchema.safeParse(withoutRow(imported)).success).toBe(true)
      expect(imported.row).toBe(index + 1)
      expect(imported.topic).toBe(original.topic)
      expect(imported.years).toEqual([...original.years].sort((a, b) => a - b))
      expect(imported.construct).toBe(original.construct)
      expect(imported.licence).toBe(original.licence)
      expect(imported.multipleAnswers).toBe(original.multipleAnswers)
      expect(imported.diagram).toBe(original.diagram)
      // What a reader sees is the same: the same text, and the same rendered maths.
      expect(seen(imported.stem)).toBe(seen(original.stem))
      imported.options.forEach((o, i) => {
        const was = original.options[i]!
        expect(o.correct).toBe(was.correct)
        expect(o.misconceptions).toEqual(was.misconceptions)
        expect(seen(o.text)).toBe(seen(was.text))
        expect(seen(o.explanation)).toBe(seen(was.explanation))
      })
      // What comes back renders just as the original did.
      expect(() => compileItem(withoutRow(imported))).not.toThrow()
    })
    // Re-importing the same file gives the same inputs (so the bank sees no change).
    expect(parseMoodleXml(xml, { sourceName: 'set.xml', status: 'published' }).items).toEqual(items)
  })

  it('imports a file Moodle wrote: categories, CDATA, entities, other types, images, feedback', () => {
    const file = readFileSync('test/fixtures/interchange/moodle-foreign.xml', 'utf8')
    const { items, problems, media } = parseMoodleXml(file, { sourceName: 'moodle-foreign.xml' })
    expect(items.map((i) => i.id)).toEqual(['moodle-largest-decimal', 'moodle-largest-decimal-2'])
    const [first, second] = items
    expect(first?.row).toBe(1)
    expect(second?.row).toBe(3)
    expect(first?.topic).toBe('decimals') // from the category "Ordering Decimals"
    expect(first?.status).toBe('draft')
    expect(first?.licence).toBe('NOASSERTION')
    expect(first?.source).toBe('Imported from moodle-foreign.xml')
    // Tags stripped by parsing (the script too), Markdown characters escaped, entities decoded.
    expect(first?.stem).toContain('Which is the **largest**? Prices \\& costs: £3 − 2 \\* 1')
    expect(first?.stem).not.toContain('alert')
    // The attached PNG is kept, stored under the hash of its bytes.
    expect(media).toHaveLength(1)
    expect(media[0]?.contentType).toBe('image/png')
    expect(first?.stem).toContain(`![A number line](/api/media/${media[0]?.key})`)
    expect(first?.options.map((o) => o.correct)).toEqual([false, true, false])
    expect(first?.options[0]?.misconceptions).toEqual([
      'thinks-a-decimal-with-more-digits-is-larger',
    ])
    expect(first?.options[1]?.explanation).toBe('Compare tenths first: \\( 0.4 > 0.25 \\).')
    expect(first?.options[2]?.text).toBe('0.25')
    expect(second?.stem).toBe('Which is larger?  \n\\[ 0.7 \\text{ or } 0.65 \\]')
    expect(problems).toEqual([
      { row: 1, flag: true, message: expect.stringMatching(/1 answer\(s\) have no feedback/) },
      { row: 1, flag: true, message: expect.stringMatching(/not kept .*: shuffled answers/) },
      {
        row: 1,
        flag: true,
        message: expect.stringMatching(/misconception:never-mentioned but no wrong answer/),
      },
      { row: 2, message: 'skipped: type essay is not multichoice' },
      { row: 4, message: expect.stringMatching(/exactly one correct option \(found 0\)/) },
    ])
    for (const item of items) expect(() => compileItem(withoutRow(item))).not.toThrow()
  })

  it('reports a file that is not XML, or not Moodle XML, without throwing', () => {
    expect(parseMoodleXml('<quiz><question>').problems[0]?.message).toMatch(/not well-formed/)
    expect(parseMoodleXml('<html/>').problems[0]?.message).toMatch(/no <quiz>/)
    expect(
      parseMoodleXml(
        '<quiz><question type="multichoice"><name><text>x</text></name></question></quiz>',
      ).problems[0]?.message,
    ).toMatch(/no topic/)
  })
})

/**
 * GIFT read the way Moodle's reader (qformat_gift) reads it: `\\` → placeholder, then `\:` `\#`
 * `\=` `\{` `\}` `\~` → placeholders and `\n` → newline, then split on the unescaped syntax, then
 * placeholders back to characters.
 */
function readGift(text: string) {
  const pre = (s: string) =>
    s
      .replaceAll('\\\\', '\u0001')
      .replace(/\\([:#={}~])/g, (_, c: string) => `\u0002${c.charCodeAt(0)}\u0003`)
      .replaceAll('\\n', '\n')
      .replaceAll('\u0001', '\\')
  const post = (s: string) =>
    s.replace(/\u0002(\d+)\u0003/g, (_, code: string) => String.fromCharCode(Number(code)))
  return text
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .filter((line) => !line.startsWith('//') && !line.startsWith('$CATEGORY:'))
        .join('\n')
        .trim(),
    )
    .filter(Boolean)
    .map((block) => {
      const q = pre(block)
      const title = /^::([\s\S]*?)::/.exec(q)
      expect(title, block).not.toBeNull()
      const rest = q.slice(title![0].length)
      const open = rest.indexOf('{')
      const close = rest.lastIndexOf('}')
      expect(rest.indexOf('{', open + 1), 'only one answer block').toBe(-1)
      const stem = rest
        .slice(0, open)
        .replace(/^\[html\]/, '')
        .trim()
      const answers = [...rest.slice(open + 1, close).matchAll(/([=~])(%-?[\d.]+%)?([^=~]*)/g)].map(
        (m) => {
          const [answer, feedback = ''] = (m[3] ?? '').split('#')
          return {
            correct: m[1] === '=' || Number(m[2]?.slice(1, -1)) > 0,
            weight: m[2],
            text: post(answer!.trim()),
            feedback: post(feedback.trim()),
          }
        },
      )
      return { title: post(title![1]!), stem: post(stem), answers }
    })
}

describe('GIFT', () => {
  it('escapes backslashes and ~ = # { } : so TeX survives Moodle’s reader', () => {
    expect(escapeGift('\\frac{1}{2}')).toBe('\\\\frac\\{1\\}\\{2\\}')
    expect(escapeGift('a ~ b = c # d : e')).toBe('a \\~ b \\= c \\# d \\: e')
    // `\neq` unescaped would be read as a newline and "eq"; TeX's `\{` as a bare `{`.
    const [read] = readGift(`::t::${escapeGift('\\(x \\neq \\{1\\}\\)')} {=a}`)
    expect(read?.stem).toBe('\\(x \\neq \\{1\\}\\)')
  })

  it('reads back every item: title, stem, each answer, which is right, and feedback', () => {
    const gift = exportGift(bundle)
    const read = readGift(gift)
    expect(read).toHaveLength(bundle.items.length)
    read.forEach((q, index) => {
      const item = bundle.items[index]!
      const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim()
      expect(q.title).toBe(item.construct)
      expect(q.stem).toContain(oneLine(markdownToHtml(item.stem, { math: 'tex' })))
      if (item.diagramSvg) expect(q.stem).toContain('data:image/svg+xml;base64,')
      expect(q.answers.map((a) => a.correct)).toEqual(item.options.map((o) => o.correct))
      q.answers.forEach((a, i) => {
        const option = item.options[i]!
        expect(a.text).toBe(oneLine(markdownToHtml(option.text, { math: 'tex', inline: true })))
        expect(a.feedback).toContain(oneLine(markdownToHtml(option.explanation, { math: 'tex' })))
        for (const m of option.misconceptions) expect(a.feedback).toContain(`Misconception: `)
      })
    })
    const weird = read.find((q) => q.title === awkward.construct)!
    expect(weird.stem).toContain('\\[\\frac{1}{2} \\neq \\frac{1}{3}\\]')
    expect(weird.stem).toContain('ratio 1:2 #1 ~ ok')
    expect(weird.answers.map((a) => a.weight)).toEqual(['%50%', '%50%', '%-100%'])
    expect(weird.answers[2]?.text).toBe('\\(\\nu \\notin \\{1\\}\\) is false')
  })
})

describe('QTI 3.0 package', () => {
  type N = Record<string, any>
  let files: Record<string, Uint8Array>
  beforeAll(async () => {
    files = unzipSync(await exportQtiPackage(bundle))
  })

  it('has a manifest listing the test and one imsqti_item_xmlv3p0 resource per item, every file present', () => {
    const manifestXml = strFromU8(files['imsmanifest.xml']!)
    expect(XMLValidator.validate(manifestXml)).toBe(true)
    const manifest = xmlParser(['resource', 'file', 'dependency']).parse(manifestXml).manifest
    expect(manifest['@_xmlns']).toBe('http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1')
    const [test, ...resources]: N[] = manifest.resources.resource
    expect(test?.['@_type']).toBe('imsqti_test_xmlv3p0')
    expect(test?.['@_href']).toBe('tests/test.xml')
    expect(test?.dependency.map((d: N) => d['@_identifierref'])).toEqual(
      bundle.items.map((i) => `res-${i.id}`),
    )
    expect(resources).toHaveLength(bundle.items.length)
    const listed = new Set<string>(['tests/test.xml'])
    resources.forEach((resource, i) => {
      expect(resource['@_type']).toBe('imsqti_item_xmlv3p0')
      expect(resource['@_href']).toBe(`items/${bundle.items[i]!.id}.xml`)
      for (const file of resource.file) {
        expect(files[file['@_href']], file['@_href']).toBeDefined()
        listed.add(file['@_href'])
      }
    })
    // Nothing in the zip that the manifest does not list.
    expect(
      Object.keys(files)
        .filter((f) => f !== 'imsmanifest.xml')
        .sort(),
    ).toEqual([...listed].sort())
  })

  it('has a qti-assessment-test taking the items in the set’s order and summing SCORE', () => {
    const xml = strFromU8(files['tests/test.xml']!)
    expect(XMLValidator.validate(xml)).toBe(true)
    const test = xmlParser(['qti-assessment-item-ref']).parse(xml)['qti-assessment-test']
    expect(test['@_xmlns']).toBe('http://www.imsglobal.org/xsd/imsqtiasi_v3p0')
    expect(test['@_title']).toBe(bundle.title)
    const section = test['qti-test-part']['qti-assessment-section']
    expect(section['qti-assessment-item-ref'].map((r: N) => r['@_href'])).toEqual(
      bundle.items.map((i) => `../items/${i.id}.xml`),
    )
    expect(section['qti-assessment-item-ref'].map((r: N) => r['@_identifier'])).toEqual(
      bundle.items.map((i) => qtiIdentifier(i.id)),
    )
    expect(xml).toContain('<qti-test-variables variable-identifier="SCORE"/>')
  })

  it('writes each item as a qti-assessment-item with what QTI 3.0 requires', () => {
    for (const item of bundle.items) {
      const xml = strFromU8(files[`items/${item.id}.xml`]!)
      expect(XMLValidator.validate(xml), item.id).toBe(true)
      const doc = xmlParser([
        'qti-simple-choice',
        'qti-value',
        'qti-outcome-declaration',
        'qti-set-outcome-value',
      ]).parse(xml)['qti-assessment-item']
      expect(doc['@_xmlns']).toBe('http://www.imsglobal.org/xsd/imsqtiasi_v3p0')
      expect(doc['@_identifier']).toBe(qtiIdentifier(item.id))
      expect(doc['@_identifier']).toMatch(/^[A-Za-z_][\w.-]*$/)
      const multiple = item.multipleAnswers ?? false
      const response = doc['qti-response-declaration']
      expect(response['@_identifier']).toBe('RESPONSE')
      expect(response['@_cardinality']).toBe(multiple ? 'multiple' : 'single')
      expect(response['@_base-type']).toBe('identifier')
      expect(response['qti-correct-response']['qti-value']).toEqual(
        item.options.filter((o) => o.correct).map((o) => o.label),
      )
      expect(doc['qti-outcome-declaration'].map((o: N) => o['@_identifier'])).toEqual([
        'SCORE',
        'FEEDBACK',
      ])
      const interaction = doc['qti-item-body']['qti-choice-interaction']
      expect(interaction['@_response-identifier']).toBe('RESPONSE')
      expect(interaction['@_max-choices']).toBe(multiple ? '0' : '1')
      const choices: N[] = interaction['qti-simple-choice']
      expect(choices.map((c) => c['@_identifier'])).toEqual(item.options.map((o) => o.label))
      for (const choice of choices) {
        const feedback = choice['qti-feedback-inline']
        expect(feedback['@_outcome-identifier']).toBe('FEEDBACK')
        expect(feedback['@_identifier']).toBe(choice['@_identifier'])
        expect(feedback['@_show-hide']).toBe('show')
      }
      const processing = doc['qti-response-processing']
      expect(processing['qti-response-condition']['qti-response-if']).toBeDefined()
      expect(processing['qti-set-outcome-value'].map((s: N) => s['@_identifier'])).toEqual([
        'FEEDBACK',
      ])
      expect(xml).toContain('<qti-set-outcome-value identifier="SCORE">')
      // Maths is MathML, none left as TeX source or KaTeX HTML.
      if (/\$|\\\(|\\\[/.test(item.stem))
        expect(xml).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"')
      expect(xml).not.toContain('class="katex')
      expect(xml).not.toMatch(/<div class="stem">[^]*\\\(/)
      if (item.diagramSvg) expect(xml).toContain(`<img src="${item.id}.svg" alt="Diagram" />`)
    }
  })

  it('scores several answers as Moodle does: right ones share 1, wrong ones share −1, held in 0–1', () => {
    const xml = strFromU8(files[`items/${awkward.id}.xml`]!)
    const mapping = xmlParser(['qti-map-entry']).parse(xml)['qti-assessment-item'][
      'qti-response-declaration'
    ]['qti-mapping']
    expect(mapping['@_lower-bound']).toBe('0')
    expect(mapping['@_upper-bound']).toBe('1')
    expect(mapping['qti-map-entry'].map((e: N) => [e['@_map-key'], e['@_mapped-value']])).toEqual([
      ['A', '0.5'],
      ['B', '0.5'],
      ['C', '-1'],
    ])
    expect(xml).toContain('<qti-map-response identifier="RESPONSE"/>')
    // The same weights as the Moodle export gives the same item.
    expect(exportMoodleXml({ items: [bundle.items.at(-1)!], misconceptions: [] })).toMatch(
      /fraction="50"[^]*fraction="50"[^]*fraction="-100"/,
    )
  })

  it('writes plain-text titles, the teacher’s note for the tutor, images inside, and shuffling', async () => {
    const png = Uint8Array.from(atob('iVBORw0KGgo='), (c) => c.charCodeAt(0))
    const key = `${'b'.repeat(32)}.png`
    const item = {
      ...bundle.items[0]!,
      construct: 'Add $\\frac{1}{2}$ and $\\frac{1}{3}$',
      stem: `Look: ![Pizza](/api/media/${key})`,
      note: 'Take a vote first; <ask> why & how.',
    }
    const zip = unzipSync(
      await exportQtiPackage(
        {
          title: 'A $\\frac{1}{2}$ set',
          items: [item],
          misconceptions: [],
          media: [{ key, contentType: 'image/png', bytes: png }],
        },
        { shuffle: true },
      ),
    )
    const xml = strFromU8(zip[`items/${item.id}.xml`]!)
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(xml).toContain('title="Add 1/2 and 1/3"')
    expect(strFromU8(zip['tests/test.xml']!)).toContain('title="A 1/2 set"')
    expect(xml).toContain(
      '<qti-rubric-block use="instructions" view="tutor">\n      <qti-content-body><p>Note for the teacher: Take a vote first; &lt;ask&gt; why &amp; how.</p></qti-content-body>',
    )
    expect(xml).toContain(`<img src="media/${key}" alt="Pizza" />`)
    expect(zip[`items/media/${key}`]).toEqual(png)
    expect(strFromU8(zip['imsmanifest.xml']!)).toContain(`<file href="items/media/${key}"/>`)
    expect(xml).toContain('shuffle="true"')
    expect(xml).toContain('class="qti-labels-none"')
    expect(xml).toContain('<qti-simple-choice identifier="A"><span class="letter">A.</span> ')
  })

  it('is byte-for-byte the same every time for the same bundle', async () => {
    expect(await exportQtiPackage(bundle)).toEqual(await exportQtiPackage(bundle))
  })
})

describe('HTML → Markdown for imports', () => {
  it('keeps TeX, drops scripts and unknown markup, escapes Markdown characters', () => {
    expect(
      htmlToMarkdown(
        '<p>Work out \\( \\frac{1}{2} \\times 4 \\) <span style="x">now</span>_ok_ $5 <script>x()</script></p><ul><li>one</li><li>two</li></ul>',
      ),
    ).toBe('Work out \\( \\frac{1}{2} \\times 4 \\) now\\_ok\\_ \\$5\n\n- one\n\n- two')
    expect(
      htmlToMarkdown('<p><a href="javascript:alert(1)">link</a> <img src="x.png" alt="pic"></p>'),
    ).toBe('link ![pic]()')
  })
})
