/** The audit log as a table: one view for a workgroup's leads and a hub's curators. */
import type { listAudit } from '../audit/audit.queries.ts'

type AuditEntry = Awaited<ReturnType<typeof listAudit>>[number]

/** An entry's detail (who was named, which role) as words, not JSON. */
function describe(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return ''
  return Object.entries(detail as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ')
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p>Nothing recorded yet.</p>
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>
                <time datetime={e.at}>{e.at.slice(0, 16).replace('T', ' ')}</time>
              </td>
              <td>{e.actorName}</td>
              <td>
                {e.action.replace('.', ' ')}
                {e.subjectName && `: ${e.subjectName}`}
              </td>
              <td>{describe(e.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
