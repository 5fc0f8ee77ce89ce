/**
 * Markdown with TeX → readable plain text, and the maths grammar itself. No KaTeX and no
 * markdown-it here: the main Worker (search, pages, posts) uses these on every read, while the
 * rendering that needs those libraries runs in the renderer Worker (src/renderer/).
 */

// `$$…$$`, `\[…\]`, `\(…\)`, then `$…$`; a `\$` is a literal dollar. Single-dollar maths must not
// start or end with a space, so "costs $3 and $4" style prose is left alone.
/** The maths grammar, shared with the exports (src/interchange) so both agree on what is maths. */
export const MATH =
  /\\\$|\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\$(?=\S)((?:\\\$|[^$\n])+?)(?<=\S)\$/g

const TEX_SYMBOLS: Record<string, string> = {
  times: '×',
  div: '÷',
  cdot: '·',
  circ: '°',
  '%': '%',
  pi: 'π',
  le: '≤',
  leq: '≤',
  ge: '≥',
  geq: '≥',
  neq: '≠',
  approx: '≈',
  pm: '±',
  lt: '<',
  gt: '>',
  sqrt: '√',
  angle: '∠',
}

/**
 * Markdown with TeX → readable plain text (`$\frac{1}{2} \times 4$` → `1/2 × 4`), for search
 * snippets, titles and exports that cannot carry HTML.
 */
export function plainText(source: string): string {
  return source
    .replace(/\\\$/g, '\uE002') // a literal dollar survives the stripping of maths delimiters
    .replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, '$1/$2')
    .replace(/\\(?:text|mathrm|mathbf|mathit|operatorname)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\^\s*\{?2\}?/g, '²')
    .replace(/\^\s*\{?3\}?/g, '³')
    .replace(
      /\\([a-zA-Z]+|%)\s?/g,
      (_, name: string) => TEX_SYMBOLS[name] ?? (/^[a-z]+$/i.test(name) ? '' : name),
    )
    .replace(/\\[,;:! ]|~/g, ' ')
    .replace(/[{}$]|\\[()[\]]/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\uE002/g, '$')
    .trim()
}
