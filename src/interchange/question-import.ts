/**
 * One multiple-choice question read from another tool (Moodle XML or GIFT: both are Moodle's
 * question model) → an item our schemas accept, or a problem saying why not. The format readers
 * turn their syntax into a `ForeignQuestion`; everything that decides what the item *is* lives
 * here once: which answers are right, which misconceptions each wrong answer reveals, the topic,
 * year groups, id and construct, the teacher's note, and what the report must mention.
 *
 * Misconceptions travel as our marker paragraph in a wrong answer's feedback,
 * `Misconception: Title [slug]`, which needs no tag at all; the `misconception:` tags are for
 * searching in Moodle, kept within Moodle's 50 characters by `moodleTag`, and a tag alone still
 * links a wrong answer whose feedback names the slug's words (files we did not write).
 */
import { itemInputSchema, slug as slugSchema } from '../bank/schemas.ts'
import { plainText } from '../lib/plain-text.ts'
import { issues } from './json.ts'
import {
  htmlToMarkdown,
  type HtmlImage,
  slugify,
  textWithTexToMarkdown,
  unescapeMarkdownText,
} from './text.ts'
import { topicForCategory, topicForName, topicNamed } from './topics.ts'
import {
  DEFAULT_LICENCE,
  DEFAULT_YEARS,
  type ImportedItem,
  type ImportOptions,
  type ImportProblem,
} from './types.ts'

/** Moodle stores at most 50 characters of a tag and silently cuts the rest. */
export const MOODLE_TAG_MAX = 50

// FNV-1a: short, stable and the same in every runtime; only tells long slugs apart.
function shortHash(text: string): string {
  let hash = 0x811c9dc5
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0
  return hash.toString(36).padStart(7, '0').slice(-6)
}

/**
 * `prefix:value` as a Moodle tag of at most 50 characters. A value too long for that is cut
 * and ends `~` plus a hash of the whole value, so two long slugs sharing a beginning still get
 * different tags and an import can tell which one a tag means.
 */
export function moodleTag(prefix: string, value: string): string {
  const tag = `${prefix}:${value}`
  if (tag.length <= MOODLE_TAG_MAX) return tag
  const room = MOODLE_TAG_MAX - prefix.length - 1 - 7
  return `${prefix}:${value.slice(0, room).replace(/-+$/, '')}~${shortHash(value)}`
}

/** Moodle text in one of its formats → our Markdown, HTML parsed (never pattern-stripped). */
export function moodleTextToMarkdown(
  value: string,
  format: string,
  image: (img: HtmlImage) => string,
): string {
  switch (format) {
    case 'markdown':
      return value.trim()
    case 'plain_text':
    case 'plain':
      return textWithTexToMarkdown(value).trim()
    case 'moodle_auto_format':
    case 'moodle':
      // Moodle's own auto format: HTML allowed, and a newline is a line break.
      return htmlToMarkdown(value.replace(/\r?\n/g, '<br>'), { image })
    default:
      return htmlToMarkdown(value, { image })
  }
}

export interface ForeignAnswer {
  /** Markdown. */
  text: string
  /** Moodle's percentage, −100 to 100. */
  fraction: number
  /** Markdown. */
  feedback: string
  /** The feedback's visible words, for spotting a misconception named in prose. */
  feedbackText: string
}

export interface ForeignQuestion {
  /** The question's position among the file's questions (categories not counted). */
  row: number
  /** Plain text: any HTML in the file's name is already gone. */
  name: string
  idnumber: string
  /** The category path the question was filed under (`$course$/top/…`), or ''. */
  category: string
  tags: string[]
  /** Markdown. */
  stem: string
  single: boolean
  answers: ForeignAnswer[]
  /** Markdown. */
  generalFeedback: string
  diagram?: string
  /** Images the text refers to that the file does not carry (or that we would not keep). */
  missingImages: string[]
  /** What the file says that an item has no place for, in words for the report. */
  dropped: string[]
}

export interface BuildContext {
  options: ImportOptions
  /** For `source` ("Imported from …"). */
  sourceName: string
  /** `moodle` or `gift`: the id prefix for questions without a usable id number. */
  idPrefix: string
  usedIds: Set<string>
  problems: ImportProblem[]
}

// Our own paragraphs (written by the Moodle and GIFT exports), as htmlToMarkdown returns them.
const MARKER = /^Misconception: .*\\\[([a-z0-9-]+)\\\]\s*$/gm
const NOTE = /^Note for the teacher: (.*)$/m
const SOURCE = /^Source: (.*)\. Licence: (\S+)\.$/m

/** Our marker paragraphs out of a general feedback: the note, the source, and what is left. */
function readGeneralFeedback(markdown: string) {
  const note = NOTE.exec(markdown)?.[1]?.trim()
  const source = SOURCE.exec(markdown)
  const rest = markdown
    .replace(NOTE, '')
    .replace(SOURCE, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return {
    note: note ? unescapeMarkdownText(note) : undefined,
    source: source ? unescapeMarkdownText(source[1]!) : undefined,
    licence: source?.[2],
    rest,
  }
}

/** Build one item; on failure the problem is recorded and null returned. */
export function buildItem(q: ForeignQuestion, ctx: BuildContext): ImportedItem | null {
  const { row } = q
  const { options } = ctx
  const fail = (message: string) => {
    ctx.problems.push({ row, message })
    return null
  }
  const flag = (message: string) => ctx.problems.push({ row, message, flag: true })
  const label = q.name ? `"${q.name}"` : `question ${row}`

  const tagged = (prefix: string) =>
    q.tags
      .filter((t) => t.toLowerCase().startsWith(prefix))
      .map((t) => t.slice(prefix.length).trim())

  const answers = q.answers.map((answer) => {
    const marked = [...answer.feedback.matchAll(MARKER)].map((m) => m[1]!)
    const explanation = answer.feedback
      .replace(MARKER, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
    const correct = q.single ? answer.fraction >= 99.99 : answer.fraction > 0
    return { ...answer, marked, explanation, correct }
  })

  // A tag means a slug: itself, the marker slug it is a shortened or Moodle-cut form of, or a
  // slug the bank knows whose shortened form it is.
  const markedSlugs = new Set(answers.flatMap((a) => a.marked))
  const candidates = [...markedSlugs, ...(options.knownMisconceptions ?? [])]
  const resolveTag = (tag: string): string | undefined => {
    const body = tag.toLowerCase()
    if (!body.includes('~') && slugSchema.safeParse(body).success) {
      const cut = `misconception:${body}`.length >= MOODLE_TAG_MAX
      return cut ? ([...markedSlugs].find((s) => s.startsWith(body)) ?? body) : body
    }
    return candidates.find((s) => moodleTag('misconception', s) === `misconception:${body}`)
  }
  const misconceptionTags = [
    ...new Set(tagged('misconception:').flatMap((t) => resolveTag(t) ?? [])),
  ]

  const general = readGeneralFeedback(q.generalFeedback)
  let withoutFeedback = 0
  const linked = new Set<string>()
  const itemOptions = answers.map((answer) => {
    const spoken = `-${slugify(answer.feedbackText, 10_000)}-`
    const misconceptions = answer.correct
      ? []
      : [
          // In the order the feedback names them (our exports write them in the item's order).
          ...new Set([
            ...answer.marked,
            ...misconceptionTags.filter((s) => spoken.includes(`-${s}-`)),
          ]),
        ]
    for (const s of misconceptions) linked.add(s)
    let explanation = answer.explanation
    // General feedback is what Moodle shows everyone after answering: the worked answer, usually.
    if (answer.correct && general.rest)
      explanation = explanation ? `${explanation}\n\n${general.rest}` : general.rest
    if (!explanation) withoutFeedback++
    return {
      text: answer.text.replace(/\s*\n\s*/g, ' '),
      correct: answer.correct,
      explanation: explanation || 'No explanation was given in the imported file.',
      misconceptions: misconceptions.slice(0, 5),
    }
  })

  const topics = options.topics ?? []
  const topic =
    tagged('topic:').find((t) => slugSchema.safeParse(t).success) ??
    topicForCategory(q.category, topics) ??
    q.tags.map((t) => topicNamed(t, topics) ?? topicForName(t)).find(Boolean) ??
    topicForName(q.name) ??
    options.defaultTopic
  if (!topic)
    return fail(
      `${label}: no topic (tag it topic:<slug>, file it under a category named after a topic, or pass a default topic)`,
    )
  const years = [
    ...new Set(
      tagged('year:')
        .map(Number)
        .filter((y) => Number.isInteger(y) && y >= 1 && y <= 11),
    ),
  ].sort((a, b) => a - b)

  // The file's own id number when it is one of ours; else derived from it (stable across
  // renames), else from the name.
  let id = slugSchema.safeParse(q.idnumber).success
    ? q.idnumber
    : `${ctx.idPrefix}-${slugify(q.idnumber, 70) || slugify(q.name, 70) || `question-${row}`}`
  // Two questions with the same name in one file still get distinct, stable ids.
  for (let n = 2; ctx.usedIds.has(id); n++) id = `${id.replace(/-\d+$/, '')}-${n}`
  ctx.usedIds.add(id)

  const stemText = plainText(q.stem)
  const construct =
    q.name.length >= 5
      ? q.name.slice(0, 300)
      : stemText.length >= 5
        ? stemText.slice(0, 200)
        : `Imported question ${row}`
  const input = {
    id,
    construct,
    topic,
    years: years.length > 0 ? years : (options.years ?? DEFAULT_YEARS),
    stem: q.stem || '(no question text in the imported file)',
    options: itemOptions,
    multipleAnswers: !q.single,
    ...(q.diagram ? { diagram: q.diagram } : {}),
    ...(tagged('purpose:')[0] === 'discussion' ? { purpose: 'discussion' as const } : {}),
    source: (general.source ?? `Imported from ${ctx.sourceName}`).slice(0, 300),
    licence: tagged('licence:')[0] || general.licence || options.licence || DEFAULT_LICENCE,
    status: options.status ?? 'draft',
  }
  const parsed = itemInputSchema.safeParse(input)
  if (!parsed.success) return fail(`${label}: ${issues(parsed.error)}`)

  if (q.missingImages.length > 0)
    flag(
      `${id}: image(s) not kept (${q.missingImages.join('; ')}); a note in the text marks each place`,
    )
  if (withoutFeedback > 0)
    flag(`${id}: ${withoutFeedback} answer(s) have no feedback; a placeholder explanation was used`)
  if (general.rest) flag(`${id}: the general feedback was added to the right answer's explanation`)
  if (q.dropped.length > 0)
    flag(`${id}: not kept (an item has no place for it): ${q.dropped.join('; ')}`)
  const unlinked = misconceptionTags.filter((s) => !linked.has(s))
  if (unlinked.length > 0)
    flag(
      `${id}: tagged misconception:${unlinked.join(', misconception:')} but no wrong answer's feedback names it; not linked`,
    )
  return { ...parsed.data, row, ...(general.note ? { note: general.note } : {}) }
}
