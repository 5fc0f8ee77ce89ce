/**
 * GIFT, Moodle's plain-text question format:
 *
 *   ::Title::[html]stem {
 *     =right answer#feedback
 *     ~wrong answer#feedback
 *   }
 *
 * Text is HTML (`[html]`) with TeX kept between `\(…\)` / `\[…\]` for Moodle's MathJax filter.
 *
 * Escaping follows what Moodle's GIFT reader (qformat_gift::escapedchar_pre) actually does: it
 * first turns `\\` into one literal backslash, then `\: \# \= \{ \} \~` into the characters and
 * `\n` into a newline; any other backslash is left alone. So every backslash is written doubled
 * as well as every special character escaped: `\frac{1}{2}` comes out as `\\frac\{1\}\{2\}`.
 * Doubling is what makes TeX survive: a single `\neq` would be read as a newline and "eq", and
 * TeX's own `\{` written as `\\{` would leave an unescaped `{` that opens an answer block.
 *
 * Moodle 4 reads an id number and tags from the comment before a question
 * (`// [id:…] [tag:…]`), so our id, topic, years, licence and misconceptions travel there as in
 * Moodle XML (tags within 50 characters). Titles are plain text; the general feedback (`####`)
 * holds the teacher's note and the source; a category is written for each run of one topic.
 * Images travel as data: URLs, since GIFT has no attachments. GIFT cannot ask for shuffling:
 * Moodle applies its site default on import. Reading GIFT is gift-import.ts.
 */
import { base64FromBytes } from './media.ts'
import { categoryPaths, generalFeedbackHtml } from './moodle-xml.ts'
import { moodleTag } from './question-import.ts'
import { moodlePercent, optionWeights } from './scoring.ts'
import { markdownToHtml, plainTitle, toBase64 } from './text.ts'
import { type ExportBundle, type ExportItem, isMultipleAnswer, type MediaFile } from './types.ts'

/** Escape text for GIFT: backslashes doubled, then `~ = # { } :` each behind a backslash. */
export const escapeGift = (text: string): string => text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`)

// A blank line ends a question, and a line starting with // is a comment: so each piece of text
// goes on one line. Newlines in our HTML are only between blocks or inside TeX, where a space
// means the same.
const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim()

function question(item: ExportItem, media: Map<string, MediaFile>): string {
  const html = (source: string, inline = false) =>
    escapeGift(
      oneLine(
        markdownToHtml(source, {
          math: 'tex',
          inline,
          mediaSrc: (key) => {
            const file = media.get(key)
            return file
              ? `data:${file.contentType};base64,${base64FromBytes(file.bytes)}`
              : `/api/media/${key}`
          },
        }),
      ),
    )
  const multiple = isMultipleAnswer(item)
  const weights = optionWeights(item)
  // GIFT has no file attachments, so a diagram travels as a data: URL image in the stem.
  const diagram = item.diagramSvg
    ? escapeGift(
        `<p><img src="data:image/svg+xml;base64,${toBase64(item.diagramSvg)}" alt="Diagram" /></p> `,
      )
    : ''
  const answers = item.options.map((o, i) => {
    const feedback = [
      html(o.explanation),
      ...o.misconceptions.map((m) =>
        escapeGift(
          `<p>Misconception: ${markdownToHtml(m.title, { math: 'tex', inline: true })} [${m.slug}]</p>`,
        ),
      ),
    ].join(' ')
    const prefix = multiple ? `~%${moodlePercent(weights[i] ?? 0)}%` : o.correct ? '=' : '~'
    return `\t${prefix}${html(o.text, true)}#${oneLine(feedback)}`
  })
  const tags = [
    moodleTag('topic', item.topic),
    ...item.years.map((year) => `year:${year}`),
    moodleTag('licence', item.licence),
    ...(item.purpose === 'discussion' ? ['purpose:discussion'] : []),
    ...new Set(
      item.options.flatMap((o) => o.misconceptions.map((m) => moodleTag('misconception', m.slug))),
    ),
  ]
  return [
    `// [id:${item.id}] ${tags.map((t) => `[tag:${t}]`).join(' ')}`,
    `::${escapeGift(plainTitle(item.construct))}::[html]${diagram}${html(item.stem)} {`,
    ...answers,
    `\t####${escapeGift(oneLine(generalFeedbackHtml(item)))}`,
    '}',
  ].join('\n')
}

export function exportGift(bundle: ExportBundle): string {
  const media = new Map((bundle.media ?? []).map((m) => [m.key, m]))
  const categories = categoryPaths(bundle)
  const head = bundle.title ? [`// ${oneLine(bundle.title)}`, ''] : []
  const blocks = bundle.items.flatMap((item, i) => {
    const category = categories[i]
    return [...(category ? [`$CATEGORY: ${category}`] : []), question(item, media)]
  })
  return `${[...head, blocks.join('\n\n')].join('\n')}\n`
}
