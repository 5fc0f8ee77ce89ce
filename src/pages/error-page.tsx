/** Not-found and error pages in the same style as the rest, for people in a browser. */
import type { PageErrorRenderer } from '../lib/create-app.ts'
import { Layout } from './layout.tsx'

const HEADINGS: Record<number, string> = {
  400: 'That request did not make sense',
  401: 'Please sign in',
  403: 'You cannot do that',
  404: 'We could not find that page',
  405: 'That is not something this page does',
  413: 'That was too large',
  429: 'Too many attempts',
  500: 'Something went wrong on our side',
}

/** Where to come back to after signing in: this page, or for a form post the page it was on. */
function returnPath(c: Parameters<PageErrorRenderer>[0]): string {
  const url = new URL(c.req.url)
  if (c.req.method === 'GET') return url.pathname + url.search
  const referer = c.req.header('referer')
  const from = referer ? new URL(referer, url) : null
  return from && from.origin === url.origin ? from.pathname + from.search : '/'
}

export const renderPageError: PageErrorRenderer = async (c, error) => {
  // Pages that need a signed-in teacher send others to sign in first, then back.
  if (error.status === 401)
    return c.redirect(`/signin?next=${encodeURIComponent(returnPath(c))}`, 303)
  const res = await c.html(
    <Layout title={HEADINGS[error.status] ?? 'Error'} user={c.get('user') ?? null} maths={false}>
      <h1>{HEADINGS[error.status] ?? 'Error'}</h1>
      <p>{error.message}</p>
      <p>
        <a href="/">Go to the home page</a> or <a href="/search">browse the bank</a>.
      </p>
    </Layout>,
    error.status,
  )
  for (const [name, value] of Object.entries(error.headers ?? {})) res.headers.set(name, value)
  return res
}
