/** One item's quality rules: wrong options name a misconception, none share a number, diagram text. */
import { svgTextAlternative } from '../lib/svg.ts'
import type { BankProblem, CompiledBank } from './check.ts'

/** A wrong option that names no misconception tells the teacher nothing when pupils choose it. */
export function untaggedOptionProblems(item: CompiledBank['items'][number]): BankProblem[] {
  return item.options.flatMap((option, i) =>
    option.isCorrect || option.misconceptions.length > 0
      ? []
      : [
          {
            at: item.at,
            field: `options[${i}].misconceptions`,
            message: `wrong option ${option.label} names no misconception: tag it with the misconception that produces it, or replace it with an answer a misconception produces`,
          },
        ],
  )
}

/**
 * Options that are one and the same number, with only their units (or nothing) to tell them
 * apart: a wrong option with the key's number means a pupil with that misconception also gets
 * the right answer (the 4 by 4 square, whose area and perimeter are both 16), and two such wrong
 * options can be ruled out without any maths. Numbers are compared as written, so 0.04 and 0.040
 * (different roundings) or 6/9 and 2/3 (different forms) are not the same. Discussion items show
 * such coincidences on purpose, so only their wrong options are compared with one another.
 */
export function sameNumberProblems(item: CompiledBank['items'][number]): BankProblem[] {
  const problems: BankProblem[] = []
  const numbers = item.options.map((option) => optionNumber(option.textSource))
  const discussion = item.input.purpose === 'discussion'
  item.options.forEach((option, i) => {
    const number = numbers[i]
    if (number === null || number === undefined || option.isCorrect) return
    const other = item.options.find(
      (other, j) => j !== i && numbers[j] === number && (other.isCorrect ? !discussion : j < i),
    )
    if (!other) return
    problems.push({
      at: item.at,
      field: `options[${i}].text`,
      message: other.isCorrect
        ? `wrong option ${option.label} has the same number as the correct answer ${other.label} (${number}): a pupil with its misconception also gets the answer right, so the item cannot tell them apart; change the numbers, or mark the item purpose: discussion`
        : `wrong options ${other.label} and ${option.label} are the same number (${number}) apart from units, so both can be ruled out without the maths`,
    })
  })
  return problems
}

const UNIT_WORDS = new Set([
  'about',
  'approximately',
  'mm',
  'cm',
  'm',
  'km',
  'ml',
  'l',
  'litre',
  'litres',
  'g',
  'kg',
  'mph',
  'h',
  'hour',
  'hours',
  'min',
  'minute',
  'minutes',
  's',
  'second',
  'seconds',
  'day',
  'days',
  'week',
  'weeks',
  'p',
  'pence',
  'pound',
  'pounds',
  'cube',
  'cubes',
  'square',
  'squares',
  'unit',
  'units',
  'degree',
  'degrees',
])

const NUMBER = /-?\d+(?:\.\d+)?(?:\/-?\d+(?:\.\d+)?)?/g

/**
 * The number an option consists of, as written (`$16\text{ cm}^2$` → "16", `£42.67` → "42.67",
 * `$x = -\frac{15}{7}$` → "-15/7", `15 000 ml` → "15000"), when the option is one number and
 * otherwise only units; null for anything else: lists, coordinates, times, statements, powers
 * (`$2^7$`) and algebra (`$6P$`), whose letters inside the maths are not units.
 */
export function optionNumber(text: string): string | null {
  const numbers: string[] = []
  const words: string[] = []
  const unitWords = (unit: string) => {
    words.push(...(unit.match(/[a-z]+/gi) ?? []))
    return ' '
  }
  for (const part of text.replace(/\u2212/g, '-').split(/(\$[^$]*\$)/)) {
    if (part.length > 1 && part.startsWith('$') && part.endsWith('$')) {
      const maths = part
        .slice(1, -1)
        .replace(/^\s*[a-z]\s*=\s*/i, ' ')
        .replace(/\\text\{([^}]*)\}\s*(?:\^\s*(?:\{[^}]*\}|\d))?/g, (_, unit: string) =>
          unitWords(unit),
        )
        .replace(
          /(-\s*)?\\[dt]?frac\{(-?[\d.]+)\}\{(-?[\d.]+)\}/g,
          (_, sign: string | undefined, a: string, b: string) => ` ${sign ? '-' : ''}${a}/${b} `,
        )
        .replace(/\^\s*(?:\{\s*\\circ\s*\}|\\circ)|\\%/g, ' ')
        .replace(/\\[,;!: ]|~/g, '')
        .replace(/(\d) (?=\d{3}\b)/g, '$1')
      // Letters, commands or a power left in the maths: algebra or an expression, not a number.
      if (/[a-z\\^]/i.test(maths)) return null
      numbers.push(...(maths.match(NUMBER) ?? []))
    } else {
      const plain = part.replace(/(\d) (?=\d{3}\b)/g, '$1')
      numbers.push(...(plain.match(NUMBER) ?? []))
      unitWords(plain.replace(NUMBER, ' '))
    }
  }
  if (numbers.length !== 1 || !words.every((word) => UNIT_WORDS.has(word.toLowerCase())))
    return null
  return numbers[0] ?? null
}

/** A diagram a screen reader can only read as "8 cm 4 cm 5 cm" needs a title and a description. */
export function diagramTextProblems(at: string, svg: string): BankProblem[] {
  const { title, desc, first } = svgTextAlternative(svg)
  const problems: BankProblem[] = []
  if (!title)
    problems.push({
      at,
      field: 'diagram',
      message: `the <svg> has ${title === null ? 'no' : 'an empty'} <title>: give it a short name for the figure`,
    })
  if (!desc)
    problems.push({
      at,
      field: 'diagram',
      message: `the <svg> has ${desc === null ? 'no' : 'an empty'} <desc>: describe the figure as a sighted pupil reads it`,
    })
  if (title && desc && !first)
    problems.push({
      at,
      field: 'diagram',
      message: 'the <title> and <desc> must be the first children of the <svg>',
    })
  return problems
}
