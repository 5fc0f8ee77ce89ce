/** The SVG allow-list: diagrams keep their shapes and text, and lose scripts, handlers and external references. */
import { describe, expect, it } from 'vitest'
import { sanitizeSvg, SvgError } from '../../src/lib/svg.ts'

const svg = (inner: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${attrs}>${inner}</svg>`

describe('sanitizeSvg', () => {
  it('keeps drawing elements and case-sensitive attributes like viewBox', () => {
    const out = sanitizeSvg(
      svg('<rect x="1" y="1" width="5" height="3"/><text x="2" y="8">3 cm</text>'),
    )
    expect(out).toContain('viewBox="0 0 10 10"')
    expect(out).toContain('<text x="2" y="8">3 cm</text>')
  })

  it.each([
    ['a script element', svg('<script>alert(1)</script>')],
    ['an event handler', svg('<rect onload="alert(1)"/>')],
    ['a foreignObject', svg('<foreignObject><div/></foreignObject>')],
    ['an external href', svg('<use href="http://x.test/a.svg#b"/>')],
    ['a javascript: href', svg('<a href="javascript:alert(1)"><text>x</text></a>')],
    ['an external url() in a style', svg('<rect style="fill:url(http://x.test/a)"/>')],
    ['a style element', svg('<style>rect{fill:url(http://x.test)}</style>')],
    ['two roots', svg('') + svg('')],
    ['something that is not SVG', '<div>hello</div>'],
  ])('refuses %s', (_, source) => {
    expect(() => sanitizeSvg(source)).toThrow(SvgError)
  })

  it('allows a fragment reference to a marker in the same diagram', () => {
    expect(sanitizeSvg(svg('<defs><marker id="m"/></defs><line marker-end="url(#m)"/>'))).toContain(
      'url(#m)',
    )
  })
})
