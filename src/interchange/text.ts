/**
 * Text conversions shared by the interchange formats: our Markdown + TeX → HTML/XHTML for other
 * tools (with the maths kept as TeX for MathJax, or turned into MathML), and other tools' HTML →
 * our Markdown on the way in. Pure and import-safe in workerd: no files, no DOM.
 */
import { type ChildNode, Element, Text } from 'domhandler'
import { parseDocument } from 'htmlparser2'
import katex from 'katex'
import MarkdownIt from 'markdown-it'
import { MATH, plainText } from '../lib/plain-text.ts'

// xhtmlOut so `<br />`, `<img … />` and `<hr />` are well-formed XML (QTI needs that; HTML
// consumers do not mind). Raw HTML stays off, exactly as in src/lib/render.ts.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, xhtmlOut: true })

const OPEN = '\uE000'
const CLOSE = '\uE001'
const PLACEHOLDER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g')

export const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')

/** TeX → a bare `<math>` element (KaTeX's MathML output without its wrapper span). */
export function texToMathml(tex: string, display: boolean): string {
  try {
    const html = katex.renderToString(tex, {
      displayMode: display,
      output: 'mathml',
      throwOnError: true,
      trust: false,
      strict: 'ignore',
      maxExpand: 500,
      maxSize: 20,
    })
    const math = /<math[\s\S]*<\/math>/.exec(html)?.[0]
    if (math) return math
  } catch {
    // Everything in the bank was rendered by KaTeX when it was written, so this only happens to
    // hand-made bundles; one bad formula should not sink a whole export, so keep the source.
  }
  return `<span class="tex">${escapeXml(display ? `\\[${tex}\\]` : `\\(${tex}\\)`)}</span>`
}

export interface HtmlOptions {
  /** A single line of inline content (option text, feedback), without a `<p>`. */
  inline?: boolean
  /**
   * `tex`: maths stays TeX between `\(…\)` / `\[…\]`, for MathJax (Moodle, GIFT). `mathml`: maths
   * becomes MathML `<math>` elements (QTI).
   */
  math: 'tex' | 'mathml'
  /**
   * Where an image stored in the bank (`/api/media/<key>`) is found in the target: a file in a
   * package, Moodle's `@@PLUGINFILE@@/<key>`, a data: URL. Without it the address is left as is.
   */
  mediaSrc?: (key: string) => string
}

/** Our Markdown + TeX → HTML that is also well-formed XML. */
export function markdownToHtml(source: string, options: HtmlOptions): string {
  const pieces: string[] = []
  const withPlaceholders = source
    .replace(PLACEHOLDER, '')
    .replace(
      MATH,
      (match, display1?: string, display2?: string, inline1?: string, inline2?: string) => {
        if (match === '\\$') return match
        const display = display1 ?? display2
        const tex = (display ?? inline1 ?? inline2 ?? '').trim()
        pieces.push(
          options.math === 'mathml'
            ? texToMathml(tex, display !== undefined)
            : escapeXml(display !== undefined ? `\\[${tex}\\]` : `\\(${tex}\\)`),
        )
        return `${OPEN}${pieces.length - 1}${CLOSE}`
      },
    )
  const html = options.inline ? md.renderInline(withPlaceholders) : md.render(withPlaceholders)
  const out = html.replace(PLACEHOLDER, (_, index: string) => pieces[Number(index)] ?? '').trim()
  const { mediaSrc } = options
  // markdown-it wrote the attribute, so it is exactly `src="…"` with nothing to unescape.
  return mediaSrc
    ? out.replace(
        /src="\/api\/media\/([0-9a-f]{32}\.[a-z]+)"/g,
        (_, key: string) => `src="${escapeXml(mediaSrc(key))}"`,
      )
    : out
}

/** Lower-case words joined by hyphens (our slug shape), at most `max` characters. */
export function slugify(text: string, max = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= max) return slug
  // Cut at a word boundary so the slug still reads, and never end on a hyphen.
  const cut = slug.slice(0, max)
  const lastHyphen = cut.lastIndexOf('-')
  return (lastHyphen > max / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/g, '')
}

// Maths other tools write: `\(…\)`, `\[…\]` and `$$…$$` (Moodle's MathJax defaults). A single `$`
// is not maths there, so it is escaped on the way in.
const FOREIGN_MATH = /\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]|\$\$([\s\S]+?)\$\$/g

/** Plain text → Markdown that shows the same text: Markdown's own characters are escaped. */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]$&<]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+-]|\d+[.)])(?=\s|$)/gm, (_, space: string, mark: string) =>
      mark.length === 1 ? `${space}\\${mark}` : `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`,
    )
}

/** The inverse of escapeMarkdownText, for plain fields that travelled as Markdown. */
export const unescapeMarkdownText = (markdown: string): string =>
  markdown.replace(/\\([\\`*_[\]$&<#>+.)!-])/g, '$1')

/**
 * A name for a target that shows plain text (Moodle question names, QTI titles): the maths in
 * it becomes readable text (`$\frac{1}{2}$` → `1/2`), everything else is left exactly as written.
 */
export const plainTitle = (source: string): string =>
  source
    .replace(MATH, (match) => (match === '\\$' ? '$' : plainText(match)))
    .replace(/\s+/g, ' ')
    .trim()

/** Text that may hold TeX (`\(…\)` etc.) → Markdown: TeX kept as is, the rest escaped. */
export function textWithTexToMarkdown(text: string): string {
  let out = ''
  let last = 0
  for (const match of text.matchAll(FOREIGN_MATH)) {
    out += escapeMarkdownText(text.slice(last, match.index))
    out += match[0]
    last = match.index + match[0].length
  }
  return out + escapeMarkdownText(text.slice(last))
}

export interface HtmlImage {
  src: string
  alt: string
}

export interface HtmlToMarkdownOptions {
  /**
   * Called for every `<img>`: return Markdown to put in its place (`''` to drop it). Without it
   * an image becomes `![alt](src)` for http(s) addresses and `![alt]()` otherwise.
   */
  image?: (image: HtmlImage) => string
}

const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'tr',
  'pre',
  'hr',
  'figure',
  'center',
])
// Never content: their text would be code or styling, not part of a question.
const DROPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'iframe'])

/**
 * Another tool's HTML → our Markdown, safely: the HTML is parsed (never pattern-stripped), only
 * text, emphasis, line breaks, lists, links and images survive, Markdown's own characters in the
 * text are escaped, and TeX between `\(…\)`, `\[…\]` or `$$…$$` is kept untouched.
 */
export function htmlToMarkdown(html: string, options: HtmlToMarkdownOptions = {}): string {
  const doc = parseDocument(html, { decodeEntities: true })
  const walk = (nodes: ChildNode[], pre: boolean): string => {
    let out = ''
    for (const node of nodes) {
      if (node instanceof Text) {
        out += pre
          ? textWithTexToMarkdown(node.data)
          : textWithTexToMarkdown(node.data.replace(/\s+/g, ' '))
        continue
      }
      if (!(node instanceof Element)) continue
      const name = node.name.toLowerCase()
      if (DROPPED.has(name)) continue
      const inner = () => walk(node.children, pre || name === 'pre')
      switch (name) {
        case 'br':
          out += '  \n'
          break
        case 'strong':
        case 'b': {
          const text = inner().trim()
          if (text) out += `**${text}**`
          break
        }
        case 'em':
        case 'i': {
          const text = inner().trim()
          if (text) out += `*${text}*`
          break
        }
        case 'sup':
          out += `^${inner()}`
          break
        case 'img': {
          const image = { src: node.attribs.src ?? '', alt: node.attribs.alt ?? '' }
          if (options.image) out += options.image(image)
          else {
            const src = /^https?:\/\//i.test(image.src) ? image.src : ''
            out += `![${escapeMarkdownText(image.alt)}](${src.replace(/[()\s]/g, encodeURIComponent)})`
          }
          break
        }
        case 'a': {
          const href = node.attribs.href ?? ''
          const text = inner()
          out += /^https?:\/\//i.test(href)
            ? `[${text}](${href.replace(/[()\s]/g, encodeURIComponent)})`
            : text
          break
        }
        case 'li':
          out += `\n\n- ${inner().trim()}\n\n`
          break
        case 'td':
        case 'th':
          out += ` ${inner().trim()} `
          break
        default:
          out += BLOCKS.has(name) ? `\n\n${inner()}\n\n` : inner()
      }
    }
    return out
  }
  return walk(doc.children, false)
    .split('\n')
    .map((line) => (line.endsWith('  ') && line.trim() ? `${line.trimEnd()}  ` : line.trim()))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/ {2}\n\n/g, '\n\n')
    .trim()
}

/** The visible text of an HTML fragment, whitespace collapsed (for names, tags, matching). */
export function htmlText(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true })
  const walk = (nodes: ChildNode[]): string =>
    nodes
      .map((node) =>
        node instanceof Text
          ? node.data
          : node instanceof Element && !DROPPED.has(node.name.toLowerCase())
            ? ` ${walk(node.children)} `
            : '',
      )
      .join('')
  return walk(doc.children).replace(/\s+/g, ' ').trim()
}

/** UTF-8 text → base64, without Buffer (so the same code runs in workerd and Node). */
export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/** An empty image address, as in `![A diagram]()`: the image was not in the file. */
export const MISSING_IMAGE = /!\[[^\]]*\]\(\s*\)/
