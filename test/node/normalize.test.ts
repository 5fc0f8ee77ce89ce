/** Search normalisation: maths notation, number words and word forms map to the same indexed terms. */
import { describe, expect, it } from 'vitest'
import { processTerm, tokenize } from '../../src/terms/normalize.ts'

const terms = (text: string) => tokenize(text).map(processTerm).filter(Boolean)

describe('search normalisation', () => {
  it('makes ×, x between numbers, * and "times" one word', () => {
    for (const text of [
      '4x4',
      '4 x 4',
      '4 × 4',
      '4*4',
      '4 times 4',
      '$4 \\times 4$',
      '4 multiplied by 4',
    ]) {
      expect(terms(text)).toEqual(['4', 'times', '4'])
    }
  })

  it('makes ½, 1/2, \\frac{1}{2} and "a half" one term', () => {
    for (const text of [
      '½',
      '1/2',
      '1 / 2',
      '\\frac{1}{2}',
      '$\\dfrac{1}{2}$',
      'a half',
      'one half',
    ]) {
      expect(terms(text)).toEqual(['1/2'])
    }
  })

  it('reads TeX commands as what they mean, not as backslashes', () => {
    expect(terms('$3\\text{ cm}$')).toEqual(['3', 'cm'])
    expect(terms('$x^2$')).toEqual(['x', 'squared'])
    expect(terms('$50\\%$')).toEqual(['50', 'percent'])
    expect(terms('\\sqrt{16}')).toEqual(['square', 'root', '16'])
  })

  it('folds plurals and drops stop-words', () => {
    expect(terms('the pupils confuse fractions and decimals')).toEqual([
      'confuse',
      'fraction',
      'decimal',
    ])
    expect(terms('percentages')).toEqual(['percent'])
  })

  it('keeps decimals whole and leaves algebra alone', () => {
    expect(terms('0.25 or 0.4')).toEqual(['0.25', '0.4'])
    expect(terms('2x + 3')).toEqual(['2x', '3'])
  })

  it('survives emoji, control characters and lone TeX', () => {
    expect(terms('🙂🙂')).toEqual([])
    expect(terms('\\frac')).toEqual([])
    expect(terms('area\u0000\u0007perimeter')).toEqual(['area', 'perimeter'])
  })
})
