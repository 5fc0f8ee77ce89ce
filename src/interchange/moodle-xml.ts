/**
 * Moodle XML export: a `<quiz>` of `<question type="multichoice">`, written with
 * fast-xml-parser's builder (every text escaped by it). Reading it back is moodle-import.ts.
 *
 * Moodle has no misconception field, so the conventions are: each wrong answer's feedback ends
 * with a paragraph per misconception, `Misconception: Title [slug]`, and the question is tagged
 * `misconception:<slug>`, `topic:<slug>`, `year:<n>`, `licence:<SPDX>` (and `purpose:discussion`), each within Moodle's
 * 50 characters (moodleTag). `<idnumber>` carries our id, so an export imports back under the
 * same ids; the name is the construct as plain text. Questions are filed in a category per topic
 * (under the set's title, for a set). The general feedback holds the teacher's note and the
 * source. Maths stays TeX between `\(…\)` and `\[…\]` (converted from `$…$`), which Moodle's
 * MathJax filter renders; a diagram travels as an SVG file attached to the question text
 * (`@@PLUGINFILE@@/diagram.svg`), and other images as files attached to the text that shows them.
 * Scoring is scoring.ts.
 */
import { XMLBuilder } from 'fast-xml-parser'
import { base64FromBytes, mediaKeysIn } from './media.ts'
import { moodleTag } from './question-import.ts'
import { moodlePercent, optionWeights } from './scoring.ts'
import { escapeMarkdownText, markdownToHtml, plainTitle, toBase64 } from './text.ts'
import {
  type ExportBundle,
  type ExportItem,
  type ExportOptions,
  isMultipleAnswer,
  type MediaFile,
} from './types.ts'

const DIAGRAM_FILE = 'diagram.svg'

const text = (value: string) => ({ text: value })
const html = (value: string) => ({ '@_format': 'html', text: value })

const PLUGINFILE = '@@PLUGINFILE@@/'

/** Moodle writes a `/` inside a category name as `//`, so a name cannot split the path. */
const categoryPart = (name: string) => plainTitle(name).replace(/\//g, '//')

/** Markdown → Moodle HTML, with the `<file>`s its images need. */
function withFiles(markdown: string, media: Map<string, MediaFile>, inline = false) {
  const files = mediaKeysIn(markdown).flatMap((key) => {
    const file = media.get(key)
    return file
      ? [
          {
            '@_name': key,
            '@_path': '/',
            '@_encoding': 'base64',
            '#text': base64FromBytes(file.bytes),
          },
        ]
      : []
  })
  return {
    text: markdownToHtml(markdown, {
      math: 'tex',
      inline,
      mediaSrc: (key) => (media.has(key) ? `${PLUGINFILE}${key}` : `/api/media/${key}`),
    }),
    ...(files.length > 0 ? { file: files } : {}),
  }
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The general feedback: the teacher's note (a set's), then where the item came from. */
export function generalFeedbackHtml(item: ExportItem): string {
  return [
    // Escaped: a note and a source are plain text, and must come back exactly as they went.
    ...(item.note?.trim()
      ? [
          markdownToHtml(`Note for the teacher: ${escapeMarkdownText(oneLine(item.note))}`, {
            math: 'tex',
          }),
        ]
      : []),
    markdownToHtml(
      `Source: ${escapeMarkdownText(oneLine(item.source))}. Licence: ${escapeMarkdownText(item.licence)}.`,
      { math: 'tex' },
    ),
  ].join('\n')
}

function questionOf(item: ExportItem, media: Map<string, MediaFile>, options: ExportOptions) {
  const multiple = isMultipleAnswer(item)
  const weights = optionWeights(item)
  const stem = withFiles(item.stem, media)
  const tags = [
    moodleTag('topic', item.topic),
    ...item.years.map((year) => `year:${year}`),
    moodleTag('licence', item.licence),
    ...(item.purpose === 'discussion' ? ['purpose:discussion'] : []),
    ...new Set(
      item.options.flatMap((o) => o.misconceptions.map((m) => moodleTag('misconception', m.slug))),
    ),
  ]
  const diagramFile = item.diagramSvg
    ? [
        {
          '@_name': DIAGRAM_FILE,
          '@_path': '/',
          '@_encoding': 'base64',
          '#text': toBase64(item.diagramSvg),
        },
      ]
    : []
  const stemFiles = [...diagramFile, ...(stem.file ?? [])]
  return {
    '@_type': 'multichoice',
    name: text(plainTitle(item.construct)),
    questiontext: {
      '@_format': 'html',
      text: item.diagramSvg
        ? `<p><img src="${PLUGINFILE}${DIAGRAM_FILE}" alt="Diagram" /></p>\n${stem.text}`
        : stem.text,
      ...(stemFiles.length > 0 ? { file: stemFiles } : {}),
    },
    generalfeedback: html(generalFeedbackHtml(item)),
    defaultgrade: '1',
    penalty: '0',
    hidden: '0',
    idnumber: item.id,
    single: multiple ? 'false' : 'true',
    // Off unless asked: explanations and teachers' notes refer to options by letter, and a class
    // voting A/B/C/D needs everyone to see the same order. Shuffled, each answer shows our letter.
    shuffleanswers: options.shuffle ? 'true' : 'false',
    answernumbering: options.shuffle ? 'none' : 'ABCD',
    showstandardinstruction: '0',
    answer: item.options.map((o, i) => {
      const answer = withFiles(o.text, media, true)
      const feedback = withFiles(o.explanation, media)
      return {
        '@_fraction': moodlePercent(weights[i] ?? 0),
        '@_format': 'html',
        text: options.shuffle ? `${o.label}. ${answer.text}` : answer.text,
        ...(answer.file ? { file: answer.file } : {}),
        feedback: {
          '@_format': 'html',
          text: [
            feedback.text,
            ...o.misconceptions.map(
              (m) =>
                `<p>Misconception: ${markdownToHtml(m.title, { math: 'tex', inline: true })} [${m.slug}]</p>`,
            ),
          ].join('\n'),
          ...(feedback.file ? { file: feedback.file } : {}),
        },
      }
    }),
    tags: { tag: tags.map(text) },
  }
}

/**
 * One category question for each run of items in the same topic, keeping the items' order:
 * `$course$/top/<category>/<topic name>` (or `$course$/top/<topic name>` without one).
 */
export function categoryPaths(bundle: ExportBundle): (string | null)[] {
  let last = ''
  return bundle.items.map((item) => {
    const path = [
      '$course$/top',
      ...(bundle.category ? [categoryPart(bundle.category)] : []),
      categoryPart(item.topicName ?? item.topic),
    ].join('/')
    if (path === last) return null
    last = path
    return path
  })
}

export function exportMoodleXml(bundle: ExportBundle, options: ExportOptions = {}): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: false,
  })
  const media = new Map((bundle.media ?? []).map((m) => [m.key, m]))
  const categories = categoryPaths(bundle)
  const question = bundle.items.flatMap((item, i) => {
    const category = categories[i]
    return [
      ...(category ? [{ '@_type': 'category', category: text(category) }] : []),
      questionOf(item, media, options),
    ]
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ quiz: { question } })}`
}
