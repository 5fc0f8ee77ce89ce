/** The starter bank holds itself to the anatomy of a good diagnostic item: one key, diagnosed distractors, resolvable links. */
import { beforeAll, describe, expect, it } from 'vitest'
import type { CompiledBank } from '../../src/bank/check.ts'
import { formatProblem, loadContent } from '../../src/bank/content-files.ts'

let bank: CompiledBank
let problems: string[]
beforeAll(async () => {
  const loaded = await loadContent('content')
  bank = loaded.bank
  problems = loaded.problems.map(formatProblem)
})

describe('the starter bank in content/', () => {
  it('validates, resolves every reference and renders all its TeX', () => {
    expect(problems).toEqual([])
  })

  it('holds at least 80 items and 40 misconceptions', () => {
    expect(bank.items.length).toBeGreaterThanOrEqual(80)
    expect(bank.misconceptions.length).toBeGreaterThanOrEqual(40)
  })

  it('gives every single-answer item exactly one correct option', () => {
    for (const item of bank.items.filter((i) => !i.row.multipleAnswers)) {
      expect(
        item.options.filter((o) => o.isCorrect),
        item.at,
      ).toHaveLength(1)
    }
  })

  it('tags at least two distractors of every item with a misconception that exists', () => {
    const slugs = new Set(bank.misconceptions.map((m) => m.row.slug))
    for (const item of bank.items) {
      const tagged = item.options.filter((o) => !o.isCorrect && o.misconceptions.length > 0)
      expect(tagged.length, item.at).toBeGreaterThanOrEqual(2)
      for (const slug of tagged.flatMap((o) => o.misconceptions))
        expect(slugs.has(slug), `${item.at}: ${slug}`).toBe(true)
    }
  })

  it('has no duplicate ids or slugs', () => {
    const ids = bank.items.map((i) => i.row.id)
    expect(new Set(ids).size).toBe(ids.length)
    const slugs = bank.misconceptions.map((m) => m.row.slug)
    expect(new Set(slugs).size).toBe(slugs.length)
  })

  it('diagnoses every misconception with at least one item', () => {
    const used = new Set(bank.items.flatMap((i) => i.options.flatMap((o) => o.misconceptions)))
    expect(bank.misconceptions.filter((m) => !used.has(m.row.slug)).map((m) => m.at)).toEqual([])
  })

  it('covers every KS2–KS3 strand', () => {
    const topicStrand = new Map(bank.taxonomy.topics.map((t) => [t.slug, t.strandSlug]))
    const strands = new Set(bank.items.map((i) => topicStrand.get(i.row.topicSlug)))
    expect([...strands].sort()).toEqual(bank.taxonomy.strands.map((s) => s.slug).sort())
  })

  it('includes the perimeter/area pair: a rectangle whose area is a tagged wrong option, and the 4×4 square', () => {
    const rectangle = bank.items.find((i) => i.row.id === 'perimeter-of-a-3-by-5-rectangle')
    const area = rectangle?.options.find((o) => o.textSource.includes('15'))
    expect(area?.isCorrect).toBe(false)
    expect(area?.misconceptions).toContain('confuses-perimeter-and-area')
    expect(bank.items.some((i) => i.row.id === 'perimeter-of-a-4-by-4-square')).toBe(true)
  })

  it('keeps the 4×4 square for discussion, with a diagnostic 5 cm twin whose area differs', () => {
    const square = bank.items.find((i) => i.row.id === 'perimeter-of-a-4-by-4-square')
    expect(square?.row.purpose).toBe('discussion')
    const twin = bank.items.find((i) => i.row.id === 'perimeter-of-a-5-by-5-square')
    expect(twin?.row.purpose).toBe('diagnostic')
    expect(twin?.options.find((o) => o.isCorrect)?.textSource).toContain('20')
    const area = twin?.options.find((o) => o.textSource.includes('25'))
    expect(area?.misconceptions).toEqual(['confuses-perimeter-and-area'])
  })
})
