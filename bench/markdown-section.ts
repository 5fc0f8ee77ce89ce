/** One `## Heading` section of docs/benchmarks.md replaced in place, the rest left as it is. */
import { readFile, writeFile } from 'node:fs/promises'
import { format, resolveConfig } from 'prettier'

const DOC_HEADER =
  '# Benchmarks\n\nEach section is written by the benchmark named in it; re-run that benchmark to refresh it.\n'

/**
 * Put a section (starting with `## heading`) into the file, replacing the section of that exact
 * heading up to the next `## `, and return it as written, formatted as Prettier formats Markdown.
 */
export async function writeSection(
  path: string,
  heading: string,
  section: string,
): Promise<string> {
  const options = { ...(await resolveConfig(path)), filepath: path }
  const formatted = await format(section, options)
  let doc: string
  try {
    doc = await readFile(path, 'utf8')
  } catch {
    doc = DOC_HEADER
  }
  const escaped = heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const start = doc.search(new RegExp(`^## ${escaped}\\s*$`, 'm'))
  if (start === -1) {
    doc = `${doc.trimEnd()}\n\n${formatted}`
  } else {
    const rest = doc.slice(start + 1)
    const next = rest.search(/^## /m)
    doc = doc.slice(0, start) + formatted + (next === -1 ? '' : `\n${rest.slice(next)}`)
  }
  await writeFile(path, await format(doc, options))
  return formatted
}
