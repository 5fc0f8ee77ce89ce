/** Which of zxcvbn-ts's common passwords the Worker bundles (see scripts/common-passwords.ts). */
import { dictionary } from '@zxcvbn-ts/language-common'

/** The most common entries kept whatever their length. */
export const TOP_N = 5_000
/** Entries this long or longer are kept from the whole list. */
export const LONG = 10

export async function bundledCommonPasswords(): Promise<string[]> {
  const all = dictionary['passwords-common'] as string[]
  const seen = new Set<string>()
  const kept: string[] = []
  all.forEach((password, rank) => {
    if ((rank < TOP_N || password.length >= LONG) && !seen.has(password)) {
      seen.add(password)
      kept.push(password)
    }
  })
  return kept
}
