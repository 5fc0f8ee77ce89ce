/**
 * Reads `content/` (Markdown files with YAML front matter, and taxonomy.yaml) into a compiled
 * bank, collecting every problem with its file, field and message. Node only: the CLI and the
 * test set-up use it; the Worker never imports it.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { parse as parseYaml, YAMLParseError } from 'yaml'
import {
  type BankProblem,
  type CompiledBank,
  checkReferences,
  checkStarterBankQuality,
} from './check.ts'
import {
  compileItem,
  compileMisconception,
  compileTaxonomy,
  ContentError,
  zodProblems,
} from './compile.ts'
import { itemInputSchema, misconceptionInputSchema, taxonomySchema } from './schemas.ts'

export interface LoadedContent {
  bank: CompiledBank
  problems: BankProblem[]
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/

/** Split a Markdown file into its front matter (parsed) and its body. */
export function parseMarkdownFile(text: string): { data: unknown; body: string } {
  const match = FRONT_MATTER.exec(text)
  if (!match)
    throw new ContentError([
      { field: '(file)', message: 'missing YAML front matter between --- lines' },
    ])
  try {
    return { data: parseYaml(match[1] ?? ''), body: (match[2] ?? '').trim() }
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error
    const line = error.linePos?.[0].line
    throw new ContentError([
      {
        field: '(front matter)',
        message: `YAML${line ? ` line ${line + 1}` : ''}: ${error.message.split('\n')[0]}`,
      },
    ])
  }
}

async function markdownFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.md')).sort()
  } catch {
    return []
  }
}

/** Load, validate and compile a content folder. Nothing is written anywhere. */
export async function loadContent(
  root: string,
  options: { quality?: boolean } = {},
): Promise<LoadedContent> {
  const problems: BankProblem[] = []
  const bank: CompiledBank = {
    taxonomy: { strands: [], topics: [] },
    misconceptions: [],
    items: [],
  }
  const at = (path: string) => relative(process.cwd(), path) || path

  const taxonomyPath = join(root, 'taxonomy.yaml')
  try {
    const parsed = taxonomySchema.safeParse(parseYaml(await readFile(taxonomyPath, 'utf8')))
    if (parsed.success) bank.taxonomy = compileTaxonomy(parsed.data)
    else problems.push(...zodProblems(parsed.error).map((p) => ({ at: at(taxonomyPath), ...p })))
  } catch (error) {
    problems.push({
      at: at(taxonomyPath),
      field: '(file)',
      message: error instanceof Error ? error.message : String(error),
    })
  }

  async function each(
    folder: string,
    compile: (data: Record<string, unknown>, id: string, body: string, path: string) => void,
  ) {
    const dir = join(root, folder)
    for (const name of await markdownFiles(dir)) {
      const path = join(dir, name)
      try {
        const { data, body } = parseMarkdownFile(await readFile(path, 'utf8'))
        if (data === null || typeof data !== 'object' || Array.isArray(data)) {
          throw new ContentError([{ field: '(front matter)', message: 'must be a YAML mapping' }])
        }
        compile(data as Record<string, unknown>, name.replace(/\.md$/, ''), body, at(path))
      } catch (error) {
        if (!(error instanceof ContentError)) throw error
        problems.push(...error.problems.map((p) => ({ at: at(path), ...p })))
      }
    }
  }

  await each('misconceptions', (data, slug, body, path) => {
    const parsed = misconceptionInputSchema.safeParse({ ...data, slug, description: body })
    if (!parsed.success) throw new ContentError(zodProblems(parsed.error))
    bank.misconceptions.push({ ...compileMisconception(parsed.data), at: path })
  })
  await each('items', (data, id, body, path) => {
    const parsed = itemInputSchema.safeParse({ ...data, id, stem: body })
    if (!parsed.success) throw new ContentError(zodProblems(parsed.error))
    bank.items.push({ ...compileItem(parsed.data), at: path })
  })

  problems.push(...checkReferences(bank))
  if (options.quality ?? true) problems.push(...checkStarterBankQuality(bank))
  return { bank, problems }
}

export const formatProblem = (p: BankProblem) => `${p.at}: ${p.field}: ${p.message}`
