/** Whose tallies a request pools: the bank's (anyone), mine (signed in) or a workgroup's (members). */
import type { Context } from 'hono'
import type { AppEnv } from '../lib/context.ts'
import type { Db } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { requireWorkgroupRole } from '../workgroups/workgroups.queries.ts'
import type { Scope } from './statistics.queries.ts'

export async function resolveScope(
  c: Context<AppEnv>,
  db: Db,
  query: { scope: 'bank' | 'mine' | 'workgroup'; workgroupId?: string },
): Promise<Scope> {
  if (query.scope === 'bank') return { kind: 'bank' }
  const user = c.get('user')
  if (!user) throw new ApiError(401, 'Sign in to see your own or your workgroup’s figures')
  if (query.scope === 'mine') return { kind: 'mine', teacherId: user.id }
  if (!query.workgroupId)
    throw new ApiError(400, 'Say which workgroup', {
      errors: [{ in: 'query', field: 'workgroupId', message: 'required with scope=workgroup' }],
    })
  await requireWorkgroupRole(db, query.workgroupId, user.id, 'member')
  return { kind: 'workgroup', workgroupId: query.workgroupId }
}
