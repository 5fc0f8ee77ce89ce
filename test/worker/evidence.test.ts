/**
 * What tallies show, and to whom: typed counts, item statistics and prevalence for my classes,
 * my workgroup's and the bank's (only when ≥5 classes from ≥3 teachers pool), CSV exports, and a
 * workgroup's pre/post enquiry to its shared summary.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { send, signUp, type TestUser } from './helpers.ts'
import { newClass } from './evidence-helpers.ts'

// Items no other test file records tallies for, so bank-wide pools are this file's alone.
const PARALLELOGRAM = 'area-of-a-parallelogram'
const L_SHAPE = 'perimeter-of-an-l-shape-with-missing-sides'
const SLUG = 'confuses-perimeter-and-area'

const typed = (teacher: TestUser, body: Record<string, unknown>) =>
  send(teacher, 'POST', '/api/tallies', body)

async function json<T = any>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T
}

async function optionOf(itemId: string, slug: string) {
  const item = await json<{ options: { label: string; misconceptions: { slug: string }[] }[] }>(
    send(null, 'GET', `/api/items/${itemId}`),
  )
  return item.options.find((o) => o.misconceptions.some((m) => m.slug === slug))!.label
}

describe('POST /api/tallies', () => {
  let teacher: TestUser
  let classId: string
  beforeAll(async () => {
    teacher = await signUp('Tia Typed')
    classId = await newClass(teacher, '4C', 4)
  })

  it('records typed counts with zeros for the options nobody chose', async () => {
    const res = await typed(teacher, {
      classId,
      itemId: L_SHAPE,
      takenOn: '2026-09-14',
      counts: { A: 10, B: 5 },
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({
      classLabel: '4C',
      year: 4,
      source: 'typed',
      takenOn: '2026-09-14',
      pupilsAnswering: 15,
      counts: { A: 10, B: 5, C: 0, D: 0 },
    })
  })

  it('refuses counts for option E, more counted than asked, and another teacher’s class', async () => {
    const e = await typed(teacher, { classId, itemId: L_SHAPE, counts: { E: 2 } })
    expect(e.status).toBe(400)
    expect((await json(e)).errors[0].field).toBe('counts.E')
    const over = await typed(teacher, {
      classId,
      itemId: L_SHAPE,
      pupilsAnswering: 3,
      counts: { A: 4 },
    })
    expect(over.status).toBe(400)
    const stranger = await signUp('Sam Stranger')
    expect((await typed(stranger, { classId, itemId: L_SHAPE, counts: { A: 1 } })).status).toBe(404)
  })

  it('exports a class’s tallies as CSV and lets the teacher delete one', async () => {
    const { id } = await json(typed(teacher, { classId, itemId: L_SHAPE, counts: { C: 1 } }))
    const csv = await send(teacher, 'GET', `/api/classes/${classId}/export`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines[0]).toBe(
      'taken_on,class,year,item_id,item_revision,source,pupils_answering,count_A,count_B,count_C,count_D',
    )
    expect(lines.length).toBeGreaterThanOrEqual(3)
    const stranger = await signUp('Sid Stranger')
    expect((await send(stranger, 'DELETE', `/api/tallies/${id}`)).status).toBe(404)
    expect((await send(teacher, 'DELETE', `/api/tallies/${id}`)).status).toBe(204)
    expect((await send(teacher, 'DELETE', `/api/tallies/${id}`)).status).toBe(404)
  })
})

describe('item statistics and prevalence', () => {
  const teachers: TestUser[] = []
  let wrong: string
  const YEAR = 10
  beforeAll(async () => {
    for (const name of ['Ann One', 'Ben Two', 'Cat Three']) teachers.push(await signUp(name))
    wrong = await optionOf(PARALLELOGRAM, SLUG)
  })

  /**
   * One class of 20 in Year 10: `chose` picked the misconception's option, the rest answered A or
   * B. Year 10, because the test files share one D1 and others pool Year 8 classes on this
   * misconception (newClass's default), which would show its bank-wide prevalence early.
   */
  async function classAnswers(teacher: TestUser, label: string, chose: number) {
    const classId = await newClass(teacher, label, YEAR)
    const right = wrong === 'A' ? 'B' : 'A'
    const res = await typed(teacher, {
      classId,
      itemId: PARALLELOGRAM,
      counts: { [wrong]: chose, [right]: 20 - chose },
    })
    expect(res.status).toBe(201)
  }

  it('hides bank-wide figures until 5 classes from 3 teachers pool, then shows them', async () => {
    await classAnswers(teachers[0]!, '10A', 10)
    await classAnswers(teachers[0]!, '10B', 5)
    await classAnswers(teachers[1]!, '10C', 5)
    await classAnswers(teachers[1]!, '10D', 0)
    // Four classes: nothing at all is shown publicly.
    const hidden = await json(send(null, 'GET', `/api/items/${PARALLELOGRAM}/statistics`))
    expect(hidden).toMatchObject({ shown: false, totals: null, options: [] })
    await classAnswers(teachers[1]!, '10E', 0)
    // Five classes, but from two teachers: still hidden.
    expect((await json(send(null, 'GET', `/api/items/${PARALLELOGRAM}/statistics`))).shown).toBe(
      false,
    )
    const prevalenceHidden = await json(send(null, 'GET', `/api/misconceptions/${SLUG}/prevalence`))
    expect(prevalenceHidden.rows.filter((r: { year: number }) => r.year === YEAR)).toEqual([])
    await classAnswers(teachers[2]!, '10F', 10)
    const shown = await json(send(null, 'GET', `/api/items/${PARALLELOGRAM}/statistics`))
    expect(shown.shown).toBe(true)
    expect(shown.totals).toMatchObject({ pupils: 120, classes: 6, teachers: 3 })
    const option = shown.options.find((o: { label: string }) => o.label === wrong)
    expect(option).toMatchObject({ chose: 30, share: 0.25, classes: 4 })
    expect(option.misconceptions.map((m: { slug: string }) => m.slug)).toContain(SLUG)
  })

  it('shows a teacher their own classes whatever their number, and nobody else’s', async () => {
    const mine = await json(
      send(teachers[2]!, 'GET', `/api/items/${PARALLELOGRAM}/statistics?scope=mine`),
    )
    expect(mine).toMatchObject({ shown: true, totals: { classes: 1, pupils: 20 } })
    expect(
      (await send(null, 'GET', `/api/items/${PARALLELOGRAM}/statistics?scope=mine`)).status,
    ).toBe(401)
  })

  it('shows a workgroup its members’ classes, and answers 404 to non-members', async () => {
    const lead = teachers[0]!
    const wg = await json(send(lead, 'POST', '/api/workgroups', { name: 'Area work group' }))
    const path = `/api/misconceptions/${SLUG}/prevalence?scope=workgroup&workgroupId=${wg.id}`
    const prevalence = await json(send(lead, 'GET', path))
    const year10 = prevalence.rows.find((r: { year: number }) => r.year === YEAR)
    expect(year10).toMatchObject({ answers: 40, chose: 15, share: 0.375, classes: 2 })
    expect((await send(teachers[1]!, 'GET', path)).status).toBe(404)
    const all = await json(send(lead, 'GET', `/api/workgroups/${wg.id}/prevalence`))
    expect(all.rows.some((r: { slug: string }) => r.slug === SLUG)).toBe(true)
    expect((await send(teachers[1]!, 'GET', `/api/workgroups/${wg.id}/prevalence`)).status).toBe(
      404,
    )
  })

  it('answers 400 for a workgroup scope without a workgroup, 404 for an unknown item', async () => {
    const res = await send(
      teachers[0]!,
      'GET',
      `/api/items/${PARALLELOGRAM}/statistics?scope=workgroup`,
    )
    expect(res.status).toBe(400)
    expect((await send(null, 'GET', '/api/items/no-such-item/statistics')).status).toBe(404)
    expect(
      (await send(null, 'GET', `/api/items/${PARALLELOGRAM}/statistics?scope=all`)).status,
    ).toBe(400)
  })
})

describe('an enquiry, from opening to a shared summary', () => {
  it('pools pre and post checks per class with a Newcombe interval, and shares counts only', async () => {
    const lead = await signUp('Lou Lead')
    const member = await signUp('Max Member')
    const outsider = await signUp('Ola Outsider')
    const wg = await json(send(lead, 'POST', '/api/workgroups', { name: 'Perimeter enquiry' }))
    const invite = await json(send(lead, 'POST', `/api/workgroups/${wg.id}/invites`, {}))
    await send(member, 'POST', '/api/invites/accept', { code: invite.code })
    const body = {
      question: 'Does tracing every side reduce confusing perimeter and area in Year 5?',
      misconceptions: [SLUG],
      pre: { itemIds: ['perimeter-of-a-3-by-5-rectangle'] },
      post: { itemIds: [L_SHAPE, 'perimeter-of-a-4-by-4-square'] },
      preFrom: '2026-09-01',
      preTo: '2026-09-30',
      postFrom: '2026-11-01',
      postTo: '2026-11-30',
    }
    expect((await send(member, 'POST', `/api/workgroups/${wg.id}/enquiries`, body)).status).toBe(
      403,
    )
    const bad = await send(lead, 'POST', `/api/workgroups/${wg.id}/enquiries`, {
      ...body,
      postFrom: '2026-08-01',
    })
    expect(bad.status).toBe(400)
    const opened = await send(lead, 'POST', `/api/workgroups/${wg.id}/enquiries`, body)
    expect(opened.status).toBe(201)
    const enquiry = await json(opened)
    const classA = await newClass(lead, '5L', 5)
    const classB = await newClass(member, '5M', 5)
    const outsiderClass = await newClass(outsider, '5O', 5)
    expect((await send(lead, 'PUT', `/api/enquiries/${enquiry.id}/classes/${classA}`)).status).toBe(
      204,
    )
    expect(
      (await send(member, 'PUT', `/api/enquiries/${enquiry.id}/classes/${classB}`)).status,
    ).toBe(204)
    expect(
      (await send(lead, 'PUT', `/api/enquiries/${enquiry.id}/classes/${outsiderClass}`)).status,
    ).toBe(404)
    const preWrong = await optionOf('perimeter-of-a-3-by-5-rectangle', SLUG)
    const postWrong = await optionOf(L_SHAPE, SLUG)
    // Pre: 12 of 30 and 9 of 30 chose the area answer; post: 3 of 30 and 3 of 30.
    for (const [teacher, classId, chose] of [
      [lead, classA, 12],
      [member, classB, 9],
    ] as const)
      await typed(teacher, {
        classId,
        itemId: 'perimeter-of-a-3-by-5-rectangle',
        takenOn: '2026-09-10',
        pupilsAnswering: 30,
        counts: { [preWrong]: chose },
      })
    for (const [teacher, classId] of [
      [lead, classA],
      [member, classB],
    ] as const) {
      await typed(teacher, {
        classId,
        itemId: L_SHAPE,
        takenOn: '2026-11-10',
        pupilsAnswering: 30,
        counts: { [postWrong]: 3 },
      })
      // Outside the post check's dates: not counted.
      await typed(teacher, {
        classId,
        itemId: L_SHAPE,
        takenOn: '2026-12-10',
        pupilsAnswering: 30,
        counts: { [postWrong]: 30 },
      })
    }
    const results = await json(send(member, 'GET', `/api/enquiries/${enquiry.id}`))
    const focus = results.focus[0]
    expect(focus.pooled.pre).toEqual({ answers: 60, chose: 21, share: 0.35 })
    expect(focus.pooled.post).toEqual({ answers: 60, chose: 6, share: 0.1 })
    expect(focus.pooled.change.difference).toBeCloseTo(-0.25, 10)
    expect(focus.pooled.change.lower).toBeLessThan(-0.25)
    expect(focus.pooled.change.upper).toBeLessThan(0)
    expect(focus.classes.map((c: { label: string }) => c.label).sort()).toEqual(['5L', '5M'])
    expect(results.caveat).toMatch(/independent/)
    expect((await send(outsider, 'GET', `/api/enquiries/${enquiry.id}`)).status).toBe(404)
    expect((await send(null, 'GET', `/api/enquiries/${enquiry.id}`)).status).toBe(404)

    const csv = await (await send(member, 'GET', `/api/enquiries/${enquiry.id}/export`)).text()
    expect(csv.split('\r\n')[1]).toMatch(
      /^confuses-perimeter-and-area,All classes,,60,21,60,6,-0.2500,/,
    )

    const closed = await send(lead, 'POST', `/api/enquiries/${enquiry.id}/close`, {
      summary: 'Tracing every side helped: the area answer fell from about a third to a tenth.',
      share: true,
    })
    expect(closed.status).toBe(200)
    const shared = await json(send(null, 'GET', `/api/enquiries/${enquiry.id}`))
    expect(shared).toMatchObject({ status: 'closed', shared: true, workgroupId: null })
    expect(shared.focus[0].pooled.pre.chose).toBe(21)
    const labels = shared.focus[0].classes.map((c: { label: string; teacherName: unknown }) => [
      c.label,
      c.teacherName,
    ])
    expect(labels).toEqual([
      ['Class 1', null],
      ['Class 2', null],
    ])
    expect(
      (await send(member, 'PUT', `/api/enquiries/${enquiry.id}/classes/${classB}`)).status,
    ).toBe(409)
  })
})

describe('evidence in threads', () => {
  it('turns typed counts or an attached tally into a chart with options and misconceptions', async () => {
    const { call } = await import('./helpers.ts')
    const teacher = await signUp('Tom Thread')
    await (
      await import('cloudflare:workers')
    ).env.DB.prepare('UPDATE users SET created_at = ? WHERE id = ?')
      .bind('2025-01-01T00:00:00.000Z', teacher.id)
      .run()
    const item = 'perimeter-of-a-3-by-5-rectangle'
    const thread = await json(
      send(teacher, 'POST', '/api/threads', {
        targetKind: 'item',
        targetId: item,
        title: 'What 6T chose',
        post: { kind: 'question', body: 'Any ideas?' },
      }),
    )
    const postForm = (fields: Record<string, string>) =>
      call(`/threads/${thread.id}/posts`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: teacher.cookie,
          origin: 'https://bank.test',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(fields).toString(),
      })
    const typedRes = await postForm({
      kind: 'idea',
      body: 'We asked 28.',
      pupilsAsked: '28',
      count_A: '14',
      count_B: '11',
    })
    expect(typedRes.status).toBe(303)
    const classId = await newClass(teacher, '6T', 6)
    const tally = await json(typed(teacher, { classId, itemId: item, counts: { A: 20, B: 10 } }))
    expect((await postForm({ kind: 'idea', body: 'Our tally.', tallyId: tally.id })).status).toBe(
      303,
    )
    const posts = await json(send(teacher, 'GET', `/api/threads/${thread.id}/posts`))
    const evidence = posts.data.filter((p: { kind: string }) => p.kind === 'evidence')
    expect(evidence.map((p: { evidence: unknown }) => p.evidence)).toEqual([
      { pupilsAsked: 28, counts: { A: 14, B: 11 } },
      { pupilsAsked: 30, counts: { A: 20, B: 10, C: 0, D: 0 } },
    ])
    const page = await (
      await call(`/threads/${thread.id}`, { headers: { cookie: teacher.cookie } })
    ).text()
    expect(page).toContain('<title id="evidence-')
    expect(page).toContain('Counts from a class: 28 pupils asked')
    expect(page).toContain('Confuses perimeter and area')
    const stranger = await signUp('Sue Stranger')
    const attach = await call(`/threads/${thread.id}/posts`, {
      method: 'POST',
      headers: {
        cookie: stranger.cookie,
        origin: 'https://bank.test',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ kind: 'idea', body: 'Theirs', tallyId: tally.id }).toString(),
    })
    expect(attach.status).toBe(404)
  })
})
