/**
 * A hub's path through the product in a real browser: a site admin creates a hub and names two
 * curators by email; one curator writes an item with a server-rendered preview and sends it for
 * review; she cannot publish her own; the second curator reviews the diff and publishes it,
 * builds a set (search to add, reorder, notes), publishes v1 with its changelog and downloads its
 * exports; a CSV is imported into review after a dry run; a flagged post is hidden from the
 * moderation queue. Every page is checked with axe-core and screenshotted, some at phone width.
 */
import { execFileSync } from 'node:child_process'
import { type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkPage, launch } from './browser-session.ts'
import { linkSentTo } from './mail.ts'

const base = inject('baseUrl')

const run = Date.now().toString(36)
const hubSlug = `hub-${run}`
const itemId = `perimeter-of-an-l-shape-${run}`
const password = 'Kettle-orbit-7193-lantern'
const email = (who: string) => `${who}.${run}@school.test`

let browser: Browser
const consoleErrors: string[] = []
/** Errors the browser logs for a page's own status codes, which some steps expect. */
const expectedStatus = /Failed to load resource: the server responded with a status of (400|403)/

beforeAll(async () => {
  browser = await launch()
})

afterAll(async () => {
  await browser?.close()
})

async function newPage(viewport = { width: 1200, height: 900 }) {
  const page = await (await browser.newContext({ viewport })).newPage()
  page.on('console', (m) => {
    if (m.type() === 'error' && !expectedStatus.test(m.text()))
      consoleErrors.push(`${page.url()}: ${m.text()}`)
  })
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`))
  return page
}

/** Screenshot the page and fail on serious accessibility violations or console errors. */
async function check(page: Page, name: string) {
  await checkPage(page, `hub-${name}`, consoleErrors)
}

async function signUp(page: Page, name: string, who: string) {
  await page.goto(`${base}/signup`)
  await page.getByLabel('Display name').fill(name)
  await page.getByLabel('Email').fill(email(who))
  await page.getByLabel(/^Password/).fill(password)
  await page.getByRole('button', { name: 'Sign up' }).click()
  await page.getByText('Check your email').first().waitFor()
  await page.goto(await linkSentTo(email(who), '/signup/confirm'))
  await page.getByRole('button', { name: 'Make my account' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/signup'))
}

describe('a hub in the browser', () => {
  let admin: Page
  let ann: Page
  let ben: Page
  let setUrl = ''

  it('a site admin creates a hub and names two curators by email', async () => {
    admin = await newPage()
    ann = await newPage()
    ben = await newPage()
    await signUp(admin, 'Ada Admin', 'admin')
    await signUp(ann, 'Ann Curator', 'ann')
    await signUp(ben, 'Ben Curator', 'ben')
    // The first admin is made on the command line, as the README says.
    execFileSync('npm', ['run', 'admin:create', '--', '--email', email('admin')], {
      env: { ...process.env, ADMIN_PASSWORD: password },
      stdio: 'ignore',
    })
    await admin.goto(`${base}/hubs`)
    await check(admin, 'hubs')
    await admin.getByLabel('Name').fill(`Fenland Maths Hub ${run}`)
    await admin.getByLabel('Address').fill(hubSlug)
    await admin.getByRole('button', { name: 'Create hub' }).click()
    await admin.waitForURL(`${base}/hubs/${hubSlug}/curators?done=created`)
    for (const who of ['ann', 'ben']) {
      await admin.getByLabel('Their account’s email').fill(email(who))
      await admin.getByRole('button', { name: 'Add curator' }).click()
      await admin.waitForURL(/done=added/)
    }
    await expect(admin.locator('table').textContent()).resolves.toMatch(/Ann Curator[\s\S]*Ben/)
    await check(admin, 'curators')
    // The site's audit log, linked from the hubs page, records what the admin just did.
    await admin.goto(`${base}/hubs`)
    await admin.getByRole('link', { name: 'The site’s audit log' }).click()
    await expect(admin.locator('table').textContent()).resolves.toMatch(/hub created[\s\S]*/)
    await expect(admin.locator('table').textContent()).resolves.toContain('Ada Admin')
    await check(admin, 'site-audit')
    // Nobody else sees it.
    const refused = await ann.goto(`${base}/admin/audit`)
    expect(refused?.status()).toBe(403)
  })

  it('a curator writes an item and sees the maths rendered in the preview', async () => {
    await ann.goto(`${base}/hubs/${hubSlug}/dashboard`)
    await check(ann, 'dashboard-empty')
    await ann.getByRole('link', { name: 'Write an item' }).first().click()
    await ann.getByLabel('Item id').fill(itemId)
    await ann.getByLabel('Construct').fill('Calculate the perimeter of an L-shape')
    await ann.getByLabel('Topic').selectOption('perimeter')
    await ann.getByRole('checkbox', { name: '5', exact: true }).check()
    await ann.getByRole('checkbox', { name: '6', exact: true }).check()
    await ann
      .getByLabel('Question (stem)')
      .fill('An L-shape is made of two $2 \\times 3$ rectangles. What is its perimeter?')
    const options = [
      ['$16\\text{ cm}$', 'Adds every outside edge.', ''],
      ['$12\\text{ cm}$', 'Finds the area instead.', 'confuses-perimeter-and-area'],
      ['$20\\text{ cm}$', 'Adds both rectangles’ perimeters.', ''],
    ]
    for (const [i, [text, why, tag]] of options.entries()) {
      const letter = 'ABC'[i]
      await ann.getByLabel(`Option ${letter}: text`).fill(text ?? '')
      await ann.getByLabel(`Option ${letter}: why a pupil would choose it`).fill(why ?? '')
      if (tag) await ann.getByLabel(`Option ${letter}: misconception 1 (its slug)`).fill(tag)
    }
    await ann.getByLabel('Option A is the correct answer').check()
    await ann.getByRole('button', { name: 'Preview' }).click()
    await ann.waitForLoadState('load')
    const preview = ann.locator('#preview')
    await expect.poll(() => preview.locator('.stem .katex').count()).toBeGreaterThan(0)
    // The content check's tagging rule, before it goes for review: option C names no misconception.
    await expect(preview.textContent()).resolves.toContain('wrong option C names no misconception')
    await check(ann, 'author-preview')
    // Typing refreshes the preview without a reload (public/hub.js).
    await ann
      .getByLabel('Option C: misconception 1 (its slug)')
      .fill('adds-one-length-and-one-width')
    await expect
      .poll(() => ann.locator('#preview').textContent())
      .not.toContain('wrong option C names no misconception')
    await ann.getByRole('button', { name: 'Save draft' }).click()
    await ann.waitForURL(`${base}/hubs/${hubSlug}/items/${itemId}/edit?done=saved`)
    await ann.getByRole('button', { name: 'Send for review' }).click()
    await ann.waitForURL(/done=submitted/)
    await check(ann, 'author-submitted')
  })

  it('shows the form again with each field’s error when the TeX does not render', async () => {
    await ann.goto(`${base}/hubs/${hubSlug}/items/new`)
    await ann.getByLabel('Item id').fill(`broken-${run}`)
    await ann.getByLabel('Construct').fill('A broken item for the test')
    await ann.getByLabel('Topic').selectOption('perimeter')
    await ann.getByRole('checkbox', { name: '7', exact: true }).check()
    await ann.getByLabel('Question (stem)').fill('What is $\\frac{1}{$?')
    await ann.getByLabel('Option A: text').fill('$1$')
    await ann.getByLabel('Option A: why a pupil would choose it').fill('Correct.')
    await ann.getByLabel('Option A is the correct answer').check()
    await ann.getByLabel('Option B: text').fill('$2$')
    await ann.getByRole('button', { name: 'Save draft' }).click()
    // First the schema's errors, each beside its field…
    await expect(ann.getByRole('alert').textContent()).resolves.toContain(
      'options.1.explanation: must not be empty',
    )
    await expect(ann.locator('#f-options-1-explanation-error').textContent()).resolves.toContain(
      'must not be empty',
    )
    // …then, once those are fixed, the renderer's: the TeX that does not render.
    await ann.getByLabel('Option B: why a pupil would choose it').fill('Adds the numbers.')
    await ann.getByRole('button', { name: 'Save draft' }).click()
    await expect.poll(() => ann.getByRole('alert').textContent()).toContain('stem: TeX')
    await expect(ann.locator('#f-stem').getAttribute('aria-invalid')).resolves.toBe('true')
    await check(ann, 'author-errors')
  })

  it('the author cannot publish her own item', async () => {
    await ann.goto(`${base}/hubs/${hubSlug}/items/${itemId}/review`)
    await ann.getByRole('button', { name: 'Approve and publish' }).click()
    await expect(ann.getByRole('alert').textContent()).resolves.toContain('second curator')
    await check(ann, 'review-own')
  })

  it('a second curator reviews the diff and publishes', async () => {
    await ben.goto(`${base}/hubs/${hubSlug}/review`)
    await check(ben, 'review-queue')
    await ben.getByRole('link', { name: 'Calculate the perimeter of an L-shape' }).click()
    await ben.waitForURL(`${base}/hubs/${hubSlug}/items/${itemId}/review`)
    await expect(ben.locator('main').textContent()).resolves.toContain('A new item')
    await expect(ben.locator('.stem .katex').count()).resolves.toBeGreaterThan(0)
    await check(ben, 'review-new')
    await ben.getByRole('button', { name: 'Approve and publish' }).click()
    await ben.waitForURL(/done=published/)
    await ben.goto(`${base}/items/${itemId}`)
    await expect(ben.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('L-shape')
  })

  it('an edit of the published item is reviewed as a diff against it, then published', async () => {
    await ann.goto(`${base}/hubs/${hubSlug}/items/${itemId}/edit`)
    await ann.getByLabel('Option B: text').fill('$6\\text{ cm}$')
    await ann
      .getByLabel('Option B: why a pupil would choose it')
      .fill('Finds one rectangle’s area.')
    await ann.getByRole('button', { name: 'Save draft' }).click()
    await ann.waitForURL(/done=saved/)
    await ann.getByRole('button', { name: 'Send for review' }).click()
    await ann.waitForURL(/done=submitted/)
    await ben.goto(`${base}/hubs/${hubSlug}/items/${itemId}/review`)
    const diff = ben.locator('table.diff')
    await expect(diff.locator('th[scope=row]').allTextContents()).resolves.toEqual([
      'Option B: text',
      'Option B: explanation',
    ])
    await expect(diff.locator('del').first().textContent()).resolves.toContain('12')
    await expect(diff.locator('ins').first().textContent()).resolves.toContain('6')
    await check(ben, 'review-diff')
    // The public item is unchanged until the edit is published.
    await expect(
      (await ben.request.get(`${base}/api/items/${itemId}`)).json(),
    ).resolves.toMatchObject({ options: [{}, { text: { source: '$12\\text{ cm}$' } }, {}] })
    await ben.getByRole('button', { name: 'Approve and publish' }).click()
    await ben.waitForURL(/done=published/)
  })

  it('builds a set: search to add, reorder, a note per item', async () => {
    await ben.goto(`${base}/hubs/${hubSlug}/sets/new`)
    await ben.getByLabel('Title').fill('Perimeter starters')
    await ben.getByLabel(/Year groups/).fill('5, 6')
    await ben.getByRole('button', { name: 'Start the set' }).click()
    await ben.waitForURL(/\/sets\/[\w-]+\/edit$/)
    setUrl = ben.url()
    for (const q of ['perimeter of a 3 by 5 rectangle', 'L-shape']) {
      await ben.getByLabel('Search published items to add').fill(q)
      await ben.getByRole('button', { name: 'Find items' }).click()
      await ben
        .locator('li', { hasText: /perimeter/i })
        .getByRole('button', { name: 'Add' })
        .first()
        .click()
      await ben.waitForURL(/done=added/)
    }
    await expect(ben.locator('.set-entry').count()).resolves.toBe(2)
    await ben.getByLabel('Note for the teacher on item 1').fill('Ask who added only two sides.')
    await ben.getByRole('button', { name: 'Move item 2 up' }).click()
    await ben.waitForURL(/done=saved/)
    await expect(ben.locator('.set-entry').first().textContent()).resolves.toContain('L-shape')
    await expect(ben.getByLabel('Note for the teacher on item 2').inputValue()).resolves.toBe(
      'Ask who added only two sides.',
    )
    await check(ben, 'set-builder')
  })

  it('publishes v1 with its changelog shown first, and its exports download', async () => {
    await expect(ben.locator('#publish-heading + p + ul').textContent()).resolves.toContain(
      'First version: 2 items',
    )
    await ben.getByRole('button', { name: 'Publish v1' }).click()
    await ben.waitForURL(/\/versions\/1$/)
    await check(ben, 'set-version')
    for (const [format, type] of [
      ['qti', 'application/zip'],
      ['moodle', 'xml'],
      ['gift', 'text/plain'],
      ['json', 'json'],
      ['html', 'text/html'],
    ]) {
      const href = await ben
        .locator(`a[href$="/export?format=${format}"]`)
        .first()
        .getAttribute('href')
      const res = await ben.request.get(`${base}${href}`)
      expect(res.status(), format).toBe(200)
      expect(res.headers()['content-type'], format).toContain(type)
    }
    await ben.goto(setUrl)
    await ben.getByLabel('Reason to withdraw v1').fill('Superseded by the spring edition')
    await ben.getByRole('button', { name: 'Withdraw v1' }).click()
    await ben.waitForURL(/done=withdrawn/)
    await check(ben, 'set-withdrawn')
  })

  it('imports a CSV into review after a dry run, with a bad row reported', async () => {
    const id = (n: number) => `${parseInt(run, 36) % 100000}${n}`
    const questions = [
      'QuestionId,ConstructName,SubjectName,CorrectAnswer,QuestionText,AnswerAText,AnswerBText,AnswerCText,AnswerDText,MisconceptionAId,MisconceptionBId,MisconceptionCId,MisconceptionDId',
      `${id(1)},Add fractions with different denominators,Adding and Subtracting Fractions,B,"\\( \\frac{1}{2}+\\frac{1}{3}= \\)",\\( \\frac{2}{5} \\),\\( \\frac{5}{6} \\),\\( \\frac{2}{6} \\),\\( \\frac{1}{5} \\),${id(7)},,${id(7)},`,
      `${id(2)},Compare decimals,Ordering Decimals,E,Which is largest?,0.125,0.25,0.4,They are equal,,,,`,
    ].join('\n')
    const misconceptions = `MisconceptionId,MisconceptionName\n${id(7)},Adds numerators and adds denominators\n`
    await ann.goto(`${base}/hubs/${hubSlug}/import`)
    await check(ann, 'import')
    await ann.getByLabel('Questions CSV (diagnostic-question layout)').setInputFiles({
      name: 'questions.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(questions),
    })
    await ann.getByLabel('Misconceptions CSV').setInputFiles({
      name: 'misconceptions.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(misconceptions),
    })
    await ann.getByRole('button', { name: 'Check the file (dry run)' }).click()
    await expect(ann.locator('#report-heading').textContent()).resolves.toContain('Dry run')
    await expect(ann.locator('table.report').textContent()).resolves.toMatch(/Skipped/)
    await check(ann, 'import-dry-run')
    await ann.getByRole('button', { name: 'Import these into review' }).click()
    await expect(ann.locator('#report-heading').textContent()).resolves.toContain(
      'Imported into review',
    )
    await check(ann, 'import-done')
    await ben.goto(`${base}/hubs/${hubSlug}/review`)
    await expect(ben.locator('main').textContent()).resolves.toContain(
      'Add fractions with different denominators',
    )
    await check(ben, 'review-queue-imported')
  })

  it('hides a flagged post from the moderation queue, with a reason', async () => {
    await ann.goto(`${base}/items/${itemId}`)
    await ann.getByText('Start a thread').click()
    await ann.getByLabel('Title').fill('Buy cheap essays here')
    await ann.getByLabel('Your post').fill('Spam, for the test: visit example.com')
    await ann.getByRole('button', { name: 'Post', exact: true }).click()
    await ann.waitForURL(/\/threads\/[\w-]+$/)
    const postId = (await ann.locator('article.post').first().getAttribute('id'))?.replace(
      'post-',
      '',
    )
    await ben.goto(`${base}/posts/${postId}/flag`)
    await ben.getByLabel('What is wrong with it?').fill('Advertising, not teaching')
    await ben.getByRole('button', { name: 'Flag' }).click()
    await ben.goto(`${base}/moderation`)
    await expect(ben.locator('main').textContent()).resolves.toContain('Advertising, not teaching')
    await check(ben, 'moderation-queue')
    const entry = ben.locator('article', { hasText: 'Buy cheap essays here' })
    await entry.getByLabel('Why hide this post?').fill('Spam')
    await entry.getByRole('button', { name: 'Hide' }).click()
    await ben.waitForURL(/done=hidden/)
    await expect(ben.locator('main').textContent()).resolves.not.toContain('Buy cheap essays here')
    await check(ben, 'moderation-done')
  })

  it('fits a phone: the authoring form, the builder and the hub audit log at 390 px', async () => {
    const phone = await newPage({ width: 390, height: 844 })
    await phone.context().addCookies(await ben.context().cookies())
    for (const [name, path] of [
      ['phone-author', `/hubs/${hubSlug}/items/${itemId}/edit`],
      ['phone-builder', new URL(setUrl).pathname],
      ['phone-audit', `/hubs/${hubSlug}/audit`],
    ] as const) {
      await phone.goto(`${base}${path}`)
      const overflow = await phone.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } }
          }
        ).document.documentElement
        return root.scrollWidth > root.clientWidth + 1
      })
      expect(overflow, `${name} scrolls sideways`).toBe(false)
      await check(phone, name)
    }
  })
})
