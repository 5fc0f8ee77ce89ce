/** HTML-safe highlighting of the words in a title or snippet that a query matched. */
import { escapeHtml } from '../lib/html.ts'
import { wordTermOf } from '../terms/terms.ts'

/** Escape text and wrap each word whose index term is one of `matched` in <mark>. */
export function highlight(text: string, matched: Set<string>): string {
  // Words are letters and digits, which need no escaping; everything between them is escaped.
  return text.replace(/([\p{L}\p{N}]+(?:[./][\p{N}]+)*)|[&<>"']/gu, (found, word?: string) => {
    if (word === undefined) return escapeHtml(found)
    const term = wordTermOf(word)
    return term !== null && matched.has(term) ? `<mark>${word}</mark>` : word
  })
}
