/**
 * Checks that span more than one piece of content: references that must resolve, and the quality
 * rules the starter bank holds itself to, run over a whole bank. Each problem names where it is
 * (`at`: a file path or an id), the field, and what is wrong. The rules for one item are in
 * item-rules.ts, the rule for where the correct answers sit in key-position.ts.
 */
import type { ItemRecord, MisconceptionRecord, TaxonomyRecord } from './compile.ts'
import { diagramTextProblems, sameNumberProblems, untaggedOptionProblems } from './item-rules.ts'
import { keyPositionProblems } from './key-position.ts'

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
