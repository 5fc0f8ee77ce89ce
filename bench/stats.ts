/** Latency summaries and the number formats the report uses. */

export interface Summary {
  count: number
  p50: number
  p99: number
  mean: number
}

/** Nearest-rank percentile: always a latency that was actually observed. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const mean = sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length)
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean }
}

export const median = (values: number[]) => summarize(values).p50

/** Milliseconds with enough digits to compare sub-millisecond and multi-second figures. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–'
  if (value < 1) return `${value.toFixed(2)} ms`
  if (value < 100) return `${value.toFixed(1)} ms`
  return `${Math.round(value).toLocaleString('en-GB')} ms`
}

export const MB = 1024 * 1024
export const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`
export const count = (n: number) => Math.round(n).toLocaleString('en-GB')
export const percent = (ratio: number) => `${Math.round(ratio * 100)}%`
/** 2000 → "2k", 50000 → "50k". */
export const size = (items: number) => (items >= 1000 ? `${items / 1000}k` : String(items))
