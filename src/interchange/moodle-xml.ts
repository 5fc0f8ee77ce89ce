/**
 * Moodle XML: a `<quiz>` of `<question type="multichoice">`, written with fast-xml-parser's
 * builder (every text escaped by it) and read with its parser.
 *
 * Moodle has no misconception field, so the conventions are: each wrong answer's feedback ends
 * with a paragraph per misconception, `Misconception: Title [slug]`, and the question is tagged
 * `misconception:<slug>`, `topic:<slug>`, `year:<n>` and `licence:<SPDX>`. `<idnumber>` carries
 * our id, so an export imports back under the same ids. Maths stays TeX between `\(…\)` and
 * `\[…\]` (converted from `$…$`), which Moodle's MathJax filter renders; a diagram travels as an
 * SVG file attached to the question text (`@@PLUGINFILE@@/diagram.svg`), as Moodle itself does.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser'
import { itemInputSchema, type MisconceptionInput, slug as slugSchema } from '../bank/schemas.ts'
import { plainText } from '../lib/render.ts'
import { issues } from './json.ts'
import {
  fromBase64,
  type HtmlImage,
  htmlText,
  htmlToMarkdown,
  markdownToHtml,
  slugify,
  textWithTexToMarkdown,
  toBase64,
} from './text.ts'
import { topicForName } from './topics.ts'
import {
  DEFAULT_LICENCE,
  DEFAULT_YEARS,
  type ExportBundle,
  type ExportItem,
  type ImportedItem,
  type ImportOptions,
  type ImportProblem,
  isMultipleAnswer,
} from './types.ts'

const DIAGRAM_FILE = 'diagram.svg'

const text = (value: string) => ({ text: value })
const html = (value: string) => ({ '@_format': 'html', text: value })

// Moodle accepts answer weights only from a fixed list of percentages; 100/n and -100/n for
// n ≤ 5 are all on it (100, 50, 33.33333, 25, 20).
const weight = (value: number): string => String(Math.round(value * 100000) / 100000)

function questionOf(item: ExportItem) {
  const correctCount = item.options.filter((o) => o.correct).length
  const multiple = isMultipleAnswer(item)
  const wrongCount = item.options.length - correctCount
  const stem = markdownToHtml(item.stem, { math: 'tex' })
  const tags = [
    `topic:${item.topic}`,
    ...item.years.map((year) => `year:${year}`),
    `licence:${item.licence}`,
    ...new Set(item.options.flatMap((o) => o.misconceptions.map((m) => `misconception:${m.slug}`))),
  ]
  return {
    '@_type': 'multichoice',
    name: text(item.construct),
    questiontext: {
      '@_format': 'html',
      text: item.diagramSvg
        ? `<p><img src="@@PLUGINFILE@@/${DIAGRAM_FILE}" alt="Diagram" /></p>\n${stem}`
        : stem,
      ...(item.diagramSvg
        ? {
            file: {
              '@_name': DIAGRAM_FILE,
              '@_path': '/',
              '@_encoding': 'base64',
              '#text': toBase64(item.diagramSvg),
            },
          }
        : {}),
    },
    generalfeedback: html(
      markdownToHtml(`Source: ${item.source}. Licence: ${item.licence}.`, { math: 'tex' }),
    ),
    defaultgrade: '1',
    penalty: '0',
    hidden: '0',
    idnumber: item.id,
    single: multiple ? 'false' : 'true',
    // Off: explanations and teachers' notes refer to options by letter, and a class voting
    // A/B/C/D needs everyone to see the same order.
    shuffleanswers: 'false',
    answernumbering: 'ABCD',
    showstandardinstruction: '0',
    answer: item.options.map((o) => ({
      '@_fraction': weight(
        o.correct ? 100 / correctCount : multiple ? -100 / Math.max(wrongCount, 1) : 0,
      ),
      '@_format': 'html',
      text: markdownToHtml(o.text, { math: 'tex', inline: true }),
      feedback: html(
        [
          markdownToHtml(o.explanation, { math: 'tex' }),
          ...o.misconceptions.map(
            (m) =>
              `<p>Misconception: ${markdownToHtml(m.title, { math: 'tex', inline: true })} [${m.slug}]</p>`,
          ),
        ].join('\n'),
      ),
    })),
    tags: { tag: tags.map(text) },
  }
}

export function exportMoodleXml(bundle: ExportBundle): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: false,
  })
  // A category question first, so Moodle files the questions under the set's title.
  const category = {
    '@_type': 'category',
    category: text(`$course$/top/${(bundle.title ?? 'Misconception bank').replace(/\//g, '-')}`),
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({
    quiz: { question: [...(bundle.title ? [category] : []), ...bundle.items.map(questionOf)] },
  })}`
}

// ---------------------------------------------------------------------------------------------
// Import

type XmlNode = Record<string, unknown>

const asNode = (value: unknown): XmlNode =>
  value && typeof value === 'object' ? (value as XmlNode) : {}

/** The `<text>` inside an element (or the element's own text). */
const textOf = (value: unknown): string => {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'object') return String(value)
  const node = value as XmlNode
  if ('text' in node) return textOf(node.text)
  return typeof node['#text'] === 'string' ? node['#text'] : ''
}

const ARRAYS = new Set(['question', 'answer', 'tag', 'file'])

export interface MoodleImport {
  items: ImportedItem[]
  /** Always empty: Moodle carries misconceptions only as tags on questions. */
  misconceptions: MisconceptionInput[]
  /** `row` is the question's position among the file's questions (categories not counted). */
  problems: ImportProblem[]
}

/**
 * Moodle text → our Markdown. HTML is parsed, not pattern-stripped; TeX between `\(…\)`,
 * `\[…\]` or `$$…$$` is kept as it is.
 */
function toMarkdown(value: string, format: string, image: (img: HtmlImage) => string): string {
  switch (format) {
    case 'markdown':
      return value.trim()
    case 'plain_text':
      return textWithTexToMarkdown(value).trim()
    case 'moodle_auto_format':
      // Moodle's own auto format: HTML allowed, and a newline is a line break.
      return htmlToMarkdown(value.replace(/\r?\n/g, '<br>'), { image })
    default:
      return htmlToMarkdown(value, { image })
  }
}

/** Import multichoice questions. Other types are reported and skipped; this never throws. */
export function parseMoodleXml(xml: string, options: ImportOptions = {}): MoodleImport {
  const problems: ImportProblem[] = []
  const items: ImportedItem[] = []
  const result = () => ({ items, misconceptions: [], problems })
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    problems.push({
      row: null,
      message: `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`,
    })
    return result()
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    // Moodle files carry HTML entities (&#160;, &nbsp;) inside their XML-escaped text.
    htmlEntities: true,
    isArray: (name) => ARRAYS.has(name),
  })
  let parsed: unknown
  try {
    parsed = parser.parse(xml)
  } catch (error) {
    // The parser refuses what it will not expand (external entities): the file's fault, not ours.
    const reason = error instanceof Error ? error.message : String(error)
    problems.push({ row: null, message: `cannot be read: ${reason}` })
    return result()
  }
  const doc = asNode(parsed)
  if (!('quiz' in doc)) {
    problems.push({ row: null, message: 'not Moodle XML: no <quiz> element' })
    return result()
  }
  const questions = (asNode(doc.quiz).question as unknown[] | undefined) ?? []

  const sourceName = options.sourceName ?? 'a Moodle XML file'
  const usedIds = new Set<string>()
  let category = ''
  let row = 0
  for (const raw of questions) {
    const q = asNode(raw)
    const type = String(q['@_type'] ?? '')
    if (type === 'category') {
      category = textOf(q.category).split('/').pop()?.trim() ?? ''
      continue
    }
    row++
    const fail = (message: string) => problems.push({ row, message })
    const flag = (message: string) => problems.push({ row, message, flag: true })
    if (type !== 'multichoice') {
      fail(`skipped: type ${type || '(none)'} is not multichoice`)
      continue
    }
    const name = textOf(q.name).replace(/\s+/g, ' ').trim()
    const label = name ? `"${name}"` : `question ${row}`

    const tags = ((asNode(q.tags).tag as unknown[] | undefined) ?? [])
      .map((t) => textOf(t).trim())
      .filter(Boolean)
    const tagged = (prefix: string) =>
      tags
        .filter((t) => t.toLowerCase().startsWith(prefix))
        .map((t) => t.slice(prefix.length).trim())
    const misconceptionTags = [
      ...new Set(tagged('misconception:').map((t) => t.toLowerCase())),
    ].filter((t) => slugSchema.safeParse(t).success)

    // Files attached to the question text: an SVG becomes the diagram; anything else is an image
    // the bank cannot hold, so it is noted in the text and flagged.
    const questionText = asNode(q.questiontext)
    const files = new Map(
      ((questionText.file as unknown[] | undefined) ?? []).map((f) => {
        const file = asNode(f)
        return [String(file['@_name'] ?? ''), String(file['#text'] ?? '')]
      }),
    )
    let diagram: string | undefined
    const missingImages: string[] = []
    const image = ({ src, alt }: HtmlImage) => {
      const fileName = src.startsWith('@@PLUGINFILE@@/')
        ? decodeURIComponent(src.slice('@@PLUGINFILE@@/'.length))
        : ''
      const content = files.get(fileName)
      if (diagram === undefined && content && /\.svg$/i.test(fileName)) {
        try {
          diagram = fromBase64(content)
          return ''
        } catch {
          // Not base64 after all: fall through to "missing".
        }
      }
      missingImages.push(alt || fileName || src || 'an image')
      return `*(image not included in the imported file${alt ? `: ${alt}` : ''})*`
    }
    const stem = toMarkdown(textOf(questionText), String(questionText['@_format'] ?? 'html'), image)

    const single = !/^(false|0)$/i.test(textOf(q.single).trim())
    const answers = ((q.answer as unknown[] | undefined) ?? []).map(asNode)
    const fractions = answers.map((a) => Number.parseFloat(String(a['@_fraction'] ?? '0')) || 0)
    const linked = new Set<string>()
    let withoutFeedback = 0
    const itemOptions = answers.map((answer, index) => {
      const fraction = fractions[index] ?? 0
      const correct = single ? fraction >= 99.99 : fraction > 0
      const answerFormat = String(
        answer['@_format'] ?? (/<[a-z]/i.test(textOf(answer)) ? 'html' : 'plain_text'),
      )
      const feedbackNode = asNode(answer.feedback)
      const feedbackHtml = textOf(feedbackNode)
      const feedback = toMarkdown(feedbackHtml, String(feedbackNode['@_format'] ?? 'html'), image)
      // Our own marker paragraphs, `Misconception: Title [slug]`, come out of the explanation.
      const marker = /^Misconception: .*\\\[([a-z0-9-]+)\\\]\s*$/gm
      const marked = [...feedback.matchAll(marker)].map((m) => m[1] ?? '')
      const explanation = feedback
        .replace(marker, '')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
      if (!explanation) withoutFeedback++
      // A tagged misconception belongs to a wrong answer whose feedback names it: by our marker,
      // or in words (its slug's words appear in the feedback).
      const spoken = `-${slugify(htmlText(feedbackHtml), 10_000)}-`
      const misconceptions = correct
        ? []
        : [
            // In the order the feedback names them (our export writes them in the item's order).
            ...new Set([
              ...marked.filter((s) => misconceptionTags.includes(s)),
              ...misconceptionTags.filter((s) => spoken.includes(`-${s}-`)),
            ]),
          ]
      for (const s of misconceptions) linked.add(s)
      return {
        text: toMarkdown(textOf(answer), answerFormat, image).replace(/\s*\n\s*/g, ' '),
        correct,
        explanation: explanation || 'No explanation was given in the imported file.',
        misconceptions: misconceptions.slice(0, 5),
      }
    })

    const topic =
      tagged('topic:').find((t) => slugSchema.safeParse(t).success) ??
      topicForName(category) ??
      tags.map(topicForName).find(Boolean) ??
      topicForName(name) ??
      options.defaultTopic
    if (!topic) {
      fail(
        `${label}: no topic (tag it topic:<slug>, name its category after a topic, or pass a default topic)`,
      )
      continue
    }
    const years = [
      ...new Set(
        tagged('year:')
          .map(Number)
          .filter((y) => Number.isInteger(y) && y >= 1 && y <= 11),
      ),
    ].sort((a, b) => a - b)

    const idnumber = textOf(q.idnumber).trim()
    let id = slugSchema.safeParse(idnumber).success
      ? idnumber
      : `moodle-${slugify(name, 70) || `question-${row}`}`
    // Two questions with the same name in one file still get distinct, stable ids.
    for (let n = 2; usedIds.has(id); n++) id = `${id.replace(/-\d+$/, '')}-${n}`
    usedIds.add(id)

    const stemText = plainText(stem)
    const construct =
      name.length >= 5
        ? name.slice(0, 300)
        : stemText.length >= 5
          ? stemText.slice(0, 200)
          : `Moodle question ${row}`
    const input = {
      id,
      construct,
      topic,
      years: years.length > 0 ? years : (options.years ?? DEFAULT_YEARS),
      stem: stem || '(no question text in the imported file)',
      options: itemOptions,
      multipleAnswers: !single,
      ...(diagram ? { diagram } : {}),
      source: `Imported from ${sourceName}`.slice(0, 300),
      licence: tagged('licence:')[0] || options.licence || DEFAULT_LICENCE,
      status: options.status ?? 'draft',
    }
    const parsed = itemInputSchema.safeParse(input)
    if (!parsed.success) {
      fail(`${label}: ${issues(parsed.error)}`)
      continue
    }
    if (missingImages.length > 0)
      flag(
        `${id}: references a missing image (${missingImages.join(', ')}); kept, with a note in its text`,
      )
    if (withoutFeedback > 0)
      flag(
        `${id}: ${withoutFeedback} answer(s) have no feedback; a placeholder explanation was used`,
      )
    const unlinked = misconceptionTags.filter((s) => !linked.has(s))
    if (unlinked.length > 0)
      flag(
        `${id}: tagged misconception:${unlinked.join(', misconception:')} but no wrong answer's feedback names it; not linked`,
      )
    items.push({ ...parsed.data, row })
  }
  return result()
}
