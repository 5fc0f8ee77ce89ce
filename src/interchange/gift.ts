/**
 * GIFT, Moodle's plain-text format: `::Title:: stem {=right#feedback ~wrong#feedback}`. The
 * characters ~ = # { } : are escaped with a backslash everywhere in text, which is what keeps
 * TeX such as `\frac{1}{2}` intact (`\frac\{1\}\{2\}`).
 */
import { toHtmlWithTex } from './tex.ts'
import type { ExportBundle } from './types.ts'

export const escapeGift = (text: string) => text.replace(/[~=#{}:]/g, (c) => `\\${c}`)

/** A blank line ends a question in GIFT, so each piece of text goes on one line. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim()

export function exportGift(bundle: ExportBundle): string {
  const questions = bundle.items.map((item) => {
    const answers = item.options.map((o) => {
      const feedback = [
        o.explanation,
        ...o.misconceptions.map((m) => `Misconception: ${m.title}`),
      ].join(' ')
      return `\t${o.correct ? '=' : '~'}${escapeGift(oneLine(toHtmlWithTex(o.text, true)))}#${escapeGift(oneLine(toHtmlWithTex(feedback)))}`
    })
    return [
      `// ${item.id} · topic ${item.topic} · years ${item.years.join(', ')}`,
      `::${escapeGift(oneLine(item.construct))}::[html]${escapeGift(oneLine(toHtmlWithTex(item.stem)))} {`,
      ...answers,
      '}',
    ].join('\n')
  })
  return `${questions.join('\n\n')}\n`
}
