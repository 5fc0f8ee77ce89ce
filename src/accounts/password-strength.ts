/**
 * Whether a new password is good enough, and if not, why, in words a teacher can act on. At least
 * 10 characters, and not guessable: zxcvbn-ts estimates how many guesses an attacker who knows
 * common passwords, keyboard walks, repeats, sequences, dates and l33t needs, and anything under
 * 10^8 (its score 3, "safely unguessable" against a slow hash offline) is refused.
 *
 * Only zxcvbn-ts's core and keyboard graphs are bundled, with part of its common-password list
 * (src/accounts/common-passwords.ts, generated): its full English dictionaries would add about
 * 400 KB gzipped to the Worker.
 */
import { ZxcvbnFactory, type OptionsType } from '@zxcvbn-ts/core'
import { adjacencyGraphs } from '@zxcvbn-ts/language-common'
import { COMMON_PASSWORDS } from './common-passwords.ts'

export const MIN_PASSWORD_LENGTH = 10
/** zxcvbn's score (0–4) a password needs: 3 means at least 10^8 guesses. */
const MIN_SCORE = 3

/** Words anyone guessing a password for this site would try first. */
const SITE_WORDS = ['misconception', 'misconceptions', 'maths', 'teacher', 'school', 'bank']

// What zxcvbn's warnings and suggestions say, in this site's words (its own keys otherwise).
const translations: NonNullable<OptionsType['translations']> = {
  warnings: {
    straightRow: 'a row of keys on the keyboard is easy to guess',
    keyPattern: 'a short keyboard pattern is easy to guess',
    simpleRepeat: 'repeated characters like "aaa" are easy to guess',
    extendedRepeat: 'repeated patterns like "abcabcabc" are easy to guess',
    sequences: 'sequences like "abc" or "123456" are easy to guess',
    recentYears: 'recent years are easy to guess',
    dates: 'dates are easy to guess',
    topTen: 'it is one of the ten most used passwords',
    topHundred: 'it is one of the hundred most used passwords',
    common: 'it is a commonly used password',
    similarToCommon: 'it is too close to a commonly used password',
    wordByItself: 'a single word is easy to guess',
    namesByThemselves: 'names on their own are easy to guess',
    commonNames: 'common names are easy to guess',
    userInputs: 'it is too close to your name, your email or this site',
    pwned: 'it has appeared in a data breach',
  },
  suggestions: {
    l33t: 'swapping letters for look-alike digits ("@" for "a") does not help much',
    reverseWords: 'a word spelt backwards is still easy to guess',
    allUppercase: 'capitalise some letters, not all',
    capitalization: 'capitalise more than the first letter',
    dates: 'avoid dates and years that mean something to you',
    recentYears: 'avoid recent years',
    associatedYears: 'avoid years linked to you',
    sequences: 'avoid common sequences of characters',
    repeated: 'avoid repeated words and characters',
    longerKeyboardPattern: 'use a longer keyboard pattern with more turns',
    anotherWord: 'add more words that are less common',
    useWords: 'use several unrelated words, a short phrase no one would guess',
    noNeed: 'you can make a strong password without symbols, digits or capitals',
    pwned: 'choose a password you have not used elsewhere',
  },
  timeEstimation: {
    ltSecond: 'less than a second',
    second: '{base} second',
    seconds: '{base} seconds',
    minute: '{base} minute',
    minutes: '{base} minutes',
    hour: '{base} hour',
    hours: '{base} hours',
    day: '{base} day',
    days: '{base} days',
    month: '{base} month',
    months: '{base} months',
    year: '{base} year',
    years: '{base} years',
    centuries: 'centuries',
  },
}

// Built on first use: ranking the list costs a few milliseconds, paid only when a password is set.
let estimator: ZxcvbnFactory | undefined
function zxcvbn() {
  estimator ??= new ZxcvbnFactory({
    graphs: adjacencyGraphs,
    dictionary: { passwords: COMMON_PASSWORDS.split('\n') },
    translations,
  })
  return estimator
}

/**
 * What is wrong with `password` as a new password, or null if nothing. `personal` holds what
 * the account's owner is known by (email, display name, school): a password built from them is
 * refused too.
 */
export function passwordProblem(password: string, personal: (string | null | undefined)[] = []) {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`
  const inputs = [...SITE_WORDS]
  for (const value of personal) {
    if (!value) continue
    inputs.push(value.toLowerCase(), value.toLowerCase().split('@')[0] ?? '')
    // The parts of an email and a name are guessed separately ("ada.lovelace@school.org").
    inputs.push(
      ...value
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length >= 3),
    )
  }
  const result = zxcvbn().check(password, inputs)
  if (result.score >= MIN_SCORE) return null
  const why = result.feedback.warning ?? 'it would be guessed too quickly'
  const tip = result.feedback.suggestions[0] ?? translations.suggestions.useWords
  return `is too easy to guess: ${why}; ${tip}`
}
