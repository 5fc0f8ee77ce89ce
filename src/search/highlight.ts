/** HTML-safe highlighting of the words in a title or snippet that a query matched. */
import { wordTermOf } from './terms.ts'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)

/** Escape text and wrap each word whose index term is one of `matched` in <mark>. */
export function highlight(text: string, matched: Set<string>): string {
  let out = ''
  let last = 0
  for (const word of text.matchAll(/[\p{L}\p{N}]+(?:[./][\p{N}]+)*/gu)) {
    const index = word.index ?? 0
    const term = wordTermOf(word[0])
    out += escapeHtml(text.slice(last, index))
    out += term && matched.has(term) ? `<mark>${escapeHtml(word[0])}</mark>` : escapeHtml(word[0])
    last = index + word[0].length
  }
  return out + escapeHtml(text.slice(last))
}
