/** The home page and search: strands and topics, recently discussed items, results with facets and highlights. Each reads through the same query functions as the API. */
import { Hono, type Context } from 'hono'
import { getItemSummaries, listItems } from '../items/items.queries.ts'
import type { AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { misconceptionTitles } from '../misconceptions/misconceptions.queries.ts'
import { searchBank, searchOptions } from '../search/search-bank.ts'
import type { SearchFilters } from '../search/engine.ts'
import { getTaxonomy } from '../taxonomy/taxonomy.queries.ts'
import { Html, Layout, SearchForm } from './layout.tsx'
import { recentlyDiscussedItemIds } from '../discussions/feeds.queries.ts'
import { getList } from '../lists/lists.queries.ts'
import { AddToListButton } from './list-view.tsx'

const PAGE_SIZE = 20

export const searchPages = new Hono<AppEnv>()

searchPages.get('/', async (c) => {
  const db = getDb(c.env.DB)
  const [strands, discussed] = await Promise.all([getTaxonomy(db), recentlyDiscussedItemIds(db, 6)])
  // Until anything is discussed, show the newest items instead.
  const recent =
    discussed.length > 0
      ? await getItemSummaries(db, discussed)
      : await listItems(db, {}, { limit: 6 })
  return c.html(
    <Layout title="Home" user={c.get('user')}>
      <h1>Find diagnostic questions your class will learn from</h1>
      <p class="muted">
        Every wrong answer is the answer a pupil with one specific misconception would give. Search
        in your own words.
      </p>
      <SearchForm id="home-search" class="card" placeholder="e.g. confuses area and perimeter" />
      <h2>Browse by strand and topic</h2>
      <div class="strands">
        {strands.map((strand) => (
          <section class="card" aria-labelledby={`strand-${strand.slug}`}>
            <h3 id={`strand-${strand.slug}`}>
              <a href={`/search?strand=${strand.slug}`}>{strand.name}</a>{' '}
              <span class="muted">({strand.itemCount})</span>
            </h3>
            <ul>
              {strand.topics.map((topic) => (
                <li>
                  <a href={`/search?topic=${topic.slug}`}>{topic.name}</a>{' '}
                  <span class="muted">({topic.itemCount})</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <h2>{discussed.length > 0 ? 'Recently discussed items' : 'New in the bank'}</h2>
      <ul class="results">
        {recent.slice(0, 6).map((item) => (
          <li class="card">
            <a href={`/items/${item.id}`}>{item.construct}</a>
            <Html html={item.stem.html} />
          </li>
        ))}
      </ul>
    </Layout>,
  )
})

const FACETS: { key: keyof SearchFilters; label: string }[] = [
  { key: 'kind', label: 'Kind' },
  { key: 'strand', label: 'Strand' },
  { key: 'topic', label: 'Topic' },
  { key: 'year', label: 'Year group' },
  { key: 'misconception', label: 'Misconception' },
]

function searchFilters(c: Context<AppEnv>): SearchFilters {
  const value = (key: string) => c.req.query(key)?.trim() || undefined
  const kind = value('kind')
  const year = value('year')
  return {
    kind: kind === 'item' || kind === 'misconception' ? kind : undefined,
    strand: value('strand'),
    topic: value('topic'),
    year: year && /^\d{1,2}$/.test(year) ? Number(year) : undefined,
    misconception: value('misconception'),
  }
}

searchPages.get('/search', async (c) => {
  const db = getDb(c.env.DB)
  const q = (c.req.query('q') ?? '').slice(0, 500).replace(/\p{Cc}/gu, ' ')
  const filters = searchFilters(c)
  const added = /^[a-z0-9-]{1,80}$/.test(c.req.query('added') ?? '')
  const offset = Math.max(0, Math.min(Number(c.req.query('from')) || 0, 10_000))
  const [results, strands] = await Promise.all([
    searchBank(db, c.env.DB, q, filters, offset, PAGE_SIZE, searchOptions(c.env)),
    getTaxonomy(db),
  ])
  const { total, hits: page, facets, didYouMean, corrected } = results
  const names = new Map<string, string>([
    ['item', 'Items'],
    ['misconception', 'Misconceptions'],
  ])
  for (const strand of strands) {
    names.set(strand.slug, strand.name)
    for (const topic of strand.topics) names.set(topic.slug, topic.name)
  }
  const topMisconceptions = Object.entries(facets.misconception)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
  for (const [slug, title] of await misconceptionTitles(
    db,
    topMisconceptions.map(([slug]) => slug),
  ))
    names.set(slug, title)
  const link = (changes: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams()
    const all = { q: q || undefined, ...filters, ...changes }
    for (const [key, value] of Object.entries(all))
      if (value !== undefined && value !== '') params.set(key, String(value))
    return `/search?${params}`
  }
  const heading = q ? `Results for “${q}”` : 'Browse the bank'
  const user = c.get('user')
  const onList = new Set(user ? (await getList(db, user.id)).items.map((i) => i.id) : [])
  const here = link({ from: offset || undefined })
  return c.html(
    <Layout title={heading} user={user} query={q} skipToResults>
      <h1>{heading}</h1>
      <p class="muted" aria-live="polite" id="result-count">
        {total} {total === 1 ? 'result' : 'results'}
        {corrected && didYouMean && ` for “${didYouMean}”`}
      </p>
      {didYouMean && !corrected && (
        <p>
          Did you mean <a href={link({ q: didYouMean })}>{didYouMean}</a>?
        </p>
      )}
      {added && (
        <p role="status" class="card">
          Added to <a href="/list">your list</a>.
        </p>
      )}
      <div class="layout-search">
        <div class="search-results">
          <ol class="results" id="results" tabindex={-1} aria-label="Results">
            {page.map((hit) => (
              <li class="card">
                <span class="kind muted">{hit.kind === 'item' ? 'Item' : 'Misconception'}</span>
                <h2 style="margin:0.2rem 0">
                  <a
                    href={hit.kind === 'item' ? `/items/${hit.ref}` : `/misconceptions/${hit.ref}`}
                  >
                    <Html tag="span" html={hit.titleHtml} />
                  </a>
                </h2>
                <p>
                  <Html tag="span" html={hit.snippetHtml} />
                </p>
                <p class="muted">
                  {names.get(hit.topic) ?? hit.topic}
                  {hit.years.length > 0 && ` · Years ${hit.years.join(', ')}`}
                </p>
                {hit.kind === 'item' && (
                  <AddToListButton itemId={hit.ref} onList={onList.has(hit.ref)} back={here} />
                )}
              </li>
            ))}
          </ol>
          {total === 0 && (
            <p>Nothing matched. Try fewer words, or browse a strand from the home page.</p>
          )}
          <nav aria-label="Pages" class="no-print">
            {offset > 0 && <a href={link({ from: Math.max(0, offset - PAGE_SIZE) })}>← Previous</a>}{' '}
            {offset + PAGE_SIZE < total && <a href={link({ from: offset + PAGE_SIZE })}>Next →</a>}
            {page.length > 0 && (
              <>
                {' · '}
                <a
                  href={`/print?items=${page
                    .filter((h) => h.kind === 'item')
                    .slice(0, 20)
                    .map((h) => h.ref)
                    .join(',')}`}
                >
                  Print these items
                </a>
              </>
            )}
          </nav>
        </div>
        <nav class="facets" aria-label="Filters">
          {FACETS.map(({ key, label }) => {
            const entries = (
              key === 'misconception'
                ? topMisconceptions
                : Object.entries(facets[key]).sort((a, b) =>
                    key === 'year' ? Number(a[0]) - Number(b[0]) : b[1] - a[1],
                  )
            ).slice(0, 12)
            if (entries.length === 0 && filters[key] === undefined) return null
            return (
              <section>
                <h2>{label}</h2>
                <ul>
                  {filters[key] !== undefined && (
                    <li>
                      <a href={link({ [key]: undefined })}>× Any {label.toLowerCase()}</a>
                    </li>
                  )}
                  {entries.map(([value, count]) => (
                    <li>
                      <a
                        href={link({ [key]: value })}
                        aria-current={String(filters[key]) === value ? 'true' : undefined}
                      >
                        {key === 'year' ? `Year ${value}` : (names.get(value) ?? value)}
                      </a>{' '}
                      <span class="muted">({count})</span>
                    </li>
                  ))}
                </ul>
              </section>
            )
          })}
        </nav>
      </div>
    </Layout>,
  )
})
