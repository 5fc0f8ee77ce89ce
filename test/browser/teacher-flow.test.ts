/**
 * A teacher's path through the product in a real browser (Debian's Chromium driven by
 * playwright-core): search → open an item → reveal → sign up → sign in → post a reply with
 * maths → see it rendered → … Every page is
 * checked with axe-core (no serious or critical violations) and screenshotted into
 * test-results/screenshots/. Any console error fails the test.
 */
import { type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkPage, launch } from './browser-session.ts'
import { linkSentTo } from './mail.ts'

const base = inject('baseUrl')

let browser: Browser
let page: Page
const consoleErrors: string[] = []

beforeAll(async () => {
  browser = await launch()
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`))
})

afterAll(async () => {
  await browser?.close()
})

/** Screenshot the page and fail on serious accessibility violations. */
async function check(name: string) {
  await checkPage(page, name, consoleErrors)
}

describe('a teacher in the browser', () => {
  const email = `teacher.${Date.now()}@school.test`
  const password = 'a long enough password'

  it('searches from the home page and finds the perimeter item despite a typo', async () => {
    await page.goto(base)
    await check('home')
    await page
      .getByLabel('Search items and misconceptions')
      .first()
      .fill('perimiter of a rectangle')
    await page.getByRole('button', { name: 'Search' }).first().click()
    await page.waitForURL(/\/search\?q=/)
    await expect(page.locator('#results mark').first().textContent()).resolves.toMatch(/perimeter/i)
    await check('search')
  })

  it('opens the item, with the answer hidden until revealed', async () => {
    await page.locator('#results a', { hasText: 'perimeter of a rectangle' }).first().click()
    await page.waitForURL(/\/items\/perimeter-of-a-3-by-5-rectangle$/)
    expect(await page.locator('.stem .katex').count()).toBeGreaterThan(0)
    // The misconceptions under the options (workgroups' annotations may name them too, further down).
    const revealed = page.locator('details.reveal').first()
    await expect(
      revealed.getByText('Confuses perimeter and area').first().isVisible(),
    ).resolves.toBe(false)
    await page.getByText('Reveal the answer').click()
    await expect(
      revealed.getByRole('link', { name: 'Confuses perimeter and area' }).first().isVisible(),
    ).resolves.toBe(true)
    await check('item-revealed')
  })

  it('shows the item to a class, and R reveals from the keyboard', async () => {
    await page.getByRole('link', { name: 'Show to the class' }).click()
    await page.waitForURL(/\/classroom$/)
    await page.keyboard.press('r')
    await expect(page.locator('details[data-option][open]').count()).resolves.toBe(4)
    await check('classroom')
  })

  it('signs up through the emailed link, signs out and signs back in', async () => {
    await page.goto(`${base}/signup`)
    await check('signup')
    await page.getByLabel('Display name').fill('Pat Teacher')
    await page.getByLabel('School (optional)').fill('Hilltop Primary')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel(/^Password/).fill(password)
    await page.getByRole('button', { name: 'Sign up' }).click()
    await expect(page.getByRole('status').textContent()).resolves.toContain('Check your email')
    await check('signup-check-email')
    await page.goto(await linkSentTo(email, '/signup/confirm'))
    await page.getByRole('button', { name: 'Make my account' }).click()
    await page.waitForURL(/\/account/)
    await check('account')
    await page.getByRole('button', { name: /Sign out Pat Teacher/ }).click()
    await page.goto(`${base}/signin`)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel(/^Password/).fill('wrong password!')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Email or password is incorrect',
    )
    expect(consoleErrors.splice(0)).toEqual([
      `${base}/signin: Failed to load resource: the server responded with a status of 401 (Unauthorized)`,
    ])
    await check('signin-failed')
    await page.getByLabel(/^Password/).fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${base}/`)
    await expect(
      page.getByRole('button', { name: /Sign out Pat Teacher/ }).isVisible(),
    ).resolves.toBe(true)
  })

  it('starts a thread on the item and replies with maths, rendered by KaTeX', async () => {
    await page.goto(`${base}/items/perimeter-of-a-3-by-5-rectangle`)
    await page.getByText('Start a thread').click()
    await page.getByLabel('Title').fill('What our Year 5s chose')
    await page.getByLabel('Kind of post').selectOption('evidence')
    await page.getByLabel('Your post').fill('We asked 28 pupils; 11 chose $15\\text{ cm}$.')
    await page.getByRole('button', { name: 'Post', exact: true }).click()
    await page.waitForURL(/\/threads\/[\w-]+$/)
    await page
      .getByLabel('Your reply')
      .fill('Try halving: $\\frac{16}{2} = 8$, the semi-perimeter.')
    await page.evaluate(() => ((globalThis as unknown as { stayed: boolean }).stayed = true))
    await page.getByRole('button', { name: 'Post reply' }).click()
    // Posted without a reload (public/app.js): the page stays, the URL gains the post's anchor.
    await page.waitForURL(/#post-/)
    await expect(
      page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed),
    ).resolves.toBe(true)
    const reply = page.locator('article.post').last()
    await expect(reply.locator('.katex').count()).resolves.toBeGreaterThan(0)
    await expect(reply.locator('.katex-mathml math').count()).resolves.toBeGreaterThan(0)
    await expect(reply.textContent()).resolves.toContain('semi-perimeter')
    await check('thread')
  })

  it('starts a workgroup and makes an invite link', async () => {
    await page.goto(`${base}/workgroups`)
    await page.getByLabel('Name').fill('Y5 fractions work group')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.waitForURL(/\/workgroups\/[\w-]+$/)
    await page.getByRole('button', { name: /Create an invite link/ }).click()
    await expect(page.getByLabel('Invite link').inputValue()).resolves.toMatch(/\/join\/mbi_/)
    await check('workgroup')
  })

  it('prints a worksheet with the answer key, and shows a styled 404', async () => {
    await page.goto(
      `${base}/print?items=perimeter-of-a-3-by-5-rectangle,perimeter-of-a-4-by-4-square`,
    )
    await expect(page.getByRole('heading', { name: 'Answer key' }).isVisible()).resolves.toBe(true)
    await check('print')
    const res = await page.goto(`${base}/items/no-such-item`)
    expect(res?.status()).toBe(404)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'could not find',
    )
    // The browser logs the page's own 404 status as an error; that one is expected.
    expect(consoleErrors.splice(0)).toEqual([
      `${base}/items/no-such-item: Failed to load resource: the server responded with a status of 404 (Not Found)`,
    ])
    await check('not-found')
  })
})
