/**
 * Reading GIFT, with gift-pegjs (a PEG grammar of the format, pure JavaScript, so it runs in
 * workerd and Node alike) doing the syntax: titles, `=`/`~` answers with `#` feedback, `%50%`
 * weights, `####` general feedback, escapes (`\\ \: \# \= \{ \} \~`, `\n`), and the id number
 * and tags Moodle 4 reads from the comment before a question (`// [id:…] [tag:…]`).
 *
 * The file is cut into questions at blank lines first, exactly as Moodle's own reader does, and
 * each is parsed on its own: one broken question is one problem with its line number, not a
 * refused file. `$CATEGORY:` lines set the category, which places questions in a topic.
 * Multiple choice becomes items through question-import.ts; other types are reported and
 * skipped. As in Moodle, a question with an `=` answer takes one answer, and one written with
 * only `~%n%` weights takes several.
 */
import { type GIFTQuestion, parse, type TextFormat } from 'gift-pegjs'
import { bytesFromBase64, keepMedia, mediaMarkdown } from './media.ts'
import { buildItem, type ForeignQuestion, moodleTextToMarkdown } from './question-import.ts'
import { escapeMarkdownText, type HtmlImage, htmlText } from './text.ts'
import type {
  ImportedItem,
  ImportOptions,
  ImportProblem,
  ImportResult,
  MediaFile,
} from './types.ts'

const FORMATS: Record<string, string> = {
  html: 'html',
  moodle: 'moodle_auto_format',
  markdown: 'markdown',
  plain: 'plain_text',
}

/** Blocks of non-blank lines, each with the line it starts on (1-based). */
function blocks(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = []
  let current: string[] = []
  let start = 1
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      if (current.length > 0) out.push({ line: start, text: current.join('\n') })
      current = []
      return
    }
    if (current.length === 0) start = index + 1
    current.push(line)
  })
  if (current.length > 0) out.push({ line: start, text: current.join('\n') })
  return out
}

const TYPE_NAMES: Record<string, string> = {
  TF: 'true/false',
  Short: 'short answer',
  Numerical: 'numerical',
  Essay: 'essay',
  Matching: 'matching',
  Description: 'description',
}

export function parseGift(text: string, options: ImportOptions = {}): ImportResult {
  const problems: ImportProblem[] = []
  const items: ImportedItem[] = []
  const media = new Map<string, MediaFile>()
  const ctx = {
    options,
    sourceName: options.sourceName ?? 'a GIFT file',
    idPrefix: 'gift',
    usedIds: new Set<string>(),
    problems,
  }
  let category = ''
  let row = 0
  for (const block of blocks(text)) {
    const body = block.text
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('//'))
      .join('\n')
      .trim()
    if (!body) continue
    const categoryLine = /^\$CATEGORY:(.*)$/m.exec(body)
    if (categoryLine && body.startsWith('$CATEGORY:')) {
      category = (categoryLine[1] ?? '').trim()
      // Moodle wants the category alone; a question straight after it is read all the same.
      if (body.split('\n').length === 1) continue
    }
    row++
    const source = categoryLine ? block.text.replace(/^\$CATEGORY:.*$/m, '') : block.text
    let parsed: GIFTQuestion[]
    try {
      parsed = parse(`${source}\n`)
    } catch (error) {
      const where = (error as { location?: { start?: { line?: number } } }).location?.start?.line
      const line = block.line + (where ?? 1) - 1
      problems.push({
        row,
        message: `the question on line ${block.line} is not GIFT that Moodle would read (line ${line}: ${error instanceof Error ? error.message : String(error)})`,
      })
      continue
    }
    for (const question of parsed) {
      if (question.type === 'Category') {
        category = question.title.trim()
        continue
      }
      if (question.type !== 'MC') {
        problems.push({
          row,
          message: `line ${block.line}: skipped: a ${TYPE_NAMES[question.type] ?? question.type} question is not multiple choice`,
        })
        continue
      }
      const item = buildItem(readQuestion(question, row, category, media), ctx)
      if (item) items.push(item)
    }
  }
  return { items, misconceptions: [], problems, media: [...media.values()] }
}

function readQuestion(
  q: Extract<GIFTQuestion, { type: 'MC' }>,
  row: number,
  category: string,
  media: Map<string, MediaFile>,
): ForeignQuestion {
  const missing: string[] = []
  let diagram: string | undefined
  // GIFT has no attachments: an image is a data: URL (our exports write them) or an address.
  const image =
    (inStem: boolean) =>
    ({ src, alt }: HtmlImage): string => {
      if (/^https?:\/\//i.test(src)) return `![${escapeMarkdownText(alt)}](${encodeURI(src)})`
      const bytes = /^data:image\/[\w+.-]+;base64,/i.test(src)
        ? bytesFromBase64(src.slice(src.indexOf(',') + 1))
        : null
      const kept = bytes ? keepMedia(bytes) : null
      if (!bytes || !kept || 'refused' in kept) {
        missing.push(kept && 'refused' in kept ? `${alt || src}: ${kept.refused}` : alt || src)
        return `*(image not included in the imported file${alt ? `: ${escapeMarkdownText(alt)}` : ''})*`
      }
      if (inStem && diagram === undefined && kept.contentType === 'image/svg+xml') {
        diagram = new TextDecoder().decode(bytes)
        return ''
      }
      media.set(kept.key, kept)
      return mediaMarkdown(kept.key, alt || 'Image')
    }
  const markdown = (value: TextFormat | null, inStem = false) =>
    value ? moodleTextToMarkdown(value.text, FORMATS[value.format] ?? 'html', image(inStem)) : ''
  const stem = markdown(q.stem, true)
  const single = q.choices.some((c) => c.isCorrect && c.weight === null)
  return {
    row,
    name: htmlText(q.title ?? ''),
    idnumber: (q.id ?? '').trim(),
    category,
    tags: (q.tags ?? []).map((t) => t.trim()).filter(Boolean),
    stem,
    single,
    answers: q.choices.map((c) => ({
      text: markdown(c.text),
      fraction: c.weight ?? (c.isCorrect ? 100 : 0),
      feedback: markdown(c.feedback),
      feedbackText: c.feedback ? htmlText(c.feedback.text) : '',
    })),
    generalFeedback: markdown(q.globalFeedback),
    diagram,
    missingImages: missing,
    dropped: [],
  }
}
