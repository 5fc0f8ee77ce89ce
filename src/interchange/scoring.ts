/**
 * How an item is scored, once, for every format that scores (Moodle XML, GIFT, QTI).
 *
 * A single-answer item scores 1 for the right option and 0 otherwise. A multiple-answer item
 * gives partial credit the way Moodle's multiple-choice question does, because core Moodle
 * cannot score all-or-nothing: each right option is worth 1/(number of right options), each
 * wrong one −1/(number of wrong options), and the total is held between 0 and 1. So choosing
 * every right option and no wrong one scores 1, half the right ones 0.5, and every option 0.
 * QTI gets the same: exactly the right options score 1, anything else is summed through a
 * `qti-mapping` with lower bound 0 and upper bound 1 (so thirds cannot add up to 0.9999999).
 */
import { type ExportItem, isMultipleAnswer } from './types.ts'

/** Each option's weight, a fraction of the item's score, in option order. */
export function optionWeights(item: ExportItem): number[] {
  const right = item.options.filter((o) => o.correct).length
  const wrong = item.options.length - right
  const multiple = isMultipleAnswer(item)
  return item.options.map((o) => (o.correct ? 1 / right : multiple && wrong > 0 ? -1 / wrong : 0))
}

/**
 * A weight as a Moodle percentage. Moodle accepts only percentages from a fixed list; ±100/n
 * for n ≤ 5 are all on it (100, 50, 33.33333, 25, 20), which covers every item we hold.
 */
export const moodlePercent = (weight: number): string =>
  String(Math.round(weight * 100 * 100000) / 100000)

/** A weight as a QTI float, to Moodle's precision so both score a partial answer alike. */
export const qtiWeight = (weight: number): string =>
  String(Math.round(weight * 10000000) / 10000000)
