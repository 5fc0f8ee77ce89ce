/** Markdown + TeX rendering at write time: KaTeX HTML and MathML, sanitized, refusing what does not render. */
import { describe, expect, it } from 'vitest'
import { renderMarkdown, TexError } from '../../src/lib/render.ts'

describe('renderMarkdown', () => {
  it('renders inline and display maths in every delimiter', () => {
    for (const source of [
      '$\\frac{1}{2}$',
      '\\(\\frac{1}{2}\\)',
      '$$\\frac{1}{2}$$',
      '\\[\\frac{1}{2}\\]',
    ]) {
      const html = renderMarkdown(source)
      expect(html).toContain('class="katex"')
      expect(html).toContain('<math') // MathML for screen readers
    }
    expect(renderMarkdown('$$x$$')).toContain('katex-display')
  })

  it('keeps Markdown emphasis out of TeX subscripts', () => {
    const html = renderMarkdown('Find $a_1 + a_2$ and *this*')
    expect(html).toContain('<em>this</em>')
    expect(html).not.toContain('<em>1')
  })

  it('leaves an escaped dollar as a dollar', () => {
    expect(renderMarkdown('It costs \\$5 and \\$6.')).toBe('<p>It costs $5 and $6.</p>\n')
  })

  it('throws TexError with the parser message for TeX that does not parse', () => {
    expect(() => renderMarkdown('$\\frac{1}{$')).toThrow(TexError)
    expect(() => renderMarkdown('$\\notacommand$')).toThrow(/Undefined control sequence/)
  })

  it('escapes raw HTML and refuses javascript: links', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>',
    )
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('href="javascript:')
  })

  it('does not let TeX run \\href or \\htmlClass (trust is off)', () => {
    const html = renderMarkdown('$\\href{javascript:alert(1)}{x}$')
    expect(html).not.toContain('<a ')
    expect(html).not.toContain('href=')
  })

  it('bounds macro expansion', () => {
    const bomb =
      '$\\def\\a{\\b\\b}\\def\\b{\\c\\c}\\def\\c{\\d\\d}\\def\\d{\\e\\e}\\def\\e{\\f\\f}\\def\\f{\\g\\g}\\def\\g{\\h\\h}\\def\\h{\\i\\i}\\def\\i{xx}\\a\\a\\a\\a$'
    expect(() => renderMarkdown(bomb)).toThrow(TexError)
  })
})
