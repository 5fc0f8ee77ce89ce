/**
 * The renderer Worker over its service binding answers as the library does in-process: the same
 * HTML for a field, problems as data for TeX that does not render, and a compiled item that
 * crosses RPC intact. It also logs what one call costs locally (not asserted: speed is measured,
 * never tested).
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { compileItem } from '../../src/bank/compile.ts'
import { itemInputSchema } from '../../src/bank/schemas.ts'
import { renderMarkdown } from '../../src/lib/render.ts'

const FIELD =
  'Half of $\\frac{3}{4}$ is **not** $\\frac{3}{2}$: $$\\frac{3}{4} \\div 2 = \\frac{3}{8}$$'

describe('the renderer over RPC', () => {
  it('renders a field to the same HTML as in-process rendering', async () => {
    const result = await env.RENDERER.renderField('body', FIELD)
    expect(result).toEqual({ ok: true, value: renderMarkdown(FIELD) })
  })

  it('answers TeX KaTeX refuses with a problem naming the field, not a thrown error', async () => {
    const result = await env.RENDERER.renderField('body', 'see $\\frac{1}{$')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.problems[0]?.field).toBe('body')
    expect(!result.ok && result.problems[0]?.message).toMatch(/does not render/)
  })

  it('compiles an item to the record compileItem makes', async () => {
    const input = itemInputSchema.parse({
      id: 'rpc-check-item',
      construct: 'Halve a fraction',
      topic: 'fractions',
      years: [7],
      stem: 'What is half of $\\frac{3}{4}$?',
      options: [
        {
          text: '$\\frac{3}{8}$',
          correct: true,
          explanation: 'Halve the numerator or double the denominator.',
        },
        {
          text: '$\\frac{3}{2}$',
          correct: false,
          explanation: 'Doubled instead.',
          misconceptions: [],
        },
      ],
      source: 'test',
      licence: 'CC-BY-4.0',
      status: 'draft',
    })
    const result = await env.RENDERER.compileItem(input)
    expect(result).toEqual({ ok: true, value: compileItem(input) })
  })

  it('costs about this much per call (logged, local workerd)', async () => {
    const N = 100
    const t0 = performance.now()
    for (let i = 0; i < N; i++) renderMarkdown(`${FIELD} ${i}`)
    const t1 = performance.now()
    for (let i = 0; i < N; i++) await env.RENDERER.renderField('body', `${FIELD} ${i}`)
    const t2 = performance.now()
    // workerd coarsens timers during a request; the figures are whole-run totals.
    console.log(
      `renderField ×${N}: in-process ${(t1 - t0).toFixed(1)} ms, over the binding ${(t2 - t1).toFixed(1)} ms`,
    )
    expect(t2).toBeGreaterThanOrEqual(t0)
  })
})
