/**
 * A workgroup in a real browser, as two teachers at their own browsers: the lead starts it and
 * makes an invite link → the colleague's join page names the workgroup and who invited them →
 * they join and save their list as the workgroup's set → the lead sees the new member, the set
 * and the audit log, and revokes the link. Every page is checked with axe-core and screenshotted.
 */
import { type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { check, launch, person, type Person, signUpAs } from './browser-session.ts'

const base = inject('baseUrl')
const ITEM = 'perimeter-of-a-3-by-5-rectangle'

let browser: Browser
let lead: Person
let colleague: Person
let home = ''
let inviteLink = ''

beforeAll(async () => {
  browser = await launch()
  lead = await person(browser)
  colleague = await person(browser)
})
afterAll(async () => {
  await browser?.close()
})

describe('a workgroup, from an invite to a shared set', () => {
  it('is started by a lead, who makes an invite link to copy', async () => {
    const { page } = lead
    await signUpAs(lead, base, 'Leah Lead', '/workgroups')
    await page.getByLabel('Name').fill('Perimeter lesson study')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.waitForURL(/\/workgroups\/[\w-]+$/)
    home = page.url()
    await page.getByRole('button', { name: /Create an invite link/ }).click()
    inviteLink = await page.getByLabel('Invite link').inputValue()
    expect(inviteLink).toMatch(/\/join\/mbi_/)
    await expect(page.getByRole('button', { name: 'Copy link' }).isVisible()).resolves.toBe(true)
    await check(lead, 'workgroup-invite')
  })

  it('shows the colleague which workgroup it is and who invited them, then lets them join', async () => {
    const { page } = colleague
    await signUpAs(colleague, base, 'Cole Colleague')
    await page.goto(inviteLink)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Join Perimeter lesson study',
    )
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Leah Lead invited you to this workgroup',
    )
    await check(colleague, 'workgroup-join')
    await page.getByRole('button', { name: 'Join Perimeter lesson study' }).click()
    await page.waitForURL(home)
    await expect(page.locator('#members + table').textContent()).resolves.toContain('Leah Lead')
    // Members see no invites and no audit log: those are for leads.
    await expect(page.locator('#invites').count()).resolves.toBe(0)
    await check(colleague, 'workgroup-home-member')
  })

  it('takes a member’s list as the workgroup’s set', async () => {
    const { page } = colleague
    await page.goto(`${base}/items/${ITEM}`)
    await page.getByRole('button', { name: 'Add to my list' }).click()
    await page.getByRole('link', { name: 'On my list ✓' }).waitFor()
    await page.goto(`${base}/list`)
    await page.getByLabel('Name of the list').fill('Perimeter starters')
    await page.getByRole('button', { name: 'Save name' }).click()
    await page.getByLabel('Workgroup').selectOption({ label: 'Perimeter lesson study' })
    await page.getByRole('button', { name: 'Save as a set' }).click()
    await page.waitForURL(/\/workgroups\/[\w-]+\/sets\/[\w-]+$/)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Perimeter starters',
    )
    await check(colleague, 'workgroup-set')
  })

  it('shows the lead the new member, the set and the audit log, and revokes the link', async () => {
    const { page } = lead
    await page.goto(home)
    await expect(page.locator('#members + table').textContent()).resolves.toContain(
      'Cole Colleague',
    )
    await expect(page.locator('#sets + ul').textContent()).resolves.toContain('Perimeter starters')
    await expect(page.locator('#audit + .table-scroll table').textContent()).resolves.toContain(
      'member joined',
    )
    await page.getByRole('button', { name: /^Revoke/ }).click()
    await page.waitForURL(/#invites$/)
    await expect(page.locator('#invites ~ table').textContent()).resolves.toContain('revoked')
    await check(lead, 'workgroup-home-lead')
    const res = await colleague.page.goto(inviteLink)
    expect(res?.status()).toBe(404)
    colleague.consoleErrors.splice(0) // the browser logs the page's own 404
    await check(colleague, 'workgroup-join-revoked')
  })
})
