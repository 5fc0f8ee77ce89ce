/**
 * How maths writing becomes search terms, the same way for the bank and for a teacher's query:
 * `×`, `x` between numbers and "times" are one word; `½`, `1/2`, `\frac{1}{2}` and "a half" are
 * one term; TeX commands become what they mean; plurals fold to their singular; stop-words go.
 */

const VULGAR: Record<string, string> = {
  '½': '1/2',
  '⅓': '1/3',
  '⅔': '2/3',
  '¼': '1/4',
  '¾': '3/4',
  '⅕': '1/5',
  '⅖': '2/5',
  '⅗': '3/5',
  '⅘': '4/5',
  '⅙': '1/6',
  '⅚': '5/6',
  '⅛': '1/8',
  '⅜': '3/8',
  '⅝': '5/8',
  '⅞': '7/8',
  '⅐': '1/7',
  '⅑': '1/9',
  '⅒': '1/10',
}

// TeX commands → the words a teacher would type. Unlisted commands lose their backslash.
const TEX_WORDS: Record<string, string> = {
  times: ' times ',
  cdot: ' times ',
  div: ' divide ',
  pm: ' plus minus ',
  le: ' less than or equal ',
  leq: ' less than or equal ',
  ge: ' greater than or equal ',
  geq: ' greater than or equal ',
  lt: ' less than ',
  gt: ' greater than ',
  neq: ' not equal ',
  ne: ' not equal ',
  approx: ' approximately ',
  circ: ' degrees ',
  degree: ' degrees ',
  pi: ' pi ',
  angle: ' angle ',
  sqrt: ' square root ',
  '%': ' percent ',
  infty: ' infinity ',
}

const NUMBER_WORDS: [RegExp, string][] = [
  [/\b(?:a|one) half\b|\bhalf\b|\bhalves\b/g, ' 1/2 '],
  [/\b(?:a|one) third\b/g, ' 1/3 '],
  [/\btwo thirds\b/g, ' 2/3 '],
  [/\b(?:a|one) quarter\b|\bquarter\b/g, ' 1/4 '],
  [/\bthree quarters\b/g, ' 3/4 '],
  [/\b(?:a|one) fifth\b/g, ' 1/5 '],
  [/\b(?:a|one) tenth\b/g, ' 1/10 '],
  [/\bmultiplied by\b|\bmultiply\b|\bmultiplying\b|\bmultiplication\b/g, ' times '],
  [/\bdivided by\b|\bdividing\b|\bdivision\b/g, ' divide '],
  [/\bper ?cent(?:age)?s?\b/g, ' percent '],
]

// Any character that one of the symbol rewrites below acts on; most prose has none of them.
const SYMBOLS = /[\\^×✕✖*÷%−–½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞⅐⅑⅒²³√π°≤≥⁄/\d]|[^\x00-\x7f]/

/** Rewrite maths notation in a piece of text (or a query) into plain searchable words. */
export function normalizeMaths(input: string): string {
  let text = SYMBOLS.test(input) ? rewriteSymbols(input) : input.toLowerCase()
  for (const [pattern, replacement] of NUMBER_WORDS) text = text.replace(pattern, replacement)
  return text
}

function rewriteSymbols(input: string): string {
  let text = input
    .replace(/²/g, ' squared ')
    .replace(/³/g, ' cubed ')
    .replace(/√/g, ' square root ')
    .replace(/π/g, ' pi ')
    .replace(/°/g, ' degrees ')
    .replace(/≤/g, ' less than or equal ')
    .replace(/≥/g, ' greater than or equal ')
    .normalize('NFKC')
    .toLowerCase()
  // NFKC turns ½ into 1⁄2 (fraction slash); fold both spellings to a plain slash.
  text = text.replace(/[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞⅐⅑⅒]/g, (c) => ` ${VULGAR[c]} `).replace(/\u2044/g, '/')
  // \frac{a}{b}, \dfrac{a}{b}, \tfrac12 → a/b
  text = text.replace(/\\[dt]?frac\s*\{\s*([^{}]*?)\s*\}\s*\{\s*([^{}]*?)\s*\}/g, ' $1/$2 ')
  text = text.replace(/\\[dt]?frac\s*(\d)(\d)/g, ' $1/$2 ')
  text = text.replace(
    /\\text(?:rm|bf|it)?\s*\{([^{}]*)\}|\\math(?:rm|bf|it)\s*\{([^{}]*)\}/g,
    ' $1$2 ',
  )
  text = text.replace(/\^\s*\{?\s*2\s*\}?/g, ' squared ').replace(/\^\s*\{?\s*3\s*\}?/g, ' cubed ')
  text = text.replace(/\\([a-z]+|%)/g, (_, name: string) => TEX_WORDS[name] ?? ' ')
  text = text
    .replace(/[×✕✖*]/g, ' times ')
    .replace(/÷/g, ' divide ')
    .replace(/%/g, ' percent ')
  text = text.replace(/[−–]/g, '-')
  // 4x4, 4 x 4: an x between two numbers is a times sign, not a letter.
  text = text.replace(/(\d)\s*x\s*(?=\d)/g, '$1 times ')
  // Spaces around a fraction slash (1 / 2) close up so the fraction stays one term.
  return text.replace(/(\d)\s*\/\s*(\d)/g, '$1/$2')
}

/** Words that carry no meaning in a search of this bank. */
export const STOP_WORDS = new Set(
  `a an and are as at be by do does for from has have how i in into is it its my of on or our so
  that the their them then there these they this to was we what when where which who why will with
  you your pupil pupils child children student students think thinks`.split(/\s+/),
)

/** Split normalised text into candidate terms; a fraction like 3/4 and a decimal like 0.25 stay whole. */
export function tokenize(text: string): string[] {
  return normalizeMaths(text).match(/\d+(?:[./]\d+)+|[\p{L}\p{N}]+/gu) ?? []
}

// Words that end in s but are not plurals (and "times" must not become the topic "time").
const NOT_PLURAL = new Set([
  'times',
  'axis',
  'minus',
  'plus',
  'always',
  'perhaps',
  'lens',
  'less',
  'gas',
])

/** One token → its indexed form, or null for a stop-word. Plurals fold to the singular. */
export function processTerm(term: string): string | null {
  if (STOP_WORDS.has(term)) return null
  if (NOT_PLURAL.has(term)) return term
  if (term.length > 4 && term.endsWith('ies')) return `${term.slice(0, -3)}y`
  if (term.length > 3 && term.endsWith('s') && !term.endsWith('ss') && !term.endsWith('us'))
    return term.slice(0, -1)
  return term
}

// The word-level rewrites of normalizeMaths, for a single word of plain letters or digits.
const WORDS: Record<string, string> = {
  half: '1/2',
  halves: '1/2',
  quarter: '1/4',
  multiply: 'times',
  multiplied: 'times',
  multiplying: 'times',
  multiplication: 'times',
  dividing: 'divide',
  division: 'divide',
  percentage: 'percent',
  percentages: 'percent',
  percents: 'percent',
}

/**
 * One word (letters and digits only) → its indexed term, without normalizeMaths' full pass:
 * highlighting runs this on every word of every snippet shown.
 */
export function wordTerm(word: string): string | null {
  const lower = word.toLowerCase()
  return processTerm(WORDS[lower] ?? lower)
}
