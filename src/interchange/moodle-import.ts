/**
 * Reading Moodle XML as Moodle 4 writes it: `<question type="category">` entries set the
 * category (its path places the questions in a topic), `<question type="multichoice">` become
 * items through question-import.ts, and every other type is reported and skipped. Never throws.
 *
 * Files inside the XML (`<file name="…" encoding="base64">`, referred to as
 * `@@PLUGINFILE@@/name`) are kept: the first SVG in the question text becomes the item's diagram,
 * any other image is stored as media (media.ts) and referred to from the Markdown. What Moodle
 * has and an item does not (hints, combined feedback, penalty, shuffling) is named in the report.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { bytesFromBase64, keepMedia, MEDIA_PATH, mediaMarkdown } from './media.ts'
import { buildItem, type ForeignQuestion, moodleTextToMarkdown } from './question-import.ts'
import { escapeMarkdownText, type HtmlImage, htmlText } from './text.ts'
import type {
  ImportedItem,
  ImportOptions,
  ImportProblem,
  ImportResult,
  MediaFile,
} from './types.ts'

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

const ARRAYS = new Set(['question', 'answer', 'tag', 'file', 'hint'])

/** Moodle's own wording for combined feedback when a teacher wrote none: not worth reporting. */
const DEFAULT_COMBINED = /^(your answer is (partially )?(in)?correct\.?)?$/i

const filesOf = (node: XmlNode): [string, string][] =>
  ((node.file as unknown[] | undefined) ?? []).map((f) => {
    const file = asNode(f)
    return [String(file['@_name'] ?? ''), String(file['#text'] ?? '')]
  })

/** Takes the images a question's texts refer to: a diagram, stored media, or a note. */
class ImageKeeper {
  diagram: string | undefined
  readonly missing: string[] = []
  private readonly files: Map<string, string>
  private readonly media: Map<string, MediaFile>
  constructor(files: Map<string, string>, media: Map<string, MediaFile>) {
    this.files = files
    this.media = media
  }

  /** `inStem`: only the question text may give the item its diagram. */
  handler(inStem: boolean) {
    return ({ src, alt }: HtmlImage): string => {
      if (/^https?:\/\//i.test(src)) return `![${escapeMarkdownText(alt)}](${encodeURI(src)})`
      let bytes: Uint8Array | null = null
      let name = src
      if (src.startsWith('@@PLUGINFILE@@/')) {
        name = decodeURIComponent(src.slice('@@PLUGINFILE@@/'.length).split('?')[0] ?? '')
        const content = this.files.get(name)
        bytes = content === undefined ? null : bytesFromBase64(content)
      } else if (/^data:image\/[\w+.-]+;base64,/i.test(src)) {
        bytes = bytesFromBase64(src.slice(src.indexOf(',') + 1))
        name = 'an embedded image'
      } else if (src.startsWith(MEDIA_PATH)) {
        // Already ours (a file exported from this bank and edited by hand): keep the address.
        return `![${escapeMarkdownText(alt)}](${src})`
      }
      const what = alt || name || 'an image'
      if (!bytes) {
        this.missing.push(what)
        return `*(image not included in the imported file${alt ? `: ${escapeMarkdownText(alt)}` : ''})*`
      }
      const kept = keepMedia(bytes)
      if ('refused' in kept) {
        this.missing.push(`${what}: ${kept.refused}`)
        return `*(image not kept${alt ? `: ${escapeMarkdownText(alt)}` : ''})*`
      }
      if (inStem && this.diagram === undefined && kept.contentType === 'image/svg+xml') {
        // As the file has it (the sanitizer passed it above, and compileItem checks it again),
        // so a diagram that went out and came back is the same text.
        this.diagram = new TextDecoder().decode(bytes)
        return ''
      }
      this.media.set(kept.key, kept)
      return mediaMarkdown(kept.key, alt || 'Image')
    }
  }
}

/** Import multichoice questions. Other types are reported and skipped; this never throws. */
export function parseMoodleXml(xml: string, options: ImportOptions = {}): ImportResult {
  const problems: ImportProblem[] = []
  const items: ImportedItem[] = []
  const media = new Map<string, MediaFile>()
  const result = (): ImportResult => ({
    items,
    misconceptions: [],
    problems,
    media: [...media.values()],
  })
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
    // The parser refuses what it must not resolve (external entities: XXE) by throwing; that is
    // a file we will not read, so it is reported like any other unreadable file.
    problems.push({
      row: null,
      message: `the XML cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    })
    return result()
  }
  const doc = asNode(parsed)
  if (!('quiz' in doc)) {
    problems.push({ row: null, message: 'not Moodle XML: no <quiz> element' })
    return result()
  }
  const questions = (asNode(doc.quiz).question as unknown[] | undefined) ?? []
  const ctx = {
    options,
    sourceName: options.sourceName ?? 'a Moodle XML file',
    idPrefix: 'moodle',
    usedIds: new Set<string>(),
    problems,
  }
  let category = ''
  let row = 0
  for (const raw of questions) {
    const q = asNode(raw)
    const type = String(q['@_type'] ?? '')
    if (type === 'category') {
      category = textOf(q.category).trim()
      continue
    }
    row++
    if (type !== 'multichoice') {
      problems.push({ row, message: `skipped: type ${type || '(none)'} is not multichoice` })
      continue
    }
    const item = buildItem(readQuestion(q, row, category, media), ctx)
    if (item) items.push(item)
  }
  return result()
}

function readQuestion(
  q: XmlNode,
  row: number,
  category: string,
  media: Map<string, MediaFile>,
): ForeignQuestion {
  const questionText = asNode(q.questiontext)
  const generalFeedback = asNode(q.generalfeedback)
  const answers = ((q.answer as unknown[] | undefined) ?? []).map(asNode)
  // Moodle scopes files to the text they belong to; names rarely clash, so one lookup is kinder
  // to hand-edited files that moved an image from one text to another.
  const files = new Map([
    ...filesOf(questionText),
    ...filesOf(generalFeedback),
    ...answers.flatMap((a) => [...filesOf(a), ...filesOf(asNode(a.feedback))]),
  ])
  const images = new ImageKeeper(files, media)
  const markdown = (node: XmlNode, inStem = false, fallback = 'html') =>
    moodleTextToMarkdown(textOf(node), String(node['@_format'] ?? fallback), images.handler(inStem))

  const stem = markdown(questionText, true)
  const shuffled = /^(1|true)$/i.test(textOf(q.shuffleanswers).trim())
  const lettered = /^none$/i.test(textOf(q.answernumbering).trim())
  const read = answers.map((answer) => {
    const feedback = asNode(answer.feedback)
    const plain = /<[a-z]/i.test(textOf(answer)) ? 'html' : 'plain_text'
    return {
      text: markdown(answer, false, plain),
      fraction: Number.parseFloat(String(answer['@_fraction'] ?? '0')) || 0,
      feedback: markdown(feedback),
      feedbackText: htmlText(textOf(feedback)),
    }
  })
  // Our shuffled exports letter each answer ("B. 15 cm") so the key survives any order; the
  // letters come off again when every answer has its own, in order.
  const prefix = /^([A-E])\\?\.\s+/
  if (
    shuffled &&
    lettered &&
    read.every((a, i) => prefix.exec(a.text)?.[1] === String.fromCharCode(65 + i))
  ) {
    for (const a of read) a.text = a.text.replace(prefix, '')
  }

  const dropped: string[] = []
  const hints = ((q.hint as unknown[] | undefined) ?? []).filter((h) => htmlText(textOf(h)))
  if (hints.length > 0) dropped.push(`${hints.length} hint(s)`)
  for (const [field, what] of [
    ['correctfeedback', 'feedback for any correct response'],
    ['partiallycorrectfeedback', 'feedback for any partially correct response'],
    ['incorrectfeedback', 'feedback for any incorrect response'],
  ] as const) {
    if (!DEFAULT_COMBINED.test(htmlText(textOf(q[field])))) dropped.push(what)
  }
  const penalty = Number.parseFloat(textOf(q.penalty) || '0')
  if (penalty > 0) dropped.push(`a penalty of ${Math.round(penalty * 1000) / 10}% per wrong try`)
  if (shuffled)
    dropped.push('shuffled answers (kept in the file’s order, lettered A, B, C… as written)')

  return {
    row,
    name: htmlText(textOf(q.name)),
    idnumber: textOf(q.idnumber).trim(),
    category,
    tags: ((asNode(q.tags).tag as unknown[] | undefined) ?? [])
      .map((t) => textOf(t).trim())
      .filter(Boolean),
    stem,
    single: !/^(false|0)$/i.test(textOf(q.single).trim()),
    answers: read,
    generalFeedback: markdown(generalFeedback),
    diagram: images.diagram,
    missingImages: images.missing,
    dropped,
  }
}
