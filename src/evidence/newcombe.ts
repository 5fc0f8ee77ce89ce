/**
 * Intervals for proportions. Wilson's score interval for one proportion, and Newcombe's hybrid
 * score interval for the difference of two independent proportions (method 10 of Newcombe 1998,
 * "Interval estimation for the difference between independent proportions: comparison of eleven
 * methods", Statistics in Medicine 17, 873–890). Pure functions; checked against the paper's
 * worked examples in test/node/newcombe.test.ts.
 */

/** The standard normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959963984540054

export interface Interval {
  lower: number
  upper: number
}

/** Wilson's score interval (no continuity correction) for k successes out of n. */
export function wilsonInterval(k: number, n: number, z = Z95): Interval {
  if (!(n > 0) || k < 0 || k > n) throw new RangeError(`need 0 ≤ k ≤ n and n > 0 (k=${k}, n=${n})`)
  const p = k / n
  const z2 = z * z
  const centre = 2 * n * p + z2
  const spread = z * Math.sqrt(z2 + 4 * n * p * (1 - p))
  const denominator = 2 * (n + z2)
  return {
    lower: k === 0 ? 0 : (centre - spread) / denominator,
    upper: k === n ? 1 : (centre + spread) / denominator,
  }
}

export interface Difference extends Interval {
  /** p1 − p2 */
  difference: number
}

/**
 * Newcombe's hybrid score interval for p1 − p2 = k1/n1 − k2/n2, the two samples treated as
 * independent: each limit combines the distances from each proportion to its Wilson limits.
 */
export function newcombeDifference(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  z = Z95,
): Difference {
  const p1 = k1 / n1
  const p2 = k2 / n2
  const a = wilsonInterval(k1, n1, z)
  const b = wilsonInterval(k2, n2, z)
  const difference = p1 - p2
  return {
    difference,
    lower: difference - Math.sqrt((p1 - a.lower) ** 2 + (b.upper - p2) ** 2),
    upper: difference + Math.sqrt((a.upper - p1) ** 2 + (p2 - b.lower) ** 2),
  }
}
