/** The key-position rule: no letter holds too many of the correct answers, nor too many in a row. */
import type { ItemPurpose } from '../db/schema.ts'
import type { BankProblem } from './check.ts'
import { optionLabel } from './schemas.ts'

/** What the key-position rule reads from an item: content files, a hub's items and imports all have it. */
export interface KeyPositionItem {
  /** Where to point an author: a file path, or else the id is used. */
  at?: string
  id: string
  topic: string
  multipleAnswers?: boolean
  /** Discussion items are shown to teachers, not voted on, so where their key sits does not matter. */
  purpose?: ItemPurpose
  options: readonly { correct: boolean }[]
}

/** No letter may hold the correct answer in more than this share of the items with that many options. */
export const KEY_MAX_SHARE = 0.4
/** Within a topic, in id (file-name) order, at most this many items in a row share the key's letter. */
export const KEY_MAX_RUN = 3
const OPTION_COUNTS = [3, 4, 5]

/**
 * How many of `n` items with `count` options one letter may hold: 40%, or when so few items make
 * 40% impossible (4 items with 3 options: some letter must hold 2), the fairest split possible.
 */
export const keyShareLimit = (n: number, count: number): number =>
  Math.max(Math.floor(KEY_MAX_SHARE * n + 1e-9), Math.ceil(n / count))

/**
 * Where the correct answers sit, over a set of single-answer items (the bank, or a hub's own
 * items): for each option count (3, 4, 5), no letter holds the key in more than 40% of those
 * items; and within a topic, taking items in id order, no more than three in a row share the
 * key's letter. Pupils voting A/B/C/D notice a favourite letter within a lesson, and then the
 * item stops diagnosing anything. Each problem names the letter and the files (or ids).
 */
export function keyPositionProblems(items: readonly KeyPositionItem[]): BankProblem[] {
  const keyed = items.flatMap((item) => {
    if (item.multipleAnswers || item.purpose === 'discussion') return []
    const correct = item.options.flatMap((option, i) => (option.correct ? [i] : []))
    if (correct.length !== 1) return []
    return [{ item, key: optionLabel(correct[0] ?? 0), where: item.at ?? item.id }]
  })
  const problems: BankProblem[] = []
  for (const count of OPTION_COUNTS) {
    const group = keyed.filter(({ item }) => item.options.length === count)
    const limit = keyShareLimit(group.length, count)
    for (let i = 0; i < count; i++) {
      const letter = optionLabel(i)
      const holders = group.filter((k) => k.key === letter)
      if (holders.length <= limit) continue
      const share = Math.round((100 * holders.length) / group.length)
      problems.push({
        at: commonFolder(holders.map((h) => h.where)),
        field: 'options',
        message: `the correct answer is ${letter} in ${holders.length} of the ${group.length} single-answer items with ${count} options (${share}%); no letter may hold more than ${Math.round(KEY_MAX_SHARE * 100)}% (here at most ${limit}): ${holders.map((h) => h.where).join(', ')}`,
      })
    }
  }
  const byTopic = new Map<string, typeof keyed>()
  for (const k of keyed) byTopic.set(k.item.topic, [...(byTopic.get(k.item.topic) ?? []), k])
  for (const [topic, list] of byTopic) {
    const ordered = [...list].sort((a, b) =>
      a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0,
    )
    let start = 0
    for (let i = 1; i <= ordered.length; i++) {
      if (i < ordered.length && ordered[i]?.key === ordered[start]?.key) continue
      const run = ordered.slice(start, i)
      if (run.length > KEY_MAX_RUN) {
        problems.push({
          at: run[0]?.where ?? topic,
          field: 'options',
          message: `the correct answer is ${run[0]?.key} in ${run.length} "${topic}" items in a row (in file-name order); at most ${KEY_MAX_RUN} in a row may share a letter: ${run.map((r) => r.where).join(', ')}`,
        })
      }
      start = i
    }
  }
  return problems
}

/** The folder all these paths share (e.g. `content/items`), or "items" when they share none. */
function commonFolder(paths: string[]): string {
  const folders = new Set(paths.map((p) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '')))
  const [only] = folders
  return folders.size === 1 && only ? only : 'items'
}
