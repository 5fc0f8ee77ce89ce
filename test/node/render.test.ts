/** Markdown + TeX rendering at write time: KaTeX HTML and MathML, sanitized, refusing what does not render. */
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'htmlparser2'
import { MAX_RENDERED_CHARS, renderMarkdown, TexError } from '../../src/lib/render.ts'

/** Every element's attributes, as an HTML parser reads them (a broken tag shows up here). */
function attributes(html: string): Record<string, string>[] {
  const found: Record<string, string>[] = []
  const walk = (node: { attribs?: Record<string, string>; children?: unknown[] }) => {
    if (node.attribs) found.push(node.attribs)
    for (const child of node.children ?? []) walk(child as typeof node)
  }
  walk(parseDocument(html))
  return found
}

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

  it('puts maths in a link title back as plain text, so the tag stays whole', () => {
    const html = renderMarkdown('[a half](https://example.org/ "is $\\frac{1}{2}$")')
    const link = attributes(html).find((a) => 'href' in a)
    expect(link).toEqual({ href: 'https://example.org/', title: 'is 1/2' })
    expect(html).toContain('>a half</a>')
  })

  it('puts maths in an image alt text back as plain text, escaped', () => {
    const html = renderMarkdown('![ratio $\\frac{3}{5} < 1$ "cm"](https://example.org/r.png)')
    const image = attributes(html).find((a) => 'src' in a)
    expect(image).toEqual({ src: 'https://example.org/r.png', alt: 'ratio 3/5 < 1 "cm"' })
    expect(html).not.toContain('class="katex"')
  })

  it('still renders maths as HTML beside a link whose title has maths', () => {
    const html = renderMarkdown('$x^2$ and [y](https://example.org/ "$y$")')
    expect(html).toContain('class="katex"')
    expect(attributes(html).find((a) => 'href' in a)?.title).toBe('y')
  })

  it('refuses maths that renders to more HTML than a field may hold', () => {
    const matrix = '$\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}$ '
    expect(matrix.repeat(250).length).toBeLessThan(10_000)
    expect(() => renderMarkdown(matrix.repeat(250))).toThrow(
      /more than the 500 kB a field may hold/,
    )
    expect(renderMarkdown(matrix.repeat(10)).length).toBeLessThan(MAX_RENDERED_CHARS)
  })
})
