/**
 * How evidence is shown wherever it appears: an option distribution (live reveal, item page,
 * a post's counts) and prevalence by year group. Each is an SVG chart with a table beside it.
 */
import type { ItemStatistics, PrevalenceRow } from '../evidence/statistics.queries.ts'
import { BarChart, DataTable, percent } from './charts.tsx'
import { Html } from './layout.tsx'

export interface OptionFigure {
  label: string
  textHtml: string
  correct: boolean
  misconceptions: { slug: string; title: string }[]
  chose: number
  classes?: number
}

/** Per option: the share choosing it, the option's text and the misconception behind it. */
export function Distribution({
  id,
  title,
  options,
  pupils,
}: {
  id: string
  title: string
  options: OptionFigure[]
  pupils: number
}) {
  const share = (n: number) => (pupils > 0 ? n / pupils : 0)
  const description = options
    .map(
      (o) =>
        `${o.label}: ${percent(share(o.chose))} (${o.chose} of ${pupils})${o.correct ? ', correct' : o.misconceptions.length ? `, ${o.misconceptions.map((m) => m.title).join('; ')}` : ''}`,
    )
    .join('. ')
  const withClasses = options.some((o) => o.classes !== undefined)
  return (
    <figure class="evidence">
      <BarChart
        id={id}
        title={title}
        description={description}
        bars={options.map((o) => ({
          label: o.label,
          share: share(o.chose),
          detail: `${o.chose} of ${pupils}`,
          highlight: o.correct ? 'good' : undefined,
        }))}
      />
      <figcaption>
        <DataTable
          caption={title}
          head={[
            'Option',
            'Answer',
            'Pupils',
            'Share',
            ...(withClasses ? ['Classes'] : []),
            'What choosing it suggests',
          ]}
          rows={options.map((o) => [
            o.label,
            <Html tag="span" html={o.textHtml} />,
            String(o.chose),
            percent(share(o.chose)),
            ...(withClasses ? [String(o.classes ?? 0)] : []),
            o.correct ? (
              <span class="verdict-correct">Correct</span>
            ) : o.misconceptions.length > 0 ? (
              <>
                {o.misconceptions.map((m, i) => (
                  <>
                    {i > 0 && '; '}
                    <a href={`/misconceptions/${m.slug}`}>{m.title}</a>
                  </>
                ))}
              </>
            ) : (
              '—'
            ),
          ])}
        />
      </figcaption>
    </figure>
  )
}

const SCOPE_NAMES = { bank: 'All classes in the bank', mine: 'My classes', workgroup: 'Workgroup' }

export function StatisticsView({
  stats,
  id,
  heading,
}: {
  stats: ItemStatistics
  id: string
  heading?: string
}) {
  const name = heading ?? SCOPE_NAMES[stats.scope]
  if (!stats.shown || !stats.totals)
    return (
      <p class="muted">
        {name}:{' '}
        {stats.scope === 'bank'
          ? `not shown until at least ${stats.threshold.classes} classes from ${stats.threshold.teachers} teachers have answered.`
          : 'no tallies yet.'}
      </p>
    )
  const t = stats.totals
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{name}</h3>
      <p>
        {t.pupils} answers from {t.classes} {t.classes === 1 ? 'class' : 'classes'} · facility{' '}
        {percent(t.facility)} (share choosing the correct answer)
      </p>
      <Distribution
        id={id}
        title={`${name}: share of pupils choosing each option`}
        options={stats.options}
        pupils={t.pupils}
      />
    </section>
  )
}

/** Prevalence rows (one misconception or several) by year group, as a chart and a table. */
export function PrevalenceView({
  id,
  title,
  rows,
  showName,
}: {
  id: string
  title: string
  rows: PrevalenceRow[]
  showName: boolean
}) {
  if (rows.length === 0) return <p class="muted">{title}: no figures yet.</p>
  const label = (r: PrevalenceRow) => (showName ? `${r.title}, Year ${r.year}` : `Year ${r.year}`)
  return (
    <figure class="evidence">
      <BarChart
        id={id}
        title={title}
        description={rows
          .map(
            (r) =>
              `${label(r)}: ${percent(r.share)} (${r.chose} of ${r.answers} answers, ${r.classes} classes)`,
          )
          .join('. ')}
        bars={rows.map((r, i) => ({
          label: showName ? String(i + 1) : `Y${r.year}`,
          share: r.share,
          detail: `${r.chose} of ${r.answers}`,
          highlight: 'bad',
        }))}
      />
      <figcaption>
        <DataTable
          caption={title}
          head={[
            showName ? 'Misconception, year' : 'Year group',
            'Answers',
            'Chose it',
            'Share',
            'Classes',
          ]}
          rows={rows.map((r, i) => [
            showName ? (
              <>
                {i + 1}. <a href={`/misconceptions/${r.slug}`}>{label(r)}</a>
              </>
            ) : (
              label(r)
            ),
            String(r.answers),
            String(r.chose),
            percent(r.share),
            String(r.classes),
          ])}
        />
      </figcaption>
    </figure>
  )
}
