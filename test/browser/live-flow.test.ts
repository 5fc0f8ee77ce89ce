/**
 * A live check in a real browser: a teacher signs up, adds a class, starts a live session from an
 * item; three pupils join on their own pages (separate browser contexts, no accounts) and vote;
 * the teacher sees "3 answered" arrive over the WebSocket, reveals, and sees the chart with the
 * misconception behind each option. Every page is checked with axe-core and screenshotted.
 */
import { type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkPage, launch } from './browser-session.ts'
import { linkSentTo } from './mail.ts'

const base = inject('baseUrl')

let browser: Browser
const contexts: BrowserContext[] = []
const consoleErrors: string[] = []

async function newPage(viewport = { width: 1200, height: 900 }) {
  const context = await browser.newContext({ viewport })
  contexts.push(context)
  const page = await context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`))
  return page
}

beforeAll(async () => {
  browser = await launch()
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

async function check(page: Page, name: string) {
  await checkPage(page, name, consoleErrors)
}

describe('a live check with a teacher and three pupils', () => {
  let teacher: Page
  let code = ''
  const pupils: Page[] = []

  it('the teacher adds a class and starts a live session from the item page', async () => {
    teacher = await newPage()
    const email = `live.${Date.now()}@school.test`
    await teacher.goto(`${base}/signup`)
    await teacher.getByLabel('Display name').fill('Lia Live')
    await teacher.getByLabel('Email').fill(email)
    await teacher.getByLabel(/^Password/).fill('a long enough password')
    await teacher.getByRole('button', { name: 'Sign up' }).click()
    await teacher.getByRole('status').waitFor()
    await teacher.goto(await linkSentTo(email, '/signup/confirm'))
    await teacher.getByRole('button', { name: 'Make my account' }).click()
    await teacher.waitForURL(/\/account/)
    await teacher.goto(`${base}/classes`)
    await teacher.getByLabel('Label').fill('5H')
    await teacher.getByLabel('Year group').fill('5')
    await teacher.getByRole('button', { name: 'Add class' }).click()
    await teacher.waitForURL(/\/classes\/[\w-]+$/)
    await check(teacher, 'live-class')
    await teacher.goto(`${base}/items/perimeter-of-a-3-by-5-rectangle`)
    await teacher.getByRole('button', { name: 'Start live session' }).click()
    await teacher.waitForURL(/\/live\/sessions\/[\w-]+$/)
    code = (await teacher.locator('.join-code').textContent())?.trim() ?? ''
    expect(code).toMatch(/^[A-Z2-9]{6}$/)
    await expect(teacher.locator('.qr svg').count()).resolves.toBe(1)
    await expect(teacher.locator('#live-count').textContent()).resolves.toContain('0 answered')
    await check(teacher, 'live-teacher-start')
  })

  it('three pupils join with the code, see the maths, and vote', async () => {
    const choices = ['C', 'B', 'A']
    for (const [n, choice] of choices.entries()) {
      const pupil = await newPage({ width: 390, height: 844 })
      pupils.push(pupil)
      if (n === 0) {
        // The first types the code at /live, as pupils without the QR do (in lower case).
        await pupil.goto(`${base}/live`)
        await pupil.getByLabel('Code on the board').fill(code.toLowerCase())
        await pupil.getByRole('button', { name: 'Join' }).click()
        await pupil.waitForURL(`${base}/live/${code}`)
      } else await pupil.goto(`${base}/live/${code}`)
      expect(await pupil.locator('.stem .katex').count()).toBeGreaterThan(0)
      await pupil.waitForLoadState('load')
      await pupil.locator(`button.vote[value="${choice}"]`).click()
      await expect
        .poll(() => pupil.locator('#live-status').textContent())
        .toContain(`Your answer: ${choice}`)
      await check(pupil, `live-pupil-${n + 1}`)
    }
    // The first pupil changes their mind: the vote is replaced, not added.
    await pupils[0]!.locator('button.vote[value="B"]').click()
    await expect
      .poll(() => pupils[0]!.locator('#live-status').textContent())
      .toContain('Your answer: B')
  })

  it('the teacher sees the count arrive live, then reveals the chart', async () => {
    await expect.poll(() => teacher.locator('#live-count').textContent()).toContain('3 answered')
    await check(teacher, 'live-teacher-counting')
    await teacher.keyboard.press('r')
    await teacher.waitForSelector('svg.chart')
    const chart = teacher.locator('figure.evidence')
    await expect(chart.locator('svg title').textContent()).resolves.toContain(
      'How the class answered',
    )
    const table = await chart.locator('table').textContent()
    expect(table).toContain('Confuses perimeter and area')
    expect(table).toContain('67%')
    await check(teacher, 'live-teacher-revealed')
    // Pupils' screens close voting when the teacher reveals.
    await expect.poll(() => pupils[1]!.locator('button.vote').first().isDisabled()).toBe(true)
    await check(pupils[1]!, 'live-pupil-closed')
  })

  it('the tally is on the item page as "my classes", and the session ends', async () => {
    await teacher.getByRole('button', { name: 'End session' }).click()
    await teacher.waitForSelector('text=this session has ended')
    await teacher.goto(`${base}/items/perimeter-of-a-3-by-5-rectangle`)
    const mine = teacher.locator('#evidence section').first()
    await expect(mine.textContent()).resolves.toContain('3 answers from 1 class')
    await check(teacher, 'live-item-evidence')
  })
})
