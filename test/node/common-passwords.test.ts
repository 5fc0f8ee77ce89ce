/** The bundled common-password list is what scripts/common-passwords.ts makes from zxcvbn-ts's. */
import { describe, expect, it } from 'vitest'
import { bundledCommonPasswords } from '../../scripts/common-passwords-list.ts'
import { COMMON_PASSWORDS } from '../../src/accounts/common-passwords.ts'

describe('src/accounts/common-passwords.ts', () => {
  it('is up to date with @zxcvbn-ts/language-common (npm run passwords:update)', async () => {
    expect(COMMON_PASSWORDS.split('\n')).toEqual(await bundledCommonPasswords())
  })
})
