/**
 * A deterministic synthetic bank for the search benchmark: items and misconceptions written in the
 * same maths vocabulary as the starter bank (constructs, TeX stems, numeric options, misconception
 * titles), spread over the real taxonomy so topic, strand and year filters behave as they would.
 *
 * Items and misconceptions are generated as authored input (the shape content/ files and the
 * authoring API accept), then projected two ways:
 * - `toSearchSource`: what `loadSearchSource` (src/search/search.queries.ts) would read from
 *   the D1 rows, for the in-isolate benchmark without a database;
 * - `toCompiledBank`: validated and compiled by the real schemas and compiler, for
 *   `seedStatements` in the end-to-end benchmark.
 */
import type { CompiledBank } from '../src/bank/check.ts'
import { compileItem, compileMisconception, type TaxonomyRecord } from '../src/bank/compile.ts'
import {
  type ItemInput,
  itemInputSchema,
  type MisconceptionInput,
  misconceptionInputSchema,
} from '../src/bank/schemas.ts'
import type { SearchSource } from '../src/search/build-index.ts'

/** mulberry32: tiny, fast and good enough for picking words; the same seed gives the same bank. */
export function prng(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T
  return { next, int, pick }
}

export interface SyntheticBank {
  taxonomy: TaxonomyRecord
  misconceptions: MisconceptionInput[]
  items: ItemInput[]
}

/** The numbers and words one item is written with. */
interface Vars {
  a: number
  b: number
  c: number
  unit: string
  shape: string
  name: string
}

/** One kind of question: its construct, its stem, and its options (correct answer first). */
interface Construct {
  construct: (v: Vars) => string
  stem: (v: Vars) => string
  options: (v: Vars) => string[]
}

const tex = (s: string | number) => `$${s}$`
const withUnit = (n: number | string, unit: string) => tex(`${n}\\text{ ${unit}}`)
const frac = (n: number, d: number) => tex(`\\frac{${n}}{${d}}`)
const NAMES = ['Amir', 'Bella', 'Chen', 'Dara', 'Ellie', 'Femi', 'Grace', 'Hugo', 'Isla', 'Jay']
const LENGTH_UNITS = ['cm', 'm', 'mm', 'km']

const c = (
  construct: string | ((v: Vars) => string),
  stem: (v: Vars) => string,
  options: (v: Vars) => (string | number)[],
): Construct => ({
  construct: typeof construct === 'string' ? () => construct : construct,
  stem,
  options: (v) => options(v).map((o) => (typeof o === 'number' ? tex(o) : o)),
})

/**
 * Question kinds per topic slug. Topics not listed here (the taxonomy may grow) get a generic
 * construct written from the topic's own name.
 */
const CONSTRUCTS: Record<string, Construct[]> = {
  'place-value': [
    c(
      'Identify the value of a digit in a whole number',
      (v) =>
        `What is the value of the digit ${v.a % 9 || 7} in ${tex(v.a * 1000 + v.b * 10 + v.c)}?`,
      (v) => [(v.a % 9 || 7) * 1000, v.a % 9 || 7, (v.a % 9 || 7) * 100, 'thousands'],
    ),
    c(
      'Read and write numbers up to one million in words and figures',
      (v) => `Write ${v.a} thousand and ${v.b} in figures.`,
      (v) => [v.a * 1000 + v.b, `${v.a}${v.b}`, v.a * 100 + v.b, v.a * 10000 + v.b],
    ),
  ],
  'ordering-numbers': [
    c(
      'Order decimals with different numbers of decimal places',
      (v) =>
        `Which is the largest: ${tex(`0.${v.a}`)}, ${tex(`0.${v.b}${v.c}`)} or ${tex(`0.${v.c}`)}?`,
      (v) => [`0.${Math.max(v.a, v.c)}`, `0.${v.b}${v.c}`, 'They are equal', `0.${v.c}`],
    ),
    c(
      'Compare numbers using the inequality symbols',
      (v) => `Which symbol makes ${tex(`${v.a * 10} \\;\\square\\; ${v.b * 10 + 1}`)} true?`,
      () => [tex('<'), tex('>'), tex('='), tex('\\geq')],
    ),
  ],
  rounding: [
    c(
      (v) => `Round a number to the nearest ${v.a % 2 ? 'ten' : 'hundred'}`,
      (v) =>
        `Round ${tex(v.a * 100 + v.b * 10 + v.c)} to the nearest ${v.a % 2 ? 'ten' : 'hundred'}.`,
      (v) => [v.a * 100 + v.b * 10, v.a * 100, v.a * 100 + 100, v.a * 100 + v.b * 10 + 10],
    ),
    c(
      'Round to a given number of significant figures',
      (v) => `Round ${tex(`0.0${v.a}${v.b}${v.c}`)} to 2 significant figures.`,
      (v) => [`0.0${v.a}${v.b}`, `0.0${v.a}`, `0.${v.a}${v.b}`, `0.0${v.a}${v.b}${v.c}`],
    ),
  ],
  'negative-numbers': [
    c(
      'Add and subtract with negative numbers',
      (v) => `Work out ${tex(`-${v.a} + ${v.b}`)}.`,
      (v) => [v.b - v.a, -(v.a + v.b), v.a + v.b, v.a - v.b],
    ),
    c(
      'Find the difference between two temperatures either side of zero',
      (v) =>
        `The temperature was ${withUnit(`-${v.a}`, '°C')} at night and ${withUnit(v.b, '°C')} at noon. How much did it rise?`,
      (v) => [withUnit(v.a + v.b, '°C'), withUnit(v.b - v.a, '°C'), withUnit(v.a - v.b, '°C')],
    ),
  ],
  'powers-and-roots': [
    c(
      'Calculate squares, cubes and their roots',
      (v) => `Work out ${tex(`${v.a}^2`)}.`,
      (v) => [v.a * v.a, v.a * 2, `${v.a}${v.a}`, v.a + 2],
    ),
    c(
      'Write a number in standard form',
      (v) => `Write ${tex(v.a * 100000)} in standard form.`,
      (v) => [
        tex(`${v.a} \\times 10^5`),
        tex(`${v.a} \\times 10^6`),
        tex(`${v.a}0 \\times 10^4`),
        tex(`${v.a}^5`),
      ],
    ),
  ],
  'addition-subtraction': [
    c(
      'Subtract using the column method with exchanging',
      (v) => `Work out ${tex(`${v.a * 100 + 3} - ${v.b * 10 + 7}`)}.`,
      (v) => [
        v.a * 100 + 3 - (v.b * 10 + 7),
        v.a * 100 + 7 - (v.b * 10 + 3),
        v.a * 100 + 3 + v.b * 10 + 7,
      ],
    ),
    c(
      'Solve a two-step addition and subtraction word problem',
      (v) =>
        `${v.name} has ${v.a + 20} stickers, gives away ${v.b} and is given ${v.c}. How many now?`,
      (v) => [v.a + 20 - v.b + v.c, v.a + 20 + v.b + v.c, v.a + 20 - v.b - v.c],
    ),
  ],
  'multiplication-division': [
    c(
      'Multiply a two-digit number by a one-digit number',
      (v) => `Work out ${tex(`${v.a + 10} \\times ${v.c}`)}.`,
      (v) => [(v.a + 10) * v.c, (v.a + 10) * v.c + 10, (v.a + 10 + v.c) * 1, `${v.c}${v.a}`],
    ),
    c(
      'Divide with a remainder and interpret it in context',
      (v) =>
        `${v.a * 4 + 3} pupils go on a trip. Each minibus holds ${v.b + 4}. How many minibuses are needed?`,
      (v) => [
        Math.ceil((v.a * 4 + 3) / (v.b + 4)),
        Math.floor((v.a * 4 + 3) / (v.b + 4)),
        `${Math.floor((v.a * 4 + 3) / (v.b + 4))} remainder ${(v.a * 4 + 3) % (v.b + 4)}`,
      ],
    ),
  ],
  'order-of-operations': [
    c(
      'Use the order of operations with brackets and powers',
      (v) => `Work out ${tex(`${v.a} + ${v.b} \\times ${v.c}`)}.`,
      (v) => [v.a + v.b * v.c, (v.a + v.b) * v.c, v.a * v.b + v.c],
    ),
  ],
  'factors-multiples-primes': [
    c(
      'Identify factors, multiples and prime numbers',
      (v) => `Which of these is a prime number?`,
      (v) => [v.a % 2 ? 13 : 17, 21, 27, 1],
    ),
    c(
      'Find the lowest common multiple of two numbers',
      (v) => `What is the lowest common multiple of ${tex(v.a + 2)} and ${tex(v.b + 3)}?`,
      (v) => [lcm(v.a + 2, v.b + 3), (v.a + 2) * (v.b + 3), Math.max(v.a + 2, v.b + 3), 1],
    ),
  ],
  'equivalent-fractions': [
    c(
      'Recognise and find equivalent fractions',
      (v) => `Which fraction is equivalent to ${frac(v.a, v.a + v.b)}?`,
      (v) => [
        frac(v.a * 2, (v.a + v.b) * 2),
        frac(v.a + 2, v.a + v.b + 2),
        frac(v.a * 2, v.a + v.b),
      ],
    ),
    c(
      'Simplify a fraction fully',
      (v) => `Write ${frac(v.a * 4, (v.a + v.b) * 4)} in its simplest form.`,
      (v) => [
        frac(v.a, v.a + v.b),
        frac(v.a * 2, (v.a + v.b) * 2),
        frac(v.a * 4 - 3, (v.a + v.b) * 4 - 3),
      ],
    ),
  ],
  'fraction-arithmetic': [
    c(
      'Add fractions with different denominators',
      (v) => `Work out ${tex(`\\frac{1}{${v.a + 1}} + \\frac{1}{${v.b + 2}}`)}.`,
      (v) => [
        frac(v.a + v.b + 3, (v.a + 1) * (v.b + 2)),
        frac(2, v.a + v.b + 3),
        frac(1, v.a + v.b + 3),
      ],
    ),
    c(
      'Find a fraction of an amount',
      (v) => `What is ${frac(3, 4)} of ${withUnit(v.a * 4, 'kg')}?`,
      (v) => [withUnit(v.a * 3, 'kg'), withUnit(v.a, 'kg'), withUnit(v.a * 4 * 3, 'kg')],
    ),
    c(
      'Multiply a fraction by a whole number',
      (v) => `Work out ${tex(`\\frac{${v.a}}{${v.a + v.b}} \\times ${v.c}`)}.`,
      (v) => [
        frac(v.a * v.c, v.a + v.b),
        frac(v.a * v.c, (v.a + v.b) * v.c),
        frac(v.a + v.c, v.a + v.b),
      ],
    ),
  ],
  decimals: [
    c(
      'Multiply a decimal by 10, 100 or 1000',
      (v) => `Work out ${tex(`${v.a}.${v.b} \\times 100`)}.`,
      (v) => [v.a * 100 + v.b * 10, `${v.a}.${v.b}00`, `${v.a}00.${v.b}`, v.a * 10 + v.b],
    ),
    c(
      'Add decimals with different numbers of decimal places',
      (v) => `Work out ${tex(`${v.a}.${v.b} + 0.${v.c}5`)}.`,
      (v) => [
        (v.a + v.b / 10 + v.c / 10 + 0.05).toFixed(2),
        `${v.a}.${v.b + v.c}5`,
        `${v.a}.${v.b}${v.c}5`,
      ],
    ),
  ],
  percentages: [
    c(
      'Find a percentage of an amount',
      (v) => `What is ${tex(`${v.a * 5}\\%`)} of ${tex(`\\pounds ${v.b * 20}`)}?`,
      (v) => [
        tex(`\\pounds ${(v.a * 5 * v.b * 20) / 100}`),
        tex(`\\pounds ${v.a * 5}`),
        tex(`\\pounds ${v.b * 20 - v.a * 5}`),
      ],
    ),
    c(
      'Calculate a percentage increase or decrease',
      (v) =>
        `A coat costs ${tex(`\\pounds ${v.a * 10}`)}. The price rises by ${tex('10\\%')}. What is the new price?`,
      (v) => [
        tex(`\\pounds ${v.a * 11}`),
        tex(`\\pounds ${v.a * 10 + 10}`),
        tex(`\\pounds ${v.a}`),
      ],
    ),
  ],
  'fdp-conversion': [
    c(
      'Convert between fractions, decimals and percentages',
      (v) => `Write ${frac(v.a, 10)} as a decimal and as a percentage.`,
      (v) => [`0.${v.a} and ${v.a}0%`, `${v.a}.10 and ${v.a}%`, `0.${v.a} and ${v.a}%`],
    ),
  ],
  ratio: [
    c(
      'Share an amount in a given ratio',
      (v) => `Share ${tex(`\\pounds ${(v.a + v.b) * 6}`)} in the ratio ${tex(`${v.a}:${v.b}`)}.`,
      (v) => [
        tex(`\\pounds ${v.a * 6} : \\pounds ${v.b * 6}`),
        tex(`\\pounds ${((v.a + v.b) * 6) / 2} each`),
        tex(`\\pounds ${v.a} : \\pounds ${v.b}`),
      ],
    ),
    c(
      'Write a ratio in its simplest form',
      (v) => `Simplify the ratio ${tex(`${v.a * 6}:${v.b * 6}`)}.`,
      (v) => [tex(`${v.a}:${v.b}`), tex(`${v.a * 3}:${v.b * 3}`), tex(`${v.b}:${v.a}`)],
    ),
  ],
  proportion: [
    c(
      'Use direct proportion to scale a recipe',
      (v) =>
        `A recipe for ${v.c + 1} people uses ${withUnit(v.a * 50, 'g')} of flour. How much for ${(v.c + 1) * 2} people?`,
      (v) => [withUnit(v.a * 100, 'g'), withUnit(v.a * 50 + v.c + 1, 'g'), withUnit(v.a * 25, 'g')],
    ),
  ],
  rates: [
    c(
      'Calculate speed, distance and time',
      (v) =>
        `A car travels ${withUnit(v.a * 30, 'km')} in ${v.a} hours. What is its average speed?`,
      () => [withUnit(30, 'km/h'), withUnit(60, 'km/h'), withUnit(15, 'km/h')],
    ),
    c(
      'Compare unit prices to find the best buy',
      (v) =>
        `Which is better value: ${v.a} pens for ${tex(`\\pounds ${v.a * 2}`)} or ${v.b + 1} pens for ${tex(`\\pounds ${(v.b + 1) * 2 + 1}`)}?`,
      () => ['The first pack', 'The second pack', 'They are the same value'],
    ),
  ],
  'algebraic-notation': [
    c(
      'Simplify an expression by collecting like terms',
      (v) => `Simplify ${tex(`${v.a}a + ${v.b}b + ${v.c}a`)}.`,
      (v) => [
        tex(`${v.a + v.c}a + ${v.b}b`),
        tex(`${v.a + v.b + v.c}ab`),
        tex(`${v.a + v.b + v.c}a`),
      ],
    ),
    c(
      'Expand a single bracket',
      (v) => `Expand ${tex(`${v.a}(x + ${v.b})`)}.`,
      (v) => [tex(`${v.a}x + ${v.a * v.b}`), tex(`${v.a}x + ${v.b}`), tex(`x + ${v.a * v.b}`)],
    ),
    c(
      'Interpret algebraic notation such as 2n and n squared',
      (v) => `What is ${tex('2n')} when ${tex(`n = ${v.a}`)}?`,
      (v) => [2 * v.a, `2${v.a}`, 2 + v.a, v.a * v.a],
    ),
  ],
  substitution: [
    c(
      'Substitute values into a formula',
      (v) =>
        `Find ${tex('P')} when ${tex(`P = 2l + 2w`)}, ${tex(`l = ${v.a}`)} and ${tex(`w = ${v.b}`)}.`,
      (v) => [2 * v.a + 2 * v.b, v.a * v.b, 2 * v.a * v.b, `2${v.a} + 2${v.b}`],
    ),
  ],
  equations: [
    c(
      'Solve a two-step linear equation',
      (v) => `Solve ${tex(`${v.a}x + ${v.b} = ${v.a * v.c + v.b}`)}.`,
      (v) => [tex(`x = ${v.c}`), tex(`x = ${v.a * v.c + 2 * v.b}`), tex(`x = ${v.c + v.b}`)],
    ),
    c(
      'Form and solve an equation from a word problem',
      (v) =>
        `${v.name} thinks of a number, multiplies it by ${v.a} and adds ${v.b}. The answer is ${v.a * v.c + v.b}. What was the number?`,
      (v) => [v.c, v.a * v.c + v.b, v.c + v.b],
    ),
  ],
  sequences: [
    c(
      'Find the nth term of a linear sequence',
      (v) =>
        `Find the nth term of ${tex(`${v.a + v.b}, ${2 * v.a + v.b}, ${3 * v.a + v.b}, \\ldots`)}.`,
      (v) => [tex(`${v.a}n + ${v.b}`), tex(`n + ${v.a}`), tex(`${v.a}n + ${v.a + v.b}`)],
    ),
    c(
      'Continue a sequence using the term-to-term rule',
      (v) => `What is the next term: ${tex(`${v.a}, ${v.a + v.c}, ${v.a + 2 * v.c}, \\ldots`)}?`,
      (v) => [v.a + 3 * v.c, v.a + 2 * v.c + 1, 2 * (v.a + 2 * v.c)],
    ),
  ],
  graphs: [
    c(
      'Plot and read coordinates in the first quadrant',
      (v) => `Point ${tex('A')} is ${v.a} across and ${v.b} up. What are its coordinates?`,
      (v) => [tex(`(${v.a}, ${v.b})`), tex(`(${v.b}, ${v.a})`), tex(`(${v.a + v.b}, 0)`)],
    ),
    c(
      'Identify the gradient and intercept of a straight line',
      (v) => `What is the gradient of ${tex(`y = ${v.a}x + ${v.b}`)}?`,
      (v) => [v.a, v.b, tex(`${v.a}x`), frac(v.b, v.a)],
    ),
  ],
  perimeter: [
    c(
      (v) => `Calculate the perimeter of a ${v.shape} given its side lengths`,
      (v) =>
        `A ${v.shape} is ${withUnit(v.a, v.unit)} wide and ${withUnit(v.b, v.unit)} long. What is its perimeter?`,
      (v) => [
        withUnit(2 * (v.a + v.b), v.unit),
        withUnit(v.a * v.b, v.unit),
        withUnit(v.a + v.b, v.unit),
        withUnit(2 * v.a * v.b, v.unit),
      ],
    ),
    c(
      'Find the perimeter of a compound rectilinear shape',
      (v) =>
        `An L-shape is made from two rectangles, ${tex(`${v.a} \\times ${v.b}`)} and ${tex(`${v.c} \\times ${v.b}`)} (in ${v.unit}). What is its perimeter?`,
      (v) => [
        withUnit(2 * (v.a + v.c + v.b), v.unit),
        withUnit(v.a + v.b + v.c, v.unit),
        withUnit(v.a * v.b + v.c * v.b, v.unit),
      ],
    ),
  ],
  area: [
    c(
      (v) => `Calculate the area of a ${v.shape} from its dimensions`,
      (v) =>
        `A ${v.shape} has a base of ${withUnit(v.a, v.unit)} and a height of ${withUnit(v.b, v.unit)}. What is its area?`,
      (v) => [
        tex(`${v.a * v.b}\\text{ ${v.unit}}^2`),
        tex(`${2 * (v.a + v.b)}\\text{ ${v.unit}}^2`),
        withUnit(v.a * v.b, v.unit),
        tex(`${(v.a * v.b) / 2}\\text{ ${v.unit}}^2`),
      ],
    ),
    c(
      'Find the area of a triangle using half base times height',
      (v) =>
        `A triangle has base ${withUnit(v.a * 2, v.unit)} and perpendicular height ${withUnit(v.b, v.unit)}. Find its area.`,
      (v) => [
        tex(`${v.a * v.b}\\text{ ${v.unit}}^2`),
        tex(`${2 * v.a * v.b}\\text{ ${v.unit}}^2`),
        tex(`${v.a * 2 + v.b}\\text{ ${v.unit}}^2`),
      ],
    ),
    c(
      'Estimate area by counting squares on a grid',
      (v) =>
        `Each square is ${tex('1\\text{ cm}^2')}. The shape covers ${v.a} whole squares and ${v.c * 2} half squares. Estimate its area.`,
      (v) => [
        tex(`${v.a + v.c}\\text{ cm}^2`),
        tex(`${v.a}\\text{ cm}^2`),
        tex(`${v.a + 2 * v.c}\\text{ cm}^2`),
      ],
    ),
  ],
  volume: [
    c(
      'Calculate the volume of a cuboid',
      (v) =>
        `A cuboid measures ${tex(`${v.a} \\times ${v.b} \\times ${v.c}`)} ${v.unit}. What is its volume?`,
      (v) => [
        tex(`${v.a * v.b * v.c}\\text{ ${v.unit}}^3`),
        tex(`${v.a + v.b + v.c}\\text{ ${v.unit}}^3`),
        tex(`${2 * (v.a * v.b + v.b * v.c + v.a * v.c)}\\text{ ${v.unit}}^3`),
      ],
    ),
    c(
      'Convert between units of capacity',
      (v) => `How many millilitres are in ${withUnit(`${v.a}.${v.b}`, 'litres')}?`,
      (v) => [
        withUnit(v.a * 1000 + v.b * 100, 'ml'),
        withUnit(v.a * 100 + v.b * 10, 'ml'),
        withUnit(`${v.a}${v.b}00`, 'ml'),
      ],
    ),
  ],
  units: [
    c(
      'Convert between metric units of length',
      (v) => `Convert ${withUnit(`${v.a}.${v.b}`, 'm')} to centimetres.`,
      (v) => [
        withUnit(v.a * 100 + v.b * 10, 'cm'),
        withUnit(v.a * 10 + v.b, 'cm'),
        withUnit(v.a * 1000 + v.b * 100, 'cm'),
      ],
    ),
    c(
      'Convert between units of area',
      (v) => `How many square centimetres are in ${tex(`${v.a}\\text{ m}^2`)}?`,
      (v) => [
        tex(`${v.a * 10000}\\text{ cm}^2`),
        tex(`${v.a * 100}\\text{ cm}^2`),
        tex(`${v.a * 1000}\\text{ cm}^2`),
      ],
    ),
  ],
  time: [
    c(
      'Read the time on an analogue clock',
      (v) =>
        `The hour hand is just past ${v.a} and the minute hand points to ${v.c}. What time is it?`,
      (v) => [
        `${v.a}:${String(v.c * 5).padStart(2, '0')}`,
        `${v.a}:0${v.c}`,
        `${v.c}:${String(v.a * 5).padStart(2, '0')}`,
      ],
    ),
    c(
      'Calculate a duration in hours and minutes',
      (v) => `A film starts at ${v.a}:45 and lasts ${v.b + 60} minutes. When does it end?`,
      (v) => [
        `${v.a + 1 + Math.floor((v.b + 45) / 60) - 1}:${String((v.b + 45) % 60).padStart(2, '0')}`,
        `${v.a}:${v.b + 105}`,
        `${v.a + 1}:${v.b + 45}`,
      ],
    ),
  ],
  angles: [
    c(
      'Use angles on a straight line and around a point',
      (v) =>
        `Two angles on a straight line are ${tex(`${v.a * 10}^\\circ`)} and ${tex('x')}. Find ${tex('x')}.`,
      (v) => [
        tex(`${180 - v.a * 10}^\\circ`),
        tex(`${360 - v.a * 10}^\\circ`),
        tex(`${90 - v.a * 5}^\\circ`),
      ],
    ),
    c(
      'Measure an angle with a protractor',
      (v) =>
        `A protractor shows one arm on ${tex('0^\\circ')} of the outer scale and the other on ${tex(`${v.a * 10 + 5}^\\circ`)}. What is the angle?`,
      (v) => [
        tex(`${v.a * 10 + 5}^\\circ`),
        tex(`${175 - v.a * 10}^\\circ`),
        tex(`${v.a * 10}^\\circ`),
      ],
    ),
  ],
  'shapes-2d': [
    c(
      'Classify quadrilaterals by their properties',
      (v) => `A ${v.shape} has four right angles. Which of these must it also be?`,
      () => ['A rectangle', 'A rhombus', 'A kite', 'None of these'],
    ),
    c(
      'Recognise a shape in different orientations',
      (v) => `A square is rotated by ${tex('45^\\circ')}. What is it now called?`,
      () => ['A square', 'A diamond', 'A rhombus only', 'A kite'],
    ),
  ],
  'shapes-3d': [
    c(
      'Count the faces, edges and vertices of 3-D shapes',
      (v) => `How many edges does a ${v.a % 2 ? 'cube' : 'triangular prism'} have?`,
      (v) => [v.a % 2 ? 12 : 9, v.a % 2 ? 6 : 5, v.a % 2 ? 8 : 6, v.a % 2 ? 9 : 7],
    ),
  ],
  transformations: [
    c(
      'Describe a translation using a column vector',
      (v) =>
        `A shape moves ${v.a} squares right and ${v.b} squares down. Which vector describes this?`,
      (v) => [
        tex(`\\begin{pmatrix} ${v.a} \\\\ -${v.b} \\end{pmatrix}`),
        tex(`\\begin{pmatrix} ${v.b} \\\\ ${v.a} \\end{pmatrix}`),
        tex(`\\begin{pmatrix} ${v.a + 1} \\\\ -${v.b + 1} \\end{pmatrix}`),
      ],
    ),
    c(
      'Reflect a shape in a mirror line',
      (v) => `Reflect the point ${tex(`(${v.a}, ${v.b})`)} in the line ${tex('y = x')}.`,
      (v) => [tex(`(${v.b}, ${v.a})`), tex(`(${v.a}, -${v.b})`), tex(`(-${v.a}, ${v.b})`)],
    ),
  ],
  'pythagoras-trigonometry': [
    c(
      "Use Pythagoras' theorem to find the hypotenuse",
      (v) =>
        `A right-angled triangle has shorter sides ${withUnit(3 * v.c, 'cm')} and ${withUnit(4 * v.c, 'cm')}. Find the hypotenuse.`,
      (v) => [
        withUnit(5 * v.c, 'cm'),
        withUnit(7 * v.c, 'cm'),
        withUnit(25 * v.c * v.c, 'cm'),
        withUnit(`\\sqrt{${7 * v.c}}`, 'cm'),
      ],
    ),
    c(
      'Use sine, cosine and tangent in right-angled triangles',
      (v) =>
        `In a right-angled triangle the side opposite ${tex('\\theta')} is ${tex(v.a)} and the hypotenuse is ${tex(v.a + v.b)}. Which ratio is ${tex(`\\frac{${v.a}}{${v.a + v.b}}`)}?`,
      () => [tex('\\sin\\theta'), tex('\\cos\\theta'), tex('\\tan\\theta')],
    ),
  ],
  'charts-and-tables': [
    c(
      'Read and interpret a bar chart',
      (v) =>
        `On a bar chart each square is worth ${v.c + 1} pupils. The bar for football is ${v.a} squares tall. How many pupils chose football?`,
      (v) => [v.a * (v.c + 1), v.a, v.a + v.c + 1],
    ),
    c(
      'Interpret a pie chart',
      (v) =>
        `In a pie chart of ${v.a * 12} pupils, the sector for walking is ${tex('90^\\circ')}. How many pupils walk?`,
      (v) => [v.a * 3, 90, v.a * 12 - 90],
    ),
  ],
  averages: [
    c(
      'Calculate the mean, median, mode and range',
      (v) => `Find the median of ${tex(`${v.a + 5}, ${v.b}, ${v.c}, ${v.a}, ${v.b + 2}`)}.`,
      (v) => [
        median([v.a + 5, v.b, v.c, v.a, v.b + 2]),
        v.c,
        (v.a + 5 + v.b + v.c + v.a + v.b + 2) / 5,
      ],
    ),
    c(
      'Find the range of a set of data',
      (v) => `Find the range of ${tex(`${v.a}, ${v.a + v.b}, ${v.c}, ${v.a + 2}`)}.`,
      (v) => [
        Math.max(v.a + v.b, v.c) - Math.min(v.a, v.c),
        Math.max(v.a + v.b, v.c),
        v.a + v.b - v.a,
      ],
    ),
  ],
  'probability-scale': [
    c(
      'Calculate the probability of a single event',
      (v) =>
        `A bag has ${v.a} red and ${v.b} blue counters. What is the probability of picking red?`,
      (v) => [frac(v.a, v.a + v.b), frac(v.a, v.b), frac(1, 2), frac(1, v.a + v.b)],
    ),
  ],
  'combined-events': [
    c(
      'List outcomes and find probabilities of combined events',
      () => `A coin is flipped twice. What is the probability of getting one head and one tail?`,
      () => [frac(1, 2), frac(1, 4), frac(1, 3), frac(2, 3)],
    ),
    c(
      'Calculate the probability of two independent events',
      (v) =>
        `A fair dice is rolled and a coin is flipped. What is the probability of a ${v.c % 6 || 6} and a head?`,
      () => [frac(1, 12), frac(2, 3), frac(1, 8), frac(7, 12)],
    ),
  ],
}

/** Hand-written misconception titles per topic; more are made by adding a context to these. */
const MISCONCEPTION_TITLES: Record<string, string[]> = {
  'place-value': [
    'Reads each digit as ones regardless of its place',
    'Ignores zero as a place holder',
    'Writes numbers as they are said (thinks "six thousand and forty" is 600040)',
  ],
  'ordering-numbers': [
    'Thinks longer decimals are larger',
    'Thinks shorter decimals are larger because tenths are bigger',
    'Reverses the inequality symbols',
  ],
  rounding: [
    'Rounds down when the deciding digit is 5',
    'Rounds every digit in turn (double rounding)',
    'Counts leading zeros as significant figures',
  ],
  'negative-numbers': [
    'Thinks subtracting always makes a number smaller',
    'Ignores the sign when adding a negative number',
    'Thinks -8 is greater than -3',
  ],
  'powers-and-roots': [
    'Multiplies by 2 instead of squaring',
    'Thinks a power multiplies the base by the index',
    'Moves the decimal point the wrong way in standard form',
  ],
  'addition-subtraction': [
    'Subtracts the smaller digit from the larger in every column',
    'Forgets to exchange across a zero',
    'Adds when the word problem says "left"',
  ],
  'multiplication-division': [
    'Adds a zero to multiply by ten with decimals',
    'Ignores the remainder in a division problem',
    'Thinks multiplication always makes a number bigger',
  ],
  'order-of-operations': [
    'Works from left to right ignoring operator priority',
    'Thinks BIDMAS means addition always comes before subtraction',
  ],
  'factors-multiples-primes': [
    'Thinks 1 is a prime number',
    'Confuses factors and multiples',
    'Multiplies the numbers to find the lowest common multiple',
  ],
  'equivalent-fractions': [
    'Adds the same number to the numerator and denominator',
    'Thinks a larger denominator means a larger fraction',
    'Simplifies by dividing only the numerator',
  ],
  'fraction-arithmetic': [
    'Adds the numerators and adds the denominators',
    'Multiplies both numerator and denominator by the whole number',
    'Divides by the numerator when finding a fraction of an amount',
  ],
  decimals: [
    'Moves the decimal point instead of the digits when multiplying by 10',
    'Lines up decimals by the last digit when adding',
    'Treats the parts either side of the decimal point as separate whole numbers',
  ],
  percentages: [
    'Thinks a percentage is always of 100',
    'Adds the percentage as a number of pounds',
    'Finds the percentage but does not add it on for an increase',
  ],
  'fdp-conversion': [
    'Writes a fraction as a decimal by putting the digits after the point',
    'Thinks 0.5 is 5 percent',
  ],
  ratio: [
    'Divides the amount by the number of parts in the ratio',
    'Confuses part-to-part and part-to-whole ratios',
    'Writes the ratio in the wrong order',
  ],
  proportion: [
    'Adds instead of multiplying when scaling (additive reasoning)',
    'Uses the scale factor the wrong way round',
  ],
  rates: [
    'Divides time by distance to find speed',
    'Treats minutes as decimal parts of an hour',
    'Compares total prices instead of unit prices',
  ],
  'algebraic-notation': [
    'Combines unlike terms',
    'Multiplies only the first term when expanding a bracket',
    'Thinks 2n means 2 + n',
    'Treats x + x as x squared',
  ],
  substitution: [
    'Reads 2n as a two-digit number',
    'Substitutes into the formula without the operations between letters',
  ],
  equations: [
    'Undoes the operations in the wrong order',
    'Uses the wrong inverse operation',
    'Changes the sign of the whole equation',
  ],
  sequences: [
    'Uses the first term as the constant in the nth term',
    'Confuses the term-to-term rule with the position-to-term rule',
    'Doubles the term to find the term at double the position',
  ],
  graphs: [
    'Reverses the order of coordinates',
    'Confuses the gradient and the y-intercept',
    'Thinks y = 2 is a vertical line',
  ],
  perimeter: [
    'Confuses perimeter and area',
    'Adds one length and one width for the perimeter',
    'Adds only the labelled sides of a compound shape',
    'Multiplies then doubles for perimeter',
  ],
  area: [
    'Forgets to halve when finding the area of a triangle',
    'Uses the slant height instead of the perpendicular height for area',
    'Counts part squares as whole squares',
    'Thinks doubling the lengths doubles the area',
  ],
  volume: [
    'Adds the dimensions instead of multiplying to find volume',
    'Confuses volume and surface area',
    'Counts only the visible cubes',
  ],
  units: [
    'Uses the length conversion factor for area units',
    'Uses the wrong power of ten when converting metric units',
    'Divides instead of multiplying when converting to a smaller unit',
  ],
  time: [
    'Confuses the hour hand and the minute hand',
    'Thinks there are 100 minutes in an hour',
    'Reads the minute hand number as minutes',
  ],
  angles: [
    'Thinks longer arms make a bigger angle',
    'Reads the wrong scale on a protractor',
    'Uses the wrong angle total for a straight line',
  ],
  'shapes-2d': [
    'Thinks a square is not a rectangle',
    'Thinks rotating a shape changes its name',
    'Thinks a rhombus must be drawn on its point',
  ],
  'shapes-3d': [
    'Confuses faces, edges and vertices',
    'Counts only the visible faces of a 3-D shape',
  ],
  transformations: [
    'Counts the gap between shapes for a translation',
    'Reflects in a diagonal line as if it were vertical',
    'Rotates about the wrong centre',
  ],
  'pythagoras-trigonometry': [
    'Forgets the square root in Pythagoras',
    'Adds the squares when finding a shorter side',
    'Mislabels the opposite and adjacent sides',
  ],
  'charts-and-tables': [
    'Assumes each scale division is worth one',
    'Reads a pie chart angle as the frequency',
    'Compares bars without noticing the axis does not start at zero',
  ],
  averages: [
    'Confuses the mean and the median',
    'Does not order the data before finding the median',
    'Thinks the range is the largest value',
  ],
  'probability-scale': [
    'Thinks every event is 50/50',
    'Gives probability as favourable over unfavourable outcomes',
  ],
  'combined-events': [
    'Adds probabilities for independent events',
    'Treats HT and TH as one outcome',
    'Thinks past outcomes change the probability (gambler’s fallacy)',
  ],
}

/** Contexts that turn one misconception into a more specific one, as real banks accumulate. */
const CONTEXTS = [
  'when the numbers are decimals',
  'in a two-step word problem',
  'when the diagram is not drawn to scale',
  'when the units are mixed',
  'with large numbers',
  'when working backwards from the answer',
  'in a real-life context',
  'when the question uses a table',
  'with negative values',
  'when reading from a diagram',
  'when the values are fractions',
  'in a multiple-choice question',
  'with money',
  'with measurements in centimetres and metres',
  'when estimating first',
  'when the shape is rotated',
  'when the numbers are written in words',
  'with missing information',
  'in a problem about a rectangle',
  'when checking with the inverse',
]

const SHAPES = ['rectangle', 'square', 'parallelogram', 'triangle', 'trapezium', 'rhombus']
const YEARS_BY_KEY_STAGE: Record<number, number[]> = {
  1: [1, 2],
  2: [3, 4, 5, 6],
  3: [7, 8, 9],
  4: [10, 11],
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/, '')

/**
 * A bank of `itemCount` items and about one misconception per ten items. Topic popularity is
 * skewed (a few topics hold many items), as in any real bank, so broad queries match thousands
 * of documents and selective ones a few hundred.
 */
export function generateBank(
  taxonomy: TaxonomyRecord,
  itemCount: number,
  seed = 20260101,
): SyntheticBank {
  const random = prng(seed)
  const topics = taxonomy.topics
  if (topics.length === 0) throw new Error('the taxonomy has no topics')
  // Zipf-like popularity over a shuffled topic order, so it is not always the first strand.
  const order = [...topics]
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const weights = order.map((_, i) => 1 / (i + 1) ** 0.6)
  const total = weights.reduce((a, b) => a + b, 0)
  const pickTopic = () => {
    let r = random.next() * total
    for (let i = 0; i < order.length; i++) {
      r -= weights[i] ?? 0
      if (r <= 0) return order[i]!
    }
    return order[order.length - 1]!
  }

  const misconceptionCount = Math.max(topics.length, Math.round(itemCount / 10))
  const misconceptions: MisconceptionInput[] = []
  const byTopic = new Map<string, string[]>()
  const slugs = new Set<string>()
  const titlesUsed = new Set<string>()
  for (let i = 0; i < misconceptionCount; i++) {
    // Each topic gets at least one; the rest follow the items' popularity.
    const topic = i < topics.length ? topics[i]! : pickTopic()
    const bases = MISCONCEPTION_TITLES[topic.slug] ?? [
      `Misapplies a rule about ${topic.name.toLowerCase()}`,
    ]
    const count = byTopic.get(topic.slug)?.length ?? 0
    const base = bases[count % bases.length]!
    let title =
      count < bases.length
        ? base
        : `${base} ${CONTEXTS[Math.floor(count / bases.length - 1) % CONTEXTS.length]}`
    for (let n = 2; titlesUsed.has(title); n++) title = `${base} (case ${n})`
    titlesUsed.add(title)
    let slug = slugify(title)
    // Room for a numeric suffix within the schema's 80 characters, and no doubled hyphen.
    const stem = slug.slice(0, 64).replace(/-+$/, '')
    for (let n = 2; slugs.has(slug); n++) slug = `${stem}-${n}`
    slugs.add(slug)
    misconceptions.push({
      slug,
      title,
      topic: topic.slug,
      description: `The pupil ${title.charAt(0).toLowerCase()}${title.slice(1)}. For example, asked for ${tex(`${random.int(2, 9)} \\times ${random.int(2, 9)}`)} or ${frac(random.int(1, 4), random.int(5, 9))} of an amount, they give an answer that follows this rule rather than the meaning of the question.`,
      whyItArises: 'A rule learned without its meaning is applied where it does not fit.',
      howToAddress: 'Ask for an estimate first, then compare it with the answer.',
      related: [],
      references: [],
    })
    const list = byTopic.get(topic.slug)
    if (list) list.push(slug)
    else byTopic.set(topic.slug, [slug])
  }

  const items: ItemInput[] = []
  for (let i = 0; i < itemCount; i++) {
    const topic = pickTopic()
    const constructs = CONSTRUCTS[topic.slug] ?? [genericConstruct(topic.name)]
    const kind = random.pick(constructs)
    const v: Vars = {
      a: random.int(2, 12),
      b: random.int(2, 12),
      c: random.int(1, 9),
      unit: random.pick(LENGTH_UNITS),
      shape: random.pick(SHAPES),
      name: random.pick(NAMES),
    }
    const allowed = topic.keyStages.flatMap((ks) => YEARS_BY_KEY_STAGE[ks] ?? [])
    const first = random.int(0, allowed.length - 1)
    const years = allowed.slice(first, first + random.int(1, 3))
    const topicMisconceptions = byTopic.get(topic.slug) ?? []
    // Options must be distinct to read as a real item; drop repeats the arithmetic produced.
    const texts = [...new Set(kind.options(v))]
    if (texts.length < 2) texts.push('None of these')
    items.push({
      id: `${topic.slug}-${i.toString(36)}`,
      construct: kind.construct(v),
      topic: topic.slug,
      years,
      stem: kind.stem(v),
      options: texts.map((text, index) => ({
        text,
        correct: index === 0,
        explanation: index === 0 ? 'This is correct.' : 'A common wrong answer.',
        // Most wrong answers diagnose one misconception; some are plain slips.
        misconceptions:
          index > 0 && topicMisconceptions.length > 0 && random.next() < 0.85
            ? [random.pick(topicMisconceptions)]
            : [],
      })),
      multipleAnswers: false,
      source: 'Synthetic benchmark bank',
      licence: 'CC0-1.0',
      status: 'published',
    })
  }
  return { taxonomy, misconceptions, items }
}

function genericConstruct(topicName: string): Construct {
  const name = topicName.toLowerCase()
  return c(
    `Solve a problem about ${name}`,
    (v) => `${v.name} is working on ${name}. What is ${tex(`${v.a} \\times ${v.b}`)}?`,
    (v) => [v.a * v.b, v.a + v.b, v.a * v.b + v.a],
  )
}

function lcm(a: number, b: number) {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y))
  return (a * b) / gcd(a, b)
}

function median(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** What `loadSearchSource` (src/search/search.queries.ts) would read from this bank's rows. */
export function toSearchSource(bank: SyntheticBank): SearchSource {
  const strandNames = new Map(bank.taxonomy.strands.map((s) => [s.slug, s.name]))
  return {
    topics: bank.taxonomy.topics.map((t) => ({
      slug: t.slug,
      name: t.name,
      strandSlug: t.strandSlug,
      strandName: strandNames.get(t.strandSlug) ?? '',
    })),
    items: bank.items.map((item) => ({
      id: item.id,
      construct: item.construct,
      stem: item.stem,
      topic: item.topic,
      years: item.years,
      optionTexts: item.options.map((o) => o.text),
      misconceptions: [...new Set(item.options.flatMap((o) => o.misconceptions))],
    })),
    misconceptions: bank.misconceptions,
  }
}

/**
 * Compiled records for `seedStatements`: each piece of content is validated by the real schema
 * and compiled by the real compiler (so the seed holds whatever a real seed would), then its
 * rendered HTML is replaced by a short stand-in. Nothing benchmarked reads the HTML, and real
 * KaTeX output (~8 KB per item) makes the 10k seed ~100 MB, which wrangler's local D1 takes
 * minutes to ingest.
 */
export function toCompiledBank(bank: SyntheticBank): CompiledBank {
  const stub = '<p>(rendered HTML omitted from the benchmark seed)</p>'
  const misconceptions = bank.misconceptions.map((input) => {
    const record = compileMisconception(misconceptionInputSchema.parse(input))
    for (const key of ['descriptionHtml', 'whyItArisesHtml', 'howToAddressHtml'] as const) {
      record.row[key] = stub
    }
    return { ...record, at: `synthetic:${input.slug}` }
  })
  const items = bank.items.map((input) => {
    const record = compileItem(itemInputSchema.parse(input))
    record.row.stemHtml = stub
    for (const option of record.options) {
      option.textHtml = stub
      option.explanationHtml = stub
    }
    return { ...record, at: `synthetic:${input.id}` }
  })
  return { taxonomy: bank.taxonomy, misconceptions, items }
}
