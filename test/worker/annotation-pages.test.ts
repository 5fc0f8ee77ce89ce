/**
 * The annotation pages as a browser without JavaScript uses them: a member proposes on the item
 * page's form, another endorses with a button, a curator accepts or rejects on the hub's page,
 * and the item page shows the credit (or the workgroup reads the reason). Plain form posts, 303s,
 * errors inline.
 */
import { describe, expect, it } from 'vitest'
import { established, hubCuratedBy, workgroup } from './fixtures.ts'
import { send, submitForm, type TestUser } from './helpers.ts'

// Options B and C each already reveal `ignores-carried-digit`: proposing it again changes nothing.
const ITEM = 'add-47-and-38'
const LINKED = 'ignores-carried-digit'

const page = async (path: string, who?: TestUser) => (await send(who ?? null, 'GET', path)).text()

async function team() {
  const lead = await established('Lena')
  const member = await established('Milo')
  const curator = await established('Cleo')
  const outsider = await established('Otto')
  const wg = await workgroup(lead, member)
  return { lead, member, curator, outsider, wg, hub: await hubCuratedBy(curator) }
}

async function propose(who: TestUser, wg: string, fields: Record<string, string>) {
  const res = await submitForm(
    `/items/${ITEM}/annotations`,
    { workgroupId: wg, label: 'B', source: 'existing', evidence: 'Seen in 3R.', ...fields },
    who,
  )
  return res
}

describe('annotation pages', () => {
  it('take a proposal from the item page through endorsement to an accepted credit', async () => {
    const { lead, member, curator, outsider, wg, hub } = await team()
    const evidence = `Eleven of 28 in 3R wrote 715 (${crypto.randomUUID().slice(0, 6)}).`
    const made = await propose(member, wg, { misconceptionSlug: LINKED, evidence })
    expect(made.status, await made.clone().text()).toBe(303)
    const anchor = /#annotation-([\w-]+)$/.exec(made.headers.get('location') ?? '')?.[1]
    expect(anchor).toBeTruthy()

    // The workgroup sees it proposed; the public and other teachers do not.
    expect(await page(`/items/${ITEM}`, lead)).toContain(evidence)
    expect(await page(`/items/${ITEM}`, outsider)).not.toContain(evidence)
    expect(await page(`/items/${ITEM}`)).not.toContain(evidence)
    // The proposer gets no buttons on their own; the lead does.
    const leadView = await page(`/items/${ITEM}`, lead)
    expect(leadView).toContain(`action="/annotations/${anchor}/response"`)
    expect(await page(`/items/${ITEM}`, member)).not.toContain(
      `action="/annotations/${anchor}/response"`,
    )
    const endorsed = await submitForm(
      `/annotations/${anchor}/response`,
      { vote: 'endorse', comment: 'Same in 3B' },
      lead,
    )
    expect(endorsed.status).toBe(303)
    expect(await page(`/items/${ITEM}`, member)).toContain('Endorsed by Lena: Same in 3B')

    // The curator's page lists it with its endorsement; accepting credits the workgroup publicly.
    const queue = await page(`/hubs/${hub}/annotations`, curator)
    expect(queue).toContain(evidence)
    expect(await page(`/hubs/${hub}/dashboard`, curator)).toContain(`/hubs/${hub}/annotations`)
    const accepted = await submitForm(`/hubs/${hub}/annotations/${anchor}/accept`, {}, curator)
    expect(accepted.status).toBe(303)
    expect(accepted.headers.get('location')).toBe(`/hubs/${hub}/annotations?done=accepted`)
    const publicView = await page(`/items/${ITEM}`)
    expect(publicView).toContain(evidence)
    expect(publicView).toContain('Accepted — credit to Y4 perimeter lesson study')
    expect(await page(`/hubs/${hub}/annotations`, curator)).not.toContain(evidence)
  })

  it('show the form again with the reasons when a proposal is not valid', async () => {
    const { member, wg } = await team()
    const none = await propose(member, wg, {})
    expect(none.status).toBe(400)
    expect(await none.text()).toContain('choose a misconception from the bank, or draft a new one')
    const correct = await propose(member, wg, { label: 'A', misconceptionSlug: LINKED })
    expect(correct.status).toBe(400)
    expect(await correct.text()).toContain('the correct answer reveals no misconception')
    const draft = await propose(member, wg, {
      source: 'draft',
      draftSlug: 'Not A Slug',
      draftTitle: 'Hi',
      draftDescription: 'Writes the whole column total.',
      evidence: '',
    })
    expect(draft.status).toBe(400)
    const html = await draft.text()
    expect(html).toMatch(/draft\.slug: /)
    expect(html).toMatch(/draft\.title: /)
    expect(html).toMatch(/evidence: /)
    // What was typed comes back in the fields.
    expect(html).toContain('value="Not A Slug"')
  })

  it('reject with a reason the workgroup then reads on the item page', async () => {
    const { member, curator, wg, hub } = await team()
    const slug = `writes-column-totals-${crypto.randomUUID().slice(0, 6)}`
    const made = await propose(member, wg, {
      source: 'draft',
      draftSlug: slug,
      draftTitle: 'Writes each column total in full',
      draftDescription: 'Writes $15$ in the ones column.',
    })
    expect(made.status, await made.clone().text()).toBe(303)
    const id = /#annotation-([\w-]+)$/.exec(made.headers.get('location') ?? '')?.[1] ?? ''
    // The drafted one is shown beside the bank's most similar misconceptions.
    const queue = await page(`/hubs/${hub}/annotations`, curator)
    expect(queue).toContain('Most similar in the bank already')
    const blank = await submitForm(
      `/hubs/${hub}/annotations/${id}/reject`,
      { reason: ' ' },
      curator,
    )
    expect(blank.status).toBe(400)
    expect(await blank.text()).toContain('reason: say why, in a few words')
    const reason = 'This is the carried digit ignored, already in the bank.'
    const rejected = await submitForm(`/hubs/${hub}/annotations/${id}/reject`, { reason }, curator)
    expect(rejected.status).toBe(303)
    const view = await page(`/items/${ITEM}`, member)
    expect(view).toContain('Not accepted')
    expect(view).toContain(reason)
    // Deciding it again says why, inline.
    const again = await submitForm(`/hubs/${hub}/annotations/${id}/accept`, {}, curator)
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('This proposal has been decided')
  })
})
