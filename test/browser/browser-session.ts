/**
 * One browser for a journey test: Debian's Chromium driven by playwright-core, every page
 * screenshotted into test-results/screenshots/ and checked with axe-core (no serious or critical
 * violations), console errors collected so a test can fail on them.
 */
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { linkSentTo } from './mail.ts'

const axeSource: string = createRequire(import.meta.url)('axe-core').source
export const SHOTS = 'test-results/screenshots'
mkdirSync(SHOTS, { recursive: true })

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  })
}

/** A person at their own browser: separate cookies and storage, their own console log. */
export interface Person {
  context: BrowserContext
  page: Page
  consoleErrors: string[]
}

export async function person(browser: Browser, viewport = { width: 1200, height: 900 }) {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const consoleErrors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`))
  return { context, page, consoleErrors } satisfies Person
}

/** Screenshot the page, then fail on serious accessibility violations or console errors. */
export async function check(who: Person, name: string, options: { fullPage?: boolean } = {}) {
  await checkPage(who.page, name, who.consoleErrors, options)
}

/** `check` for a page the test made itself: `consoleErrors` is the list its listeners fill. */
export async function checkPage(
  page: Page,
  name: string,
  consoleErrors: string[],
  options: { fullPage?: boolean } = {},
) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: options.fullPage ?? true })
  // Evaluated through DevTools rather than a <script> tag, so the page's CSP stays in force.
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const result = await (
      globalThis as unknown as {
        axe: {
          run: () => Promise<{
            violations: { id: string; impact: string; nodes: { target: unknown }[] }[]
          }>
        }
      }
    ).axe.run()
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.nodes.length}): ${JSON.stringify(v.nodes[0]?.target)}`)
  })
  expect(violations, `${name}: accessibility violations`).toEqual([])
  expect(consoleErrors.splice(0), `${name}: console errors`).toEqual([])
}

/**
 * Sign up through the page, as a teacher would: the form, then the link emailed to them; returns
 * with the teacher signed in, on `next`, and the address they signed up with.
 */
export async function signUpAs(
  who: Person,
  base: string,
  name: string,
  next = '/',
): Promise<string> {
  const { page } = who
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@school.test`
  await page.goto(`${base}/signup?next=${encodeURIComponent(next)}`)
  await page.getByLabel('Display name').fill(name)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel(/^Password/).fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign up' }).click()
  await page.getByText('Check your email').first().waitFor()
  await page.goto(await linkSentTo(email, '/signup/confirm'))
  await page.getByRole('button', { name: 'Make my account' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/signup'))
  if (new URL(page.url()).pathname !== next) await page.goto(`${base}${next}`)
  return email
}

/** A password the strength check accepts (not common, not built from the account's details). */
export const PASSWORD = 'Kettle-orbit-7193-lantern'
