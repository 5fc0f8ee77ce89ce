/**
 * Markdown with TeX maths → safe HTML. Called when content is written (seed, import, authoring,
 * posting), never on a read: the result is stored beside the source.
 *
 * Maths is cut out before Markdown sees it (so `_` and `*` inside TeX are not emphasis), rendered
 * by KaTeX with `trust` off and a bound on macro expansion, and put back afterwards. Markdown runs
 * with raw HTML off; markdown-it's link validation refuses `javascript:`, `vbscript:`, `file:`
 * and non-image `data:` URLs. Maths that lands inside an attribute (a link title, an image's alt
 * text) is put back as escaped plain text, since HTML cannot live in an attribute.
 */
import katex from 'katex'
import MarkdownIt from 'markdown-it'
import { MATH, plainText } from './plain-text.ts'

// The katex-free helpers live in plain-text.ts, so the main Worker can use them without KaTeX.
export { MATH, plainText }

const md = new MarkdownIt({ html: false, linkify: false, typographer: false })

/** TeX KaTeX could not parse, with the parser's own message. */
export class TexError extends Error {
  readonly tex: string
  constructor(tex: string, message: string) {
    super(message)
    this.name = 'TexError'
    this.tex = tex
  }
}

/**
 * The most HTML one field may render to. KaTeX's output is many times the size of its source
 * (a matrix, ~60×), and what is rendered is stored beside the source in one D1 row (2 MB at most),
 * so a short field of dense maths could otherwise fail the write. Bank content has a lower limit
 * of its own (src/bank/compile.ts).
 */
export const MAX_RENDERED_CHARS = 500_000

/** Maths that renders to more HTML than a field may hold (see MAX_RENDERED_CHARS). */
export class RenderTooLargeError extends TexError {
  constructor(source: string, size: number, max = MAX_RENDERED_CHARS) {
    super(
      source.slice(0, 80),
      `the maths renders to ${Math.ceil(size / 1000)} kB of HTML, more than the ${max / 1000} kB a field may hold; use less of it or split it up`,
    )
    this.name = 'RenderTooLargeError'
  }
}

/** Render one TeX expression to HTML (with MathML for screen readers). */
export function renderTex(tex: string, displayMode: boolean): string {
  try {
    return katex.renderToString(tex, {
      displayMode,
      throwOnError: true,
      trust: false,
      strict: 'ignore',
      maxExpand: 500,
      maxSize: 20,
      output: 'htmlAndMathml',
    })
  } catch (error) {
    if (error instanceof katex.ParseError) {
      throw new TexError(tex, error.message.replace(/^KaTeX parse error: /, ''))
    }
    throw new TexError(tex, error instanceof Error ? error.message : String(error))
  }
}

// Private-use characters: Markdown leaves them alone, and authors never type them.
const OPEN = '\uE000'
const CLOSE = '\uE001'
const PLACEHOLDER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g')

/** Markdown with TeX → HTML. Throws TexError on TeX that KaTeX cannot parse. */
export function renderMarkdown(
  source: string,
  options: { inline?: boolean; maxChars?: number } = {},
): string {
  const rendered: string[] = []
  // The maths as readable text, for placeholders that end up inside an attribute.
  const texs: string[] = []
  const withPlaceholders = source
    .replace(PLACEHOLDER, '')
    .replace(
      MATH,
      (match, display1?: string, display2?: string, inline1?: string, inline2?: string) => {
        if (match === '\\$') return '\\$'
        const display = display1 ?? display2
        const tex = display ?? inline1 ?? inline2 ?? ''
        rendered.push(renderTex(tex.trim(), display !== undefined))
        texs.push(plainText(`$${tex.trim()}$`))
        return `${OPEN}${rendered.length - 1}${CLOSE}`
      },
    )
  const html = options.inline ? md.renderInline(withPlaceholders) : md.render(withPlaceholders)
  const withMaths = html
    // markdown-it escapes `"` everywhere, so `="…"` only ever opens and closes an attribute.
    .replace(/="([^"]*)"/g, (_, value: string) =>
      value.includes(OPEN)
        ? `="${value.replace(PLACEHOLDER, (_p, index: string) => escapeAttribute(texs[Number(index)] ?? ''))}"`
        : `="${value}"`,
    )
    .replace(PLACEHOLDER, (_, index: string) => rendered[Number(index)] ?? '')
  const max = options.maxChars ?? MAX_RENDERED_CHARS
  if (withMaths.length > max) throw new RenderTooLargeError(source, withMaths.length, max)
  return withMaths
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
