/**
 * Charts drawn on the server as plain SVG: a title and a description inside the SVG for screen
 * readers, and the same figures in a table beside it. No client chart library; they print.
 */
import type { Child } from 'hono/jsx'

export interface Bar {
  /** Short label drawn on the axis: an option letter, a year group. */
  label: string
  /** 0–1 */
  share: number
  /** Said after the percentage, e.g. "12 of 30". */
  detail: string
  highlight?: 'good' | 'bad'
}

const percent = (share: number) => `${Math.round(share * 100)}%`

/** A horizontal bar chart: one bar per row, its percentage written at the bar's end. */
export function BarChart({
  id,
  title,
  description,
  bars,
}: {
  id: string
  title: string
  description: string
  bars: Bar[]
}) {
  const rowHeight = 34
  const height = bars.length * rowHeight + 10
  return (
    <svg
      class="chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 420 ${height}`}
      width="100%"
      style="max-width:42rem"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {bars.map((bar, i) => {
        const y = i * rowHeight + 5
        const width = Math.max(2, bar.share * 300)
        const fill =
          bar.highlight === 'good' ? '#1b6b3a' : bar.highlight === 'bad' ? '#9b2c2c' : '#1f5fa8'
        return (
          <g>
            <text x="0" y={y + 20} font-size="15" font-weight="700" fill="#1d2330">
              {bar.label}
            </text>
            <rect x="48" y={y + 4} width={width} height="22" rx="3" fill={fill} />
            <text x={54 + width} y={y + 20} font-size="14" fill="#1d2330">
              {percent(bar.share)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

/** The figures of a chart as a table: a caption, a header row and one row per bar. */
export function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string
  head: string[]
  rows: Child[][]
}) {
  return (
    <table>
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>{row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}</tr>
        ))}
      </tbody>
    </table>
  )
}

export { percent }
