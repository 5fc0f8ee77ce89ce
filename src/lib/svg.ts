/**
 * Diagram SVG checking. An item's diagram is parsed as XML, checked against an allowlist of
 * drawing elements and presentation attributes, and re-serialized from the parsed tree, so what
 * is stored is exactly what was checked. Anything outside the allowlist (scripts, `on*`
 * handlers, `<foreignObject>`, external `href`s, `url(…)` in styles) is refused with a reason
 * rather than silently dropped: an author should know their diagram changed.
 */
import render from 'dom-serializer'
import { type ChildNode, Element } from 'domhandler'
import { parseDocument } from 'htmlparser2'

const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'title',
  'desc',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'path',
  'text',
  'tspan',
  'marker',
  'use',
  'symbol',
  'lineargradient',
  'radialgradient',
  'stop',
  'pattern',
  'clippath',
])

const ATTRIBUTES = new Set([
  'xmlns',
  'xmlns:xlink',
  'version',
  'id',
  'class',
  'viewbox',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'dx',
  'dy',
  'd',
  'points',
  'transform',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'preserveaspectratio',
  'role',
  'aria-label',
  'aria-hidden',
  'marker-start',
  'marker-mid',
  'marker-end',
  'markerwidth',
  'markerheight',
  'refx',
  'refy',
  'orient',
  'markerunits',
  'offset',
  'stop-color',
  'stop-opacity',
  'gradientunits',
  'patternunits',
  'clip-path',
  'href',
  'xlink:href',
  'style',
])

export class SvgError extends Error {
  override name = 'SvgError'
}

/** Check an SVG diagram and return it re-serialized; throws SvgError naming what is unsafe. */
export function sanitizeSvg(source: string): string {
  const document = parseDocument(source.trim(), { xmlMode: true })
  const roots = document.children.filter(
    (node) => node instanceof Element || (node.type === 'text' && node.data.trim() !== ''),
  )
  const root = roots[0]
  if (roots.length !== 1 || !(root instanceof Element) || root.name !== 'svg') {
    throw new SvgError('a diagram must be a single <svg> element')
  }
  check(root)
  return render(root, { xmlMode: true, selfClosingTags: true })
}

/**
 * A diagram's text alternative: the text of the `<title>` and `<desc>` that are direct children of
 * its `<svg>` (null when missing), and whether they come first, before anything drawn, which is
 * where assistive technology looks for them.
 */
export function svgTextAlternative(source: string): {
  title: string | null
  desc: string | null
  first: boolean
} {
  const root = parseDocument(source.trim(), { xmlMode: true }).children.find(
    (node): node is Element => node instanceof Element,
  )
  const children = root?.children.filter((node): node is Element => node instanceof Element) ?? []
  const text = (name: string) => {
    const element = children.find((child) => child.name.toLowerCase() === name)
    return element ? textOf(element).replace(/\s+/g, ' ').trim() : null
  }
  const leading = children.slice(0, 2).map((child) => child.name.toLowerCase())
  return {
    title: text('title'),
    desc: text('desc'),
    first: leading.includes('title') && leading.includes('desc'),
  }
}

const textOf = (node: ChildNode): string =>
  node.type === 'text'
    ? node.data
    : node instanceof Element
      ? node.children.map(textOf).join('')
      : ''

function check(node: ChildNode): void {
  if (node.type === 'comment' || node.type === 'directive' || node.type === 'cdata') {
    throw new SvgError(`comments, CDATA and processing instructions are not allowed`)
  }
  if (!(node instanceof Element)) return
  if (!ELEMENTS.has(node.name.toLowerCase())) {
    throw new SvgError(`<${node.name}> is not allowed in a diagram`)
  }
  for (const [name, value] of Object.entries(node.attribs)) {
    const lower = name.toLowerCase()
    if (lower.startsWith('on')) throw new SvgError(`event handler ${name} is not allowed`)
    if (!ATTRIBUTES.has(lower)) throw new SvgError(`attribute ${name} is not allowed`)
    if ((lower === 'href' || lower === 'xlink:href') && !/^#[\w-]+$/.test(value)) {
      throw new SvgError(`${name}="${value}" is an external reference; only #fragment links`)
    }
    if (/url\s*\(\s*['"]?\s*(?!#)/i.test(value) || /expression\s*\(|javascript:/i.test(value)) {
      throw new SvgError(`${name}="${value}" refers to something outside the diagram`)
    }
  }
  node.children.forEach(check)
}
