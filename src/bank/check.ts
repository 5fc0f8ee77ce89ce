/**
 * Checks that span more than one piece of content: references that must resolve, and the quality
 * rules the starter bank holds itself to. Each problem names where it is (`at`: a file path or an
 * id), the field, and what is wrong.
 */
import type { ItemPurpose } from '../db/schema.ts'
import { svgTextAlternative } from '../lib/svg.ts'
import type { ItemRecord, MisconceptionRecord, TaxonomyRecord } from './compile.ts'
import { optionLabel } from './schemas.ts'

export interface BankProblem {
  at: string
  field: string
  message: string
}

export interface CompiledBank {
  taxonomy: TaxonomyRecord
  misconceptions: (MisconceptionRecord & { at: string })[]
  items: (ItemRecord & { at: string })[]
}

const YEARS_BY_KEY_STAGE: Record<number, number[]> = {
  1: [1, 2],
  2: [3, 4, 5, 6],
  3: [7, 8, 9],
  4: [10, 11],
}

/** References every bank must satisfy: topics, misconceptions and ids resolve and are unique. */
export function checkReferences(bank: CompiledBank): BankProblem[] {
  const problems: BankProblem[] = []
  const topics = new Map(bank.taxonomy.topics.map((t) => [t.slug, t]))
  const slugs = new Set<string>()
  for (const m of bank.misconceptions) {
    if (slugs.has(m.row.slug))
      problems.push({ at: m.at, field: 'slug', message: `duplicate slug "${m.row.slug}"` })
    slugs.add(m.row.slug)
    if (!topics.has(m.row.topicSlug)) {
      problems.push({ at: m.at, field: 'topic', message: `unknown topic "${m.row.topicSlug}"` })
    }
  }
  for (const m of bank.misconceptions) {
    m.related.forEach((related, i) => {
      if (!slugs.has(related)) {
        problems.push({
          at: m.at,
          field: `related[${i}]`,
          message: `unknown misconception "${related}"`,
        })
      }
    })
  }
  const ids = new Set<string>()
  for (const item of bank.items) {
    if (ids.has(item.row.id))
      problems.push({ at: item.at, field: 'id', message: `duplicate id "${item.row.id}"` })
    ids.add(item.row.id)
    const topic = topics.get(item.row.topicSlug)
    if (!topic) {
      problems.push({
        at: item.at,
        field: 'topic',
        message: `unknown topic "${item.row.topicSlug}"`,
      })
    } else {
      const allowed = new Set(topic.keyStages.flatMap((ks) => YEARS_BY_KEY_STAGE[ks] ?? []))
      const outside = item.years.filter((year) => !allowed.has(year))
      if (outside.length > 0) {
        problems.push({
          at: item.at,
          field: 'years',
          message: `year ${outside.join(', ')} is outside key stages ${topic.keyStages.join(', ')} of topic "${topic.slug}"`,
        })
      }
    }
    item.options.forEach((option, i) => {
      option.misconceptions.forEach((slug, j) => {
        if (!slugs.has(slug)) {
          problems.push({
            at: item.at,
            field: `options[${i}].misconceptions[${j}]`,
            message: `unknown misconception "${slug}"`,
          })
        }
      })
    })
  }
  return problems
}

/**
 * The starter bank's own standard (PRODUCT.md, "Anatomy of a good diagnostic item"): every wrong
 * option of a published item names the misconception that produces it (so every item has at
 * least two that do), no option shares its value with the correct answer or another option,
 * every misconception is diagnosed by at least one item, every diagram carries a text
 * alternative, and the correct answers do not sit at one letter (`keyPositionProblems`).
 */
export function checkStarterBankQuality(bank: CompiledBank): BankProblem[] {
  const problems: BankProblem[] = []
  const used = new Set<string>()
  for (const item of bank.items) {
    const tagged = item.options.filter((o) => !o.isCorrect && o.misconceptions.length > 0)
    tagged.forEach((o) => o.misconceptions.forEach((slug) => used.add(slug)))
    if (tagged.length < 2) {
      problems.push({
        at: item.at,
        field: 'options',
        message: `only ${tagged.length} wrong option(s) name a misconception; at least 2 should`,
      })
    }
    if (item.row.status === 'published') problems.push(...untaggedOptionProblems(item))
    problems.push(...sameNumberProblems(item))
    if (item.row.diagramSvg) problems.push(...diagramTextProblems(item.at, item.row.diagramSvg))
  }
  for (const m of bank.misconceptions) {
    if (!used.has(m.row.slug)) {
      problems.push({ at: m.at, field: 'slug', message: 'no item diagnoses this misconception' })
    }
  }
  problems.push(
    ...keyPositionProblems(
      bank.items
        .filter((item) => item.row.status === 'published')
        .map((item) => ({ ...item.input, at: item.at })),
    ),
  )
  return problems
}

/** A wrong option that names no misconception tells the teacher nothing when pupils choose it. */
function untaggedOptionProblems(item: CompiledBank['items'][number]): BankProblem[] {
  return item.options.flatMap((option, i) =>
    option.isCorrect || option.misconceptions.length > 0
      ? []
      : [
          {
            at: item.at,
            field: `options[${i}].misconceptions`,
            message: `wrong option ${option.label} names no misconception: tag it with the misconception that produces it, or replace it with an answer a misconception produces`,
          },
        ],
  )
}

/**
 * Options that are one and the same number, with only their units (or nothing) to tell them
 * apart: a wrong option with the key's number means a pupil with that misconception also gets
 * the right answer (the 4 by 4 square, whose area and perimeter are both 16), and two such wrong
 * options can be ruled out without any maths. Numbers are compared as written, so 0.04 and 0.040
 * (different roundings) or 6/9 and 2/3 (different forms) are not the same. Discussion items show
 * such coincidences on purpose, so only their wrong options are compared with one another.
 */
function sameNumberProblems(item: CompiledBank['items'][number]): BankProblem[] {
  const problems: BankProblem[] = []
  const numbers = item.options.map((option) => optionNumber(option.textSource))
  const discussion = item.input.purpose === 'discussion'
  item.options.forEach((option, i) => {
    const number = numbers[i]
    if (number === null || number === undefined || option.isCorrect) return
    const other = item.options.find(
      (other, j) => j !== i && numbers[j] === number && (other.isCorrect ? !discussion : j < i),
    )
    if (!other) return
    problems.push({
      at: item.at,
      field: `options[${i}].text`,
      message: other.isCorrect
        ? `wrong option ${option.label} has the same number as the correct answer ${other.label} (${number}): a pupil with its misconception also gets the answer right, so the item cannot tell them apart; change the numbers, or mark the item purpose: discussion`
        : `wrong options ${other.label} and ${option.label} are the same number (${number}) apart from units, so both can be ruled out without the maths`,
    })
  })
  return problems
}

const UNIT_WORDS = new Set([
  'about',
  'approximately',
  'mm',
  'cm',
  'm',
  'km',
  'ml',
  'l',
  'litre',
  'litres',
  'g',
  'kg',
  'mph',
  'h',
  'hour',
  'hours',
  'min',
  'minute',
  'minutes',
  's',
  'second',
  'seconds',
  'day',
  'days',
  'week',
  'weeks',
  'p',
  'pence',
  'pound',
  'pounds',
  'cube',
  'cubes',
  'square',
  'squares',
  'unit',
  'units',
  'degree',
  'degrees',
])

const NUMBER = /-?\d+(?:\.\d+)?(?:\/-?\d+(?:\.\d+)?)?/g

/**
 * The number an option consists of, as written (`$16\text{ cm}^2$` → "16", `£42.67` → "42.67",
 * `$x = -\frac{15}{7}$` → "-15/7", `15 000 ml` → "15000"), when the option is one number and
 * otherwise only units; null for anything else: lists, coordinates, times, statements, powers
 * (`$2^7$`) and algebra (`$6P$`), whose letters inside the maths are not units.
 */
export function optionNumber(text: string): string | null {
  const numbers: string[] = []
  const words: string[] = []
  const unitWords = (unit: string) => {
    words.push(...(unit.match(/[a-z]+/gi) ?? []))
    return ' '
  }
  for (const part of text.replace(/\u2212/g, '-').split(/(\$[^$]*\$)/)) {
    if (part.length > 1 && part.startsWith('$') && part.endsWith('$')) {
      const maths = part
        .slice(1, -1)
        .replace(/^\s*[a-z]\s*=\s*/i, ' ')
        .replace(/\\text\{([^}]*)\}\s*(?:\^\s*(?:\{[^}]*\}|\d))?/g, (_, unit: string) =>
          unitWords(unit),
        )
        .replace(
          /(-\s*)?\\[dt]?frac\{(-?[\d.]+)\}\{(-?[\d.]+)\}/g,
          (_, sign: string | undefined, a: string, b: string) => ` ${sign ? '-' : ''}${a}/${b} `,
        )
        .replace(/\^\s*(?:\{\s*\\circ\s*\}|\\circ)|\\%/g, ' ')
        .replace(/\\[,;!: ]|~/g, '')
        .replace(/(\d) (?=\d{3}\b)/g, '$1')
      // Letters, commands or a power left in the maths: algebra or an expression, not a number.
      if (/[a-z\\^]/i.test(maths)) return null
      numbers.push(...(maths.match(NUMBER) ?? []))
    } else {
      const plain = part.replace(/(\d) (?=\d{3}\b)/g, '$1')
      numbers.push(...(plain.match(NUMBER) ?? []))
      unitWords(plain.replace(NUMBER, ' '))
    }
  }
  if (numbers.length !== 1 || !words.every((word) => UNIT_WORDS.has(word.toLowerCase())))
    return null
  return numbers[0] ?? null
}

/** A diagram a screen reader can only read as "8 cm 4 cm 5 cm" needs a title and a description. */
function diagramTextProblems(at: string, svg: string): BankProblem[] {
  const { title, desc, first } = svgTextAlternative(svg)
  const problems: BankProblem[] = []
  if (!title)
    problems.push({
      at,
      field: 'diagram',
      message: `the <svg> has ${title === null ? 'no' : 'an empty'} <title>: give it a short name for the figure`,
    })
  if (!desc)
    problems.push({
      at,
      field: 'diagram',
      message: `the <svg> has ${desc === null ? 'no' : 'an empty'} <desc>: describe the figure as a sighted pupil reads it`,
    })
  if (title && desc && !first)
    problems.push({
      at,
      field: 'diagram',
      message: 'the <title> and <desc> must be the first children of the <svg>',
    })
  return problems
}

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
