/**
 * Moodle XML and GIFT as Moodle writes and reads them: a Moodle 4 export with categories, an
 * embedded PNG and SVGs (test/fixtures/interchange/moodle4-export.xml), a department's GIFT file
 * with categories and weights (department.gift), tags within Moodle's 50 characters, and our
 * exports read back by the same importers with keys, feedback, misconception links and notes.
 */
import { readFileSync } from 'node:fs'
import { XMLParser } from 'fast-xml-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { compileItem } from '../../src/bank/compile.ts'
import { exportGift } from '../../src/interchange/gift.ts'
import { parseGift } from '../../src/interchange/gift-import.ts'
import { base64FromBytes } from '../../src/interchange/media.ts'
import { parseMoodleXml } from '../../src/interchange/moodle-import.ts'
import { exportMoodleXml } from '../../src/interchange/moodle-xml.ts'
import { MOODLE_TAG_MAX, moodleTag } from '../../src/interchange/question-import.ts'
import type { ExportBundle, ImportedItem } from '../../src/interchange/types.ts'
import type { ItemInput } from '../../src/bank/schemas.ts'
import { renderMarkdown } from '../../src/lib/render.ts'
import { htmlText } from '../../src/interchange/text.ts'
import { loadTestBank, type TestBank } from '../fixtures/interchange/bundle.ts'

const fixture = (name: string) => readFileSync(`test/fixtures/interchange/${name}`, 'utf8')
const withoutRow = ({ row: _row, note: _note, ...rest }: ImportedItem) => rest
const seen = (markdown: string) => htmlText(renderMarkdown(markdown))
/**
 * An item as a reader meets it: everything but the Markdown's spelling, which may change
 * (`$x$` comes back as `\(x\)`), compared as the text and maths it renders to.
 */
const asRead = (item: ItemInput) => ({
  ...item,
  stem: seen(item.stem),
  options: item.options.map((o) => ({
    ...o,
    text: seen(o.text),
    explanation: seen(o.explanation),
  })),
})
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAJklEQVR4nBXGQREAMBADoRV2whAWgZ3yonSiqdw5bq78YpTdz2YPnMMSwXqIHiAAAAAASUVORK5CYII='

let t: TestBank
/** The starter bank as a set: a category, topic names, and a note on every other item. */
let set: ExportBundle
beforeAll(async () => {
  t = await loadTestBank()
  set = {
    ...t.bundle,
    category: 'Year 8 check-in (v1)',
    items: t.bundle.items.map((item, i) => ({
      ...item,
      topicName: t.bank.taxonomy.topics.find((tp) => tp.slug === item.topic)?.name,
      ...(i % 2 === 0 ? { note: `Ask who chose B first; #${i} {not} ~escaped~ = fine: yes` } : {}),
    })),
  }
})

describe('Moodle XML: files we will not read', () => {
  it('reports an external entity (XXE) as a problem with the file, never a crash', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><quiz><question type="multichoice"><name><text>&xxe;</text></name></question></quiz>`
    const { items, problems } = parseMoodleXml(xml)
    expect(items).toEqual([])
    expect(problems).toEqual([
      { row: null, message: expect.stringMatching(/cannot be read: .*[Ee]xternal entit/) },
    ])
  })
})

describe('Moodle XML as Moodle 4 exports it', () => {
  const file = fixture('moodle4-export.xml')
  const topics = [{ slug: 'fraction-arithmetic', name: 'Calculating with fractions' }]

  it('places questions by their category path, keeps the PNG and the SVG, strips HTML from names', () => {
    const { items, media } = parseMoodleXml(file, { sourceName: 'moodle4-export.xml', topics })
    const [pizza, bars] = items
    expect(pizza).toMatchObject({
      id: 'moodle-adding-fractions-pizza', // "<strong>Adding</strong> fractions &amp; pizza"
      construct: 'Adding fractions & pizza',
      topic: 'fraction-arithmetic', // "$course$/top/Default for Year 8 Maths/Fractions"
    })
    expect(bars).toMatchObject({
      id: 'moodle-y8-fr-017', // from its id number, which is not one of our slugs
      topic: 'fraction-arithmetic', // ".../Fractions/Week 3 – bars"
      years: [7, 8],
      multipleAnswers: true,
    })
    // The PNG is kept byte for byte, and the stem shows it where Moodle did.
    expect(media).toHaveLength(1)
    expect(base64FromBytes(media[0]!.bytes)).toBe(PNG)
    expect(pizza?.stem).toBe(
      `A pizza is cut into eighths.  \n![A pizza cut into eight equal slices](/api/media/${media[0]!.key})\n\nWhat is \\(\\frac{1}{2} + \\frac{1}{3}\\)?`,
    )
    // The first SVG in the question text is the diagram; one with a script is refused.
    expect(bars?.diagram).toContain('<title>A bar split in fifths</title>')
    expect(bars?.stem).toContain('*(image not kept: Another bar)*')
    for (const item of items) expect(() => compileItem(withoutRow(item))).not.toThrow()
  })

  it('maps general feedback to the right answer and names what it cannot keep', () => {
    const { items, problems } = parseMoodleXml(file, { sourceName: 'moodle4-export.xml' })
    expect(items[0]?.options[0]?.explanation).toBe(
      'Write both with the denominator 6: \\(\\frac{3}{6} + \\frac{2}{6} = \\frac{5}{6}\\).',
    )
    expect(items[0]?.options[1]?.misconceptions).toEqual(['adds-numerators-and-denominators'])
    const messages = problems.map((p) => `${p.row} ${p.flag ? 'flag' : 'skip'} ${p.message}`)
    expect(messages).toEqual([
      "1 flag moodle-adding-fractions-pizza: the general feedback was added to the right answer's explanation",
      '1 flag moodle-adding-fractions-pizza: not kept (an item has no place for it): 2 hint(s); a penalty of 33.3% per wrong try; shuffled answers (kept in the file’s order, lettered A, B, C… as written)',
      expect.stringMatching(/^2 flag moodle-y8-fr-017: image\(s\) not kept \(Another bar: an SVG/),
      '2 flag moodle-y8-fr-017: not kept (an item has no place for it): feedback for any correct response',
      '3 skip skipped: type truefalse is not multichoice',
      '4 skip "Multi-choice 1": no topic (tag it topic:<slug>, file it under a category named after a topic, or pass a default topic)',
    ])
  })

  it('imports questions filed under Moodle’s "Default for …" categories into the default topic', () => {
    const { items } = parseMoodleXml(file, { defaultTopic: 'addition-subtraction' })
    expect(items.map((i) => [i.id, i.topic])).toEqual([
      ['moodle-adding-fractions-pizza', 'fraction-arithmetic'],
      ['moodle-y8-fr-017', 'fraction-arithmetic'],
      ['moodle-multi-choice-1', 'addition-subtraction'],
    ])
  })
})

describe('Moodle XML: our export and back', () => {
  type Q = Record<string, any>
  const parse = (xml: string): Q[] =>
    new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      isArray: (name) => ['question', 'answer', 'tag', 'file'].includes(name),
    }).parse(xml).quiz.question

  it('files questions in a category per topic under the set, keeping the set order', () => {
    const questions = parse(exportMoodleXml(set))
    const categories = questions.filter((q) => q['@_type'] === 'category')
    const first = set.items[0]!
    expect(categories[0]?.category.text).toBe(
      `$course$/top/Year 8 check-in (v1)/${first.topicName}`,
    )
    // One category each time the topic changes, so the file keeps the set's order.
    const changes = set.items.filter((item, i) => i === 0 || set.items[i - 1]?.topic !== item.topic)
    expect(categories).toHaveLength(changes.length)
    expect(questions.filter((q) => q['@_type'] === 'multichoice').map((q) => q.idnumber)).toEqual(
      set.items.map((i) => i.id),
    )
  })

  it('writes names without raw TeX', () => {
    const item = {
      ...set.items[0]!,
      construct: 'Add $\\frac{1}{2}$ and $\\frac{1}{3}$ (cost \\$3)',
    }
    const [question] = parse(exportMoodleXml({ items: [item], misconceptions: [] })).filter(
      (q) => q['@_type'] === 'multichoice',
    )
    expect(question?.name.text).toBe('Add 1/2 and 1/3 (cost $3)')
  })

  it('keeps every tag within 50 characters, and links survive Moodle cutting or losing tags', () => {
    const slugs = t.bundle.misconceptions.map((m) => m.slug)
    // Before: tags were `misconception:<slug>`, and these slugs made them too long for Moodle.
    expect(
      slugs.filter((s) => `misconception:${s}`.length > MOODLE_TAG_MAX).length,
    ).toBeGreaterThan(0)
    for (const s of slugs) expect(moodleTag('misconception', s).length).toBeLessThanOrEqual(50)
    expect(new Set(slugs.map((s) => moodleTag('misconception', s))).size).toBe(slugs.length)

    const xml = exportMoodleXml(set)
    const expected = parseMoodleXml(xml, { status: 'published' }).items.map((i) =>
      i.options.map((o) => o.misconceptions),
    )
    expect(expected).toEqual(t.inputs.map((i) => i.options.map((o) => o.misconceptions)))
    // Moodle stores at most 50 characters of each tag: our tags come back whole, so nothing moves.
    const cut = xml.replace(
      /(<tag>\s*<text>)([^<]*)(<\/text>)/g,
      (_, open: string, tag: string, close: string) => `${open}${tag.slice(0, 50)}${close}`,
    )
    expect(cut).toBe(xml)
    // A file whose tags were lost, or cut by Moodle from an older export, still links each wrong
    // answer: the misconception's slug is in its feedback.
    const untagged = xml.replace(/<tag>\s*<text>misconception:[^<]*<\/text>\s*<\/tag>/g, '')
    let older = xml
    for (const slug of slugs)
      older = older.replaceAll(
        `<text>${moodleTag('misconception', slug)}</text>`,
        `<text>${`misconception:${slug}`.slice(0, 50)}</text>`,
      )
    expect(older).not.toBe(xml)
    for (const version of [untagged, older]) {
      const { items } = parseMoodleXml(version, { status: 'published' })
      expect(items.map((i) => i.options.map((o) => o.misconceptions))).toEqual(expected)
    }
    // A shortened tag alone is matched back to the slug the bank knows.
    const long = slugs.find((s) => `misconception:${s}`.length > MOODLE_TAG_MAX)!
    const lone = `<quiz><question type="multichoice"><name><text>A long one</text></name><questiontext><text>Pick</text></questiontext><answer fraction="100"><text>1</text><feedback><text>Yes</text></feedback></answer><answer fraction="0"><text>2</text><feedback><text>${long.replace(/-/g, ' ')}</text></feedback></answer><tags><tag><text>${moodleTag('misconception', long)}</text></tag><tag><text>topic:perimeter</text></tag></tags></question></quiz>`
    const { items } = parseMoodleXml(lone, { knownMisconceptions: new Set(slugs) })
    expect(items[0]?.options[1]?.misconceptions).toEqual([long])
  })

  it('carries teacher notes in the general feedback and reads them back', () => {
    const xml = exportMoodleXml(set)
    const { items } = parseMoodleXml(xml, { status: 'published' })
    expect(items.map((i) => i.note)).toEqual(set.items.map((i) => i.note))
    // The source travels there too, so an item comes back as it went.
    expect(items.map((i) => asRead(withoutRow(i)))).toEqual(t.inputs.map(asRead))
  })

  it('offers shuffling: Moodle shuffles, each answer shows our letter, the key stays ours', () => {
    const xml = exportMoodleXml(set, { shuffle: true })
    const question = parse(xml).find((q) => q['@_type'] === 'multichoice')!
    expect(question.shuffleanswers).toBe('true')
    expect(question.answernumbering).toBe('none')
    expect(question.answer.map((a: Q) => a.text.slice(0, 3))).toEqual(
      set.items[0]!.options.map((o) => `${o.label}. `),
    )
    const { items } = parseMoodleXml(xml, { status: 'published' })
    expect(items.map((i) => asRead(withoutRow(i)))).toEqual(t.inputs.map(asRead))
  })

  it('carries images the items show as files, and they come back under the same key', () => {
    const bytes = Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0))
    const key = `${'a'.repeat(32)}.png`
    const item = { ...set.items[0]!, stem: `Look: ![Pizza](/api/media/${key})` }
    const xml = exportMoodleXml({
      items: [item],
      misconceptions: [],
      media: [{ key, contentType: 'image/png', bytes }],
    })
    expect(xml).toContain(`@@PLUGINFILE@@/${key}`)
    expect(xml).toContain(`<file name="${key}" path="/" encoding="base64">${PNG}</file>`)
    const { items, media } = parseMoodleXml(xml)
    // Stored under the hash of the bytes (the test's made-up key is not one).
    expect(items[0]?.stem).toBe(`Look: ![Pizza](/api/media/${media[0]?.key})`)
    expect(media[0]?.bytes).toEqual(bytes)
  })
})

describe('GIFT as departments write it', () => {
  const file = fixture('department.gift')

  it('reads categories, titles, = and ~ answers with # feedback, %weights%, escapes and TeX', () => {
    const { items } = parseGift(file, { sourceName: 'department.gift' })
    expect(items.map((i) => [i.id, i.topic, i.multipleAnswers])).toEqual([
      ['y8-frac-01', 'fraction-arithmetic', false], // [id:…] from the comment; Fractions category
      ['gift-equivalent-to-two-fifths-choose-two', 'fraction-arithmetic', true], // %50% weights
      ['gift-largest-decimal', 'decimals', false], // the Decimals category
      ['gift-cafe-prices', 'decimals', false],
    ])
    const [add, fifths, largest, cafe] = items
    expect(add?.stem).toBe('Work out \\(\\frac{1}{2} + \\frac{1}{3}\\).')
    expect(add?.years).toEqual([8])
    expect(add?.options.map((o) => [o.text, o.correct, o.misconceptions])).toEqual([
      ['\\(\\frac{5}{6}\\)', true, []],
      ['\\(\\frac{2}{5}\\)', false, ['adds-numerators-and-denominators']],
      ['\\(\\frac{2}{6}\\)', false, []],
    ])
    // `####` general feedback goes with the right answer's explanation.
    expect(add?.options[0]?.explanation).toBe(
      'Right: use sixths.\n\nWrite both fractions over \\(6\\) first.',
    )
    expect(fifths?.options.map((o) => o.correct)).toEqual([true, true, false, false])
    expect(largest?.stem).toBe('Which is the largest? Prices ~ costs: £3 # 1')
    expect(cafe?.stem).toBe('A café sells tea at **£1.20**. What do 3 teas cost?')
    for (const item of items) expect(() => compileItem(withoutRow(item))).not.toThrow()
  })

  it('reports other question types and a broken question by line, and reads on', () => {
    const { problems } = parseGift(file)
    expect(problems.filter((p) => !p.flag)).toEqual([
      { row: 3, message: 'line 21: skipped: a true/false question is not multiple choice' },
      { row: 5, message: 'line 32: skipped: a numerical question is not multiple choice' },
      { row: 6, message: expect.stringMatching(/^the question on line 34 is not GIFT/) },
    ])
  })
})

describe('GIFT: our export and back', () => {
  it('reads every item back with TeX, keys, feedback, misconception links, notes and ids', () => {
    const gift = exportGift(set)
    const { items, problems } = parseGift(gift, { status: 'published' })
    expect(problems.filter((p) => !p.flag)).toEqual([])
    expect(items.map((i) => asRead(withoutRow(i)))).toEqual(t.inputs.map(asRead))
    expect(items.map((i) => i.note)).toEqual(set.items.map((i) => i.note))
  })

  it('files questions in a category per topic, with plain-text titles', () => {
    const gift = exportGift(set)
    expect(gift).toContain(
      `$CATEGORY: $course$/top/Year 8 check-in (v1)/${set.items[0]!.topicName}`,
    )
    const titles = [...gift.matchAll(/^::(.*?)::/gm)].map((m) => m[1])
    expect(titles.some((title) => /(?<!\\)\$/.test(title ?? ''))).toBe(false)
  })
})
