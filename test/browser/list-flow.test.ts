/**
 * A teacher's list, in a real browser: search on a phone (results first, a skip link past the
 * filters) → add to the list in the browser → sign up, and the list moves into the account →
 * add more, reorder, name it → print a worksheet (questions packed, answer key on its own page)
 * → classroom mode in the list's order, revealing one option and then all. Every page is
 * checked with axe-core and screenshotted.
 */
import { type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { check, launch, person, type Person, SHOTS, signUpAs } from './browser-session.ts'

const base = inject('baseUrl')
const FIRST = 'add-one-third-and-one-quarter'
const SECOND = 'add-two-fifths-and-one-fifth'
const THIRD = 'perimeter-of-a-3-by-5-rectangle'

let browser: Browser
let teacher: Person

beforeAll(async () => {
  browser = await launch()
  teacher = await person(browser, { width: 390, height: 844 })
})
afterAll(async () => {
  await browser?.close()
})

const listOrder = () =>
  teacher.page
    .locator('#my-list > li a')
    .evaluateAll((links) => links.map((a) => (a.getAttribute('href') ?? '').replace('/items/', '')))

describe('a teacher’s list, from search to the classroom', () => {
  it('shows results before the filters on a phone, with a skip link from the search box', async () => {
    const { page } = teacher
    await page.goto(`${base}/search?q=add+fractions`)
    const results = await page.locator('#results').boundingBox()
    const facets = await page.locator('nav.facets').boundingBox()
    expect(results!.y).toBeLessThan(facets!.y)
    await page.locator('#site-search').focus()
    await page.keyboard.press('Tab') // the Search button
    await page.keyboard.press('Tab')
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe(
      'Skip to results',
    )
    await page.keyboard.press('Enter')
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('results')
    await check(teacher, 'list-search-phone', { fullPage: false })
  })

  it('keeps a visitor’s list in the browser', async () => {
    const { page } = teacher
    for (const id of [FIRST, SECOND]) {
      await page.goto(`${base}/items/${id}`)
      await page.getByRole('button', { name: 'Add to my list' }).click()
      await expect(page.getByRole('link', { name: 'On my list ✓' }).isVisible()).resolves.toBe(true)
    }
    await page.goto(`${base}/list`)
    await page.waitForURL(/\/list\?items=/)
    expect(await listOrder()).toEqual([FIRST, SECOND])
    await check(teacher, 'list-in-browser')
  })

  it('moves the browser’s list into the account on signing up, then adds, reorders and names it', async () => {
    const { page } = teacher
    await page.setViewportSize({ width: 1200, height: 900 })
    await signUpAs(teacher, base, 'Lia Lister', '/list')
    await page.waitForURL(`${base}/list`)
    // public/app.js adds what the browser kept, then reloads.
    await expect.poll(listOrder, { timeout: 10_000 }).toEqual([FIRST, SECOND])
    await page.goto(`${base}/search?q=perimeter+rectangle`)
    const hit = page.locator('#results li', { has: page.locator(`a[href="/items/${THIRD}"]`) })
    await hit.getByRole('button', { name: 'Add to my list' }).click()
    await hit.getByRole('link', { name: 'On my list ✓' }).waitFor()
    await check(teacher, 'list-search-added')
    await page.goto(`${base}/list`)
    expect(await listOrder()).toEqual([FIRST, SECOND, THIRD])
    await page.getByRole('button', { name: /^Up\W+move “Calculate the perimeter/ }).click()
    await page.waitForURL(/\/list/)
    expect(await listOrder()).toEqual([FIRST, THIRD, SECOND])
    await page.getByLabel('Name of the list').fill('Y6 starter')
    await page.getByRole('button', { name: 'Save name' }).click()
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Y6 starter')
    await check(teacher, 'list-account')
  })

  it('prints the list as a worksheet: title, name line, questions on one A4 page, key on the next', async () => {
    const { page } = teacher
    await page.getByRole('link', { name: 'Print a worksheet' }).click()
    await page.waitForURL(/\/print\?/)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Y6 starter')
    await expect(page.locator('.ws-fill').textContent()).resolves.toMatch(/Name.*Class.*Date/)
    await expect(page.locator('.ws-q').count()).resolves.toBe(3)
    await expect(page.locator('.ws-working').count()).resolves.toBeGreaterThan(0)
    await check(teacher, 'list-print')
    await page.emulateMedia({ media: 'print' })
    await page.screenshot({ path: `${SHOTS}/list-print-media.png`, fullPage: true })
    const pdf = await page.pdf({ format: 'A4', path: `${SHOTS}/list-print.pdf` })
    await page.emulateMedia({ media: 'screen' })
    // Three short questions share the first page; the answer key starts the second.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(2)
  })

  it('shows the list in class in its own order: one option revealed, then all, announced', async () => {
    const { page } = teacher
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.goto(`${base}/list`)
    await page.getByRole('link', { name: 'Show in class, in this order' }).click()
    await page.waitForURL(new RegExp(`/items/${FIRST}/classroom\\?list=`))
    await expect(page.locator('.where').textContent()).resolves.toContain('Question 1 of 3')
    // A fraction in an option stands at least as tall as the option's letter.
    const [fraction, letter] = (await page.evaluate(`(() => {
      const option = document.querySelector('#answers li')
      const letter = option.querySelector('.letter')
      return [
        option.querySelector('.mfrac').getBoundingClientRect().height,
        parseFloat(getComputedStyle(letter).fontSize),
      ]
    })()`)) as [number, number]
    expect(fraction).toBeGreaterThanOrEqual(letter)
    await page.keyboard.press('ArrowRight')
    await page.waitForURL(new RegExp(`/items/${THIRD}/classroom`))
    await expect(page.locator('.where').textContent()).resolves.toContain('Question 2 of 3')
    await page.keyboard.press('b')
    await expect.poll(() => page.locator('#reveal-status').textContent()).toMatch(/^B: Wrong/)
    await page.keyboard.press('r')
    await expect(page.locator('details[data-option][open]').count()).resolves.toBe(4)
    await expect
      .poll(() => page.locator('#reveal-status').textContent())
      .toContain('The answer is A')
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('answers')
    // Everything revealed still fits a 1280×720 projector without scrolling.
    const bottom = (await page.evaluate(
      `document.querySelector('#answers').getBoundingClientRect().bottom`,
    )) as number
    expect(bottom).toBeLessThanOrEqual(720)
    await check(teacher, 'list-classroom-revealed', { fullPage: false })
    await page.getByRole('link', { name: /Previous/ }).click()
    await page.waitForURL(new RegExp(`/items/${FIRST}/classroom`))
    await check(teacher, 'list-classroom')
  })
})
