/** TeX and Markdown helpers shared by the XML-based formats. */
import katex from 'katex'
import MarkdownIt from 'markdown-it'

const md = new MarkdownIt({ html: false, xhtmlOut: true })

// $$…$$ and $…$ (our preferred delimiters) → \[…\] and \(…\), which Moodle and most LMSs render.
export function toLatexDelimiters(source: string): string {
  return source
    .replace(/\\\$/g, '\uE002')
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => `\\[${tex}\\]`)
    .replace(/\$((?:[^$\n])+?)\$/g, (_, tex: string) => `\\(${tex}\\)`)
    .replace(/\uE002/g, '$')
}

const PLACEHOLDER = /\uE000(\d+)\uE001/g

/** Cut the maths out before Markdown sees it (markdown-it would eat the backslash of `\(`), then put it back rendered. */
function withMaths(
  source: string,
  inline: boolean,
  render: (tex: string, display: boolean) => string,
): string {
  const maths: string[] = []
  const text = toLatexDelimiters(source).replace(
    /\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)/g,
    (_, display?: string, inlineTex?: string) => {
      maths.push(render(display ?? inlineTex ?? '', display !== undefined))
      return `\uE000${maths.length - 1}\uE001`
    },
  )
  const html = inline ? md.renderInline(text) : md.render(text)
  return html.replace(PLACEHOLDER, (_, i: string) => maths[Number(i)] ?? '').trim()
}

/**
 * Markdown with TeX → XHTML where the maths is MathML (for QTI, which carries MathML natively).
 * Well-formed XML: markdown-it's xhtmlOut, and KaTeX's MathML output is XML.
 */
export function toXhtmlWithMathml(source: string, inline = false): string {
  return withMaths(source, inline, (tex, displayMode) =>
    katex
      .renderToString(tex, { output: 'mathml', displayMode, throwOnError: false, trust: false })
      .replace(/^<span class="katex(?:-display)?">(?:<span class="katex">)?|(?:<\/span>)+$/g, ''),
  ).replace(/&nbsp;/g, '&#160;')
}

/** Markdown with TeX → HTML with TeX kept in \( \) delimiters (for Moodle's MathJax filter). */
export function toHtmlWithTex(source: string, inline = false): string {
  return withMaths(source, inline, (tex, display) =>
    escapeXml(display ? `\\[${tex}\\]` : `\\(${tex}\\)`),
  )
}

export const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  )
