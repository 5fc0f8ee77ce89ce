import { describe, expect, it } from 'vitest'
import { SearchIndex } from '../../src/search/engine.ts'
import { decodeIndex, encodeIndex } from '../../src/search/index-codec.ts'
import { editDistance } from '../../src/search/spelling.ts'
import { textTerms } from '../../src/terms/terms.ts'
import type { SearchSource } from '../../src/search/build-index.ts'

const item = (
  id: string,
  construct: string,
  stem: string,
  extra: Partial<SearchSource['items'][0]> = {},
) => ({
  id,
  construct,
  stem,
  topic: 'fraction-arithmetic',
  years: [5, 6],
  optionTexts: [],
  misconceptions: [],
  ...extra,
})

const source: SearchSource = {
  topics: [
    {
      slug: 'fraction-arithmetic',
      name: 'Fraction arithmetic',
      strandSlug: 'fdp',
      strandName: 'Fractions',
    },
    { slug: 'perimeter', name: 'Perimeter', strandSlug: 'measurement', strandName: 'Measurement' },
  ],
  items: [
    item('add-halves', 'Add two fractions', 'Work out $\\frac{1}{2} + \\frac{1}{4}$', {
      misconceptions: ['adds-tops'],
    }),
    item(
      'multiply-fractions',
      'Multiply fractions',
      'Work out $\\frac{1}{2} \\times \\frac{1}{3}$',
    ),
    item('perimeter-of-a-4-by-4-square', 'Perimeter of a square', 'A square has sides of 4 cm', {
      topic: 'perimeter',
      years: [3],
    }),
  ],
  misconceptions: [
    {
      slug: 'adds-tops',
      title: 'Adds numerators and denominators',
      description: 'Adds the tops',
      topic: 'fraction-arithmetic',
    },
  ],
}

describe('index terms', () => {
  it('stems word forms alike, keeping "times" apart from "time"', () => {
    expect(textTerms('adding')).toEqual(textTerms('add'))
    expect(textTerms('adds')).toEqual(textTerms('add'))
    expect(textTerms('simplifying')).toEqual(textTerms('simplify'))
    expect(textTerms('factorize')).toEqual(textTerms('factorising'))
    expect(textTerms('times')).not.toEqual(textTerms('time'))
    expect(textTerms('multiplies')).toEqual(textTerms('multiplying'))
  })

  it('reads "3-D", "3 D" and "3D" as one word', () => {
    expect(textTerms('3-D shapes')).toEqual(textTerms('3D shapes'))
    expect(textTerms('3 d')).toEqual(['3d'])
  })

  it('keeps the maths normalisation and adds a compound for a dimension', () => {
    expect(textTerms('½')).toEqual(['1/2'])
    expect(textTerms('4x4')).toEqual(['4', 'times', '4x4', '4'])
    expect(textTerms('4 × 4')).toEqual(textTerms('4x4'))
  })
})

describe('SearchIndex', () => {
  const index = SearchIndex.build(source, 'v1')

  it('ranks a document with every query term above one with some', () => {
    const { hits } = index.search('adding fractions', {})
    expect(hits[0]?.ref).toBe('add-halves')
  })

  it('reads "year 3" and "KS1" as a preference for those year groups, not as words', () => {
    expect(index.search('year 3 square', {}).hits[0]?.ref).toBe('perimeter-of-a-4-by-4-square')
    expect(index.search('fractions ks2', {}).total).toBe(index.search('fractions', {}).total)
    expect(index.search('year 3', {}).hits.map((h) => h.ref)).toEqual([
      'perimeter-of-a-4-by-4-square',
    ])
  })

  it('counts facets over every hit and filters by year', () => {
    const all = index.search('fractions', {})
    expect(all.facets.kind).toEqual({ item: 2, misconception: 1 })
    const year3 = index.search('square', { year: 3 })
    expect(year3.hits.map((h) => h.ref)).toEqual(['perimeter-of-a-4-by-4-square'])
  })

  it('suggests a correction by sound and returns its results when nothing matched', () => {
    const result = index.search('fracshuns', {})
    expect(result.didYouMean).toBe('fractions')
    expect(result.corrected).toBe(true)
    expect(result.total).toBeGreaterThan(0)
  })

  it('pages through hits without repeating one', () => {
    const first = index.search('', {}, 0, 2).hits.map((h) => h.ref)
    const second = index.search('', {}, 2, 2).hits.map((h) => h.ref)
    expect(first).toHaveLength(2)
    expect(second.some((r) => first.includes(r))).toBe(false)
  })

  it('survives being stored and loaded: the same answers from the decoded bytes', () => {
    const bytes = encodeIndex(index.indexData)
    const loaded = new SearchIndex(decodeIndex(bytes)!)
    for (const q of ['adding fractions', '4x4', 'perimiter', '', 'fracshuns']) {
      expect(loaded.search(q, {})).toEqual(index.search(q, {}))
    }
    expect(loaded.similar('add-halves', 5)).toEqual(index.similar('add-halves', 5))
  })

  it('refuses bytes of another format rather than misreading them', () => {
    expect(decodeIndex(new Uint8Array(16))).toBeNull()
  })
})

describe('editDistance', () => {
  it('counts a swap of two letters as one edit and stops past the limit', () => {
    expect(editDistance('perimiter', 'perimeter', 2)).toBe(1)
    expect(editDistance('fractoin', 'fraction', 2)).toBe(1)
    expect(editDistance('abc', 'xyz', 1)).toBe(2)
  })
})
