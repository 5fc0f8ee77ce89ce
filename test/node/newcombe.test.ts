/**
 * Newcombe's hybrid score interval (method 10) against the worked examples of Table II in
 * Newcombe (1998), Statistics in Medicine 17, 873–890: 95% limits to four decimal places.
 */
import { describe, expect, it } from 'vitest'
import { newcombeDifference, wilsonInterval } from '../../src/evidence/newcombe.ts'

const TABLE_II: [k1: number, n1: number, k2: number, n2: number, lower: number, upper: number][] = [
  [56, 70, 48, 80, 0.0524, 0.3339],
  [9, 10, 3, 10, 0.1705, 0.809],
  [6, 7, 2, 7, 0.0582, 0.8062],
  [5, 56, 0, 29, -0.0381, 0.1926],
  [0, 10, 0, 20, -0.1611, 0.2775],
  [0, 10, 0, 10, -0.2775, 0.2775],
  [10, 10, 0, 20, 0.6791, 1],
  [10, 10, 0, 10, 0.6075, 1],
]

describe('newcombeDifference', () => {
  it.each(TABLE_II)('%i/%i − %i/%i gives %f to %f', (k1, n1, k2, n2, lower, upper) => {
    const interval = newcombeDifference(k1, n1, k2, n2)
    expect(interval.difference).toBeCloseTo(k1 / n1 - k2 / n2, 10)
    expect(interval.lower).toBeCloseTo(lower, 4)
    expect(interval.upper).toBeCloseTo(upper, 4)
  })

  it('is asymmetric near a boundary and never leaves [-1, 1]', () => {
    const { lower, upper, difference } = newcombeDifference(10, 10, 0, 20)
    expect(upper).toBeLessThanOrEqual(1)
    expect(difference - lower).toBeGreaterThan(upper - difference)
  })
})

describe('wilsonInterval', () => {
  it('matches the single-proportion example 81/263 (0.2553 to 0.3662)', () => {
    const { lower, upper } = wilsonInterval(81, 263)
    expect(lower).toBeCloseTo(0.2553, 4)
    expect(upper).toBeCloseTo(0.3662, 4)
  })

  it('refuses an empty sample rather than inventing an interval', () => {
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError)
  })
})
