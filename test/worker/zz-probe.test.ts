import { it } from 'vitest'
import { send } from './helpers.ts'
import { teachers, ITEM, hubCuratedBy } from './fixtures.ts'
it('probe', async () => {
  const { t } = await teachers(['t'])
  const bodies = {
    nul: 'a\u0000b',
    dense: '$\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}$ '.repeat(500).slice(0, 20000),
    dense2: '$\\sqrt{\\frac{a}{b}}$ '.repeat(1000).slice(0, 20000),
    link: '[a](http://x.org "t $\\frac{1}{2}$") ![al $x^2$ "q"](http://x.org/a.png)',
    lone: 'a\ud800b',
  }
  for (const [k, body] of Object.entries(bodies)) {
    const res = await send(t, 'POST', '/api/threads', { targetKind: 'item', targetId: ITEM, title: 'Probe ' + k, post: { kind: 'idea', body } })
    const txt = await res.text()
    console.log(k, res.status, txt.length, txt.slice(0, 300))
  }
  const hub = await hubCuratedBy(t)
  const big = '$\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}$ '.repeat(200).slice(0, 5000)
  const res = await send(t, 'POST', `/api/hubs/${hub}/misconceptions`, { slug: 'probe-x', title: 'Probe', topic: 'perimeter', description: big, whyItArises: big, howToAddress: big })
  console.log('misc', res.status, (await res.text()).slice(0, 300))
})
