/**
 * The columns of the diagnostic-question questions file: the layout's own (four options A–D,
 * one misconception id each) and ours, all optional, which let the same layout carry a whole
 * item so a set can go out to a spreadsheet and come back: a fifth option, an explanation per
 * option, our topic, year groups, the diagram, the teacher's note, the item's purpose (`discussion` for a teachers' discussion item),
 * source and licence.
 * `CorrectAnswer` may list several letters (`A;C`) for a multiple-answer item, and a
 * misconception cell may hold our slugs (`;`-separated) instead of the layout's integer ids.
 */

export const LETTERS = ['A', 'B', 'C', 'D', 'E'] as const

/** What no item can do without; a file missing any of these is refused, naming them. */
export const REQUIRED = [
  'QuestionId',
  'CorrectAnswer',
  'QuestionText',
  'AnswerAText',
  'AnswerBText',
] as const

/** Everything else we read (the layout's ids of constructs and subjects we do not need). */
export const OPTIONAL = [
  'ConstructId',
  'ConstructName',
  'SubjectId',
  'SubjectName',
  'Topic',
  'YearGroups',
  'Diagram',
  ...LETTERS.slice(2).map((l) => `Answer${l}Text`),
  ...LETTERS.map((l) => `Answer${l}Explanation`),
  ...LETTERS.map((l) => `Misconception${l}Id`),
  ...LETTERS.map((l) => `Misconception${l}Name`),
  'Note',
  'Purpose',
  'Source',
  'Licence',
] as const

// A spreadsheet runs a cell that starts with = + - @ (or a tab or return) as a formula: harmless
// text like "-3" would be changed, and a crafted one could run commands on a teacher's machine.
const FORMULA_START = /^[=+\-@\t\r]/

/** A cell as we write it: a leading apostrophe makes a spreadsheet show it as text. */
export const guardCell = (value: string): string =>
  FORMULA_START.test(value) ? `'${value}` : value

/** A cell as we read it: our own guard apostrophe comes off again. */
export const unguardCell = (value: string): string =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
