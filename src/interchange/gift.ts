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
 */
import { markdownToHtml, toBase64 } from './text.ts'
import { type ExportBundle, type ExportItem, isMultipleAnswer } from './types.ts'

/** Escape text for GIFT: backslashes doubled, then `~ = # { } :` each behind a backslash. */
export const escapeGift = (text: string): string => text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`)

// A blank line ends a question, and a line starting with // is a comment: so each piece of text
// goes on one line. Newlines in our HTML are only between blocks or inside TeX, where a space
// means the same.
const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim()

const html = (source: string, inline = false) =>
  escapeGift(oneLine(markdownToHtml(source, { math: 'tex', inline })))

// Moodle answer weights are percentages from a fixed list; 100/n for n ≤ 5 are all on it.
const weight = (value: number): string => String(Math.round(value * 100000) / 100000)

function question(item: ExportItem): string {
  const correctCount = item.options.filter((o) => o.correct).length
  const wrongCount = item.options.length - correctCount
  const multiple = isMultipleAnswer(item)
  // GIFT has no file attachments, so a diagram travels as a data: URL image in the stem.
  const diagram = item.diagramSvg
    ? escapeGift(
        `<p><img src="data:image/svg+xml;base64,${toBase64(item.diagramSvg)}" alt="Diagram" /></p> `,
      )
    : ''
  const answers = item.options.map((o) => {
    const feedback = [
      markdownToHtml(o.explanation, { math: 'tex' }),
      ...o.misconceptions.map(
        (m) => `<p>Misconception: ${markdownToHtml(m.title, { math: 'tex', inline: true })}</p>`,
      ),
    ].join(' ')
    const prefix = multiple
      ? `~%${weight(o.correct ? 100 / correctCount : -100 / Math.max(wrongCount, 1))}%`
      : o.correct
        ? '='
        : '~'
    return `\t${prefix}${html(o.text, true)}#${escapeGift(oneLine(feedback))}`
  })
  return [
    `// ${item.id} · topic ${item.topic} · years ${item.years.join(', ')} · ${oneLine(item.source)} · ${item.licence}`,
    `::${escapeGift(oneLine(item.construct))}::[html]${diagram}${html(item.stem)} {`,
    ...answers,
    '}',
  ].join('\n')
}

export function exportGift(bundle: ExportBundle): string {
  const head = bundle.title
    ? [
        `// ${oneLine(bundle.title)}`,
        `$CATEGORY: $course$/top/${oneLine(bundle.title).replace(/\//g, '-')}`,
        '',
      ]
    : []
  return `${[...head, bundle.items.map(question).join('\n\n')].join('\n')}\n`
}
