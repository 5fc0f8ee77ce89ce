/**
 * Hostile posts: script injection through Markdown and through KaTeX, and TeX written to make
 * the renderer work forever. Each is posted through the API; the stored HTML (in D1) and the
 * served HTML (thread, revisions, feed) must be inert, and no payload may cause a 500 or a hang.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { established, MISCONCEPTION, startThread, workgroup } from './fixtures.ts'
import { send } from './helpers.ts'

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r="5"/></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![img](javascript:alert(1))',
  '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<javascript:alert(1)>',
  '<https://example.org/ok> and <mailto:a@b.test>',
  '[x]: javascript:alert(1)\n\n[ref][x]',
  '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;',
  '$\\href{javascript:alert(1)}{click}$',
  '$\\url{javascript:alert(1)}$',
  '$\\htmlClass{x" onmouseover="alert(1)}{y}$',
  '$\\htmlStyle{background:url(javascript:alert(1))}{y}$',
  '$\\htmlData{onclick=alert(1)}{y}$',
  '$\\includegraphics{javascript:alert(1)}$',
  '$\\def\\a{\\a\\a}\\a$',
  '$\\def\\a#1{#1#1}\\a{\\a{\\a{\\a{\\a{\\a{\\a{\\a{\\a{\\a{x}}}}}}}}}}$',
  '$\\gdef\\b{\\b x}\\b$',
  `$${'{'.repeat(3000)}x${'}'.repeat(3000)}$`,
  '$\\rule{100000em}{100000em}$',
  '$\\kern{99999em}x$',
  '$\\text{<script>alert(1)</script>}$',
  '<a href="javascript:alert(1)">raw link</a>',
  '`<script>` in code is fine',
  '<style>body{display:none}</style>',
]

// Browsers decode character references in attributes, so check what they would see.
const decode = (html: string) =>
  html
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')

function expectInert(html: string) {
  expect(decode(html).replace(/\s+/g, '')).not.toMatch(/(href|src)="?(javascript|vbscript|data):/i)
  expect(html).not.toMatch(/<script/i)
  expect(html).not.toMatch(/<(iframe|object|embed|style|svg[^>]*onload)/i)
  expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i)
  expect(html).not.toMatch(/(href|src)\s*=\s*"?\s*(javascript|vbscript|data):/i)
}

describe('hostile posts', () => {
  it('are stored and served without script, event handlers or dangerous URLs; TeX bombs are a 400', async () => {
    const lead = await established('Lee')
    const wg = await workgroup(lead)
    const { threadId } = await startThread(lead, {
      workgroupId: wg,
      targetKind: 'misconception',
      targetId: MISCONCEPTION,
    })
    const outcomes: Record<string, number> = {}
    for (const payload of PAYLOADS) {
      const started = Date.now()
      const res = await send(lead, 'POST', `/api/threads/${threadId}/posts`, {
        kind: 'idea',
        body: payload,
      })
      expect(Date.now() - started, payload).toBeLessThan(5000)
      expect([201, 400], payload).toContain(res.status)
      outcomes[payload] = res.status
      expect(res.headers.get('content-type')).toMatch(/json/)
      const body = (await res.json()) as {
        body?: { html: string }
        errors?: { field: string }[]
      }
      if (res.status === 400) expect(body.errors?.[0]?.field).toBe('body')
      else expectInert(body.body?.html ?? '')
    }
    // Macro bombs are refused rather than expanded.
    expect(outcomes['$\\def\\a{\\a\\a}\\a$']).toBe(400)
    expect(outcomes['$\\gdef\\b{\\b x}\\b$']).toBe(400)
    // Ordinary text that merely looks alarming is still accepted.
    expect(outcomes['`<script>` in code is fine']).toBe(201)

    const stored = await env.DB.prepare(
      'SELECT p.body_html AS html FROM posts p WHERE p.thread_id = ? UNION ALL SELECT r.body_html FROM post_revisions r JOIN posts p ON p.id = r.post_id WHERE p.thread_id = ?',
    )
      .bind(threadId, threadId)
      .all<{ html: string }>()
    expect(stored.results.length).toBeGreaterThan(PAYLOADS.length / 2)
    for (const { html } of stored.results) expectInert(html)

    const served = await send(lead, 'GET', `/api/threads/${threadId}/posts?limit=50`)
    expect(served.status).toBe(200)
    const page = (await served.json()) as { data: { body: { html: string } | null }[] }
    for (const post of page.data) expectInert(post.body?.html ?? '')
    const feed = (await (await send(lead, 'GET', '/api/feeds/workgroups?limit=50')).json()) as {
      data: { body: { html: string } | null }[]
    }
    expect(feed.data.length).toBeGreaterThan(PAYLOADS.length / 2)
    for (const post of feed.data) expectInert(post.body?.html ?? '')
  })

  it('are escaped when quoted', async () => {
    const tess = await established('Tess')
    const { threadId, firstPost } = await startThread(tess, {
      body: 'Look: `<img src=x onerror=alert(1)>` and <b>bold</b>',
    })
    const res = await send(tess, 'POST', `/api/threads/${threadId}/posts`, {
      kind: 'challenge',
      body: 'Quoting',
      quoteId: firstPost.id,
    })
    const post = (await res.json()) as { quote: { excerptHtml: string } }
    expectInert(post.quote.excerptHtml)
    expect(post.quote.excerptHtml).toContain('&#60;img')
  })
})
