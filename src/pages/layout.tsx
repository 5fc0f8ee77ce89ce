/** The page shell every page shares: landmarks, skip link, header with search, footer. */
import type { Child } from 'hono/jsx'
import type { CurrentUser } from '../lib/context.ts'

export interface PageProps {
  title: string
  user: CurrentUser | null
  children: Child
  /** Search box contents, so the query stays visible on the results page. */
  query?: string
  bodyClass?: string
  /** Results pages: a link right after the search box jumps past the filters to the results. */
  skipToResults?: boolean
  /** Pages that show maths load KaTeX's stylesheet (served from our own assets). */
  maths?: boolean
}

export function Layout({
  title,
  user,
  children,
  query,
  bodyClass,
  maths = true,
  skipToResults = false,
}: PageProps) {
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Misconception bank`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/styles.css" />
        {maths && <link rel="stylesheet" href="/katex/katex.min.css" />}
        <script src="/app.js" defer />
      </head>
      <body class={bodyClass} data-signed-in={user ? 'true' : undefined}>
        <a class="skip" href="#main">
          Skip to content
        </a>
        {bodyClass !== 'classroom' && (
          <header class="site">
            <div class="bar">
              <a class="brand" href="/">
                Misconception bank
              </a>
              <nav aria-label="Main">
                <ul>
                  <li>
                    <a href="/search">Browse</a>
                  </li>
                  <li>
                    <a href="/misconceptions">Misconceptions</a>
                  </li>
                  {user ? (
                    <>
                      <li>
                        <a href="/list">My list</a>
                      </li>
                      <li>
                        <a href="/classes">My classes</a>
                      </li>
                      <li>
                        <a href="/workgroups">My workgroups</a>
                      </li>
                      <li>
                        <a href="/account">Account</a>
                      </li>
                      <li>
                        <form method="post" action="/signout" class="inline">
                          <button class="secondary" type="submit">
                            Sign out {user.displayName}
                          </button>
                        </form>
                      </li>
                    </>
                  ) : (
                    <>
                      <li>
                        <a href="/list">My list</a>
                      </li>
                      <li>
                        <a href="/signin">Sign in</a>
                      </li>
                      <li>
                        <a href="/signup">Sign up</a>
                      </li>
                    </>
                  )}
                </ul>
              </nav>
              <SearchForm
                id="site-search"
                query={query}
                placeholder="Search: perimeter, ½ + ¼, BIDMAS…"
              />
              {skipToResults && (
                <a class="skip-results" href="#results">
                  Skip to results
                </a>
              )}
            </div>
          </header>
        )}
        <main id="main">{children}</main>
        {bodyClass !== 'classroom' && (
          <footer class="site">
            <div class="bar">
              Diagnostic questions whose wrong answers each reveal a misconception. Items are CC BY
              4.0 unless marked. <a href="/api/docs">API</a>
            </div>
          </footer>
        )}
      </body>
    </html>
  )
}

/** Stored HTML (rendered and sanitized when written) placed into the page as is. */
export function Html({
  html,
  tag = 'div',
  class: className,
}: {
  html: string
  tag?: 'div' | 'span'
  class?: string
}) {
  return tag === 'span' ? (
    <span class={className} dangerouslySetInnerHTML={{ __html: html }} />
  ) : (
    <div class={className} dangerouslySetInnerHTML={{ __html: html }} />
  )
}

/** The search box: in the header of every page, and larger on the home page. */
export function SearchForm(props: {
  id: string
  query?: string
  placeholder: string
  class?: string
}) {
  return (
    <form
      role="search"
      action="/search"
      method="get"
      class={`searchbar ${props.class ?? ''}`.trim()}
    >
      <label for={props.id} class="visually-hidden">
        Search items and misconceptions
      </label>
      <input
        id={props.id}
        type="search"
        name="q"
        value={props.query ?? ''}
        placeholder={props.placeholder}
      />
      <button type="submit">Search</button>
    </form>
  )
}
