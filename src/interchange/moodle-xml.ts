/**
 * Moodle XML: `<quiz>` of `<question type="multichoice">`. Moodle has no misconception field, so
 * each wrong answer's feedback names its misconceptions (`Misconception: Title [slug]`) and the
 * question carries them as tags (`misconception:slug`), with its topic and years as tags too.
 * Import reads the same conventions back; `<idnumber>` keeps ids stable across round trips.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser'
import { type ItemInput, itemInputSchema } from '../bank/schemas.ts'
import { issues } from './json.ts'
import { toHtmlWithTex } from './tex.ts'
import type { ExportBundle, ImportOptions, ImportProblem } from './types.ts'

const text = (value: string) => ({ text: value })
const html = (value: string) => ({ '@_format': 'html', text: { '#cdata': value } })

export function exportMoodleXml(bundle: ExportBundle): string {
  const questions = bundle.items.map((item) => ({
    '@_type': 'multichoice',
    name: text(item.construct),
    questiontext: html(
      toHtmlWithTex(item.stem) +
        (item.diagramSvg ? `\n<div class="diagram">${item.diagramSvg}</div>` : ''),
    ),
    generalfeedback: html(
      toHtmlWithTex(`Construct: ${item.construct}. Source: ${item.source} (${item.licence}).`),
    ),
    defaultgrade: 1,
    penalty: 0,
    hidden: 0,
    idnumber: item.id,
    single: item.options.filter((o) => o.correct).length === 1 ? 'true' : 'false',
    shuffleanswers: 'false',
    answernumbering: 'ABCD',
    answer: item.options.map((o) => ({
      '@_fraction': o.correct ? 100 : 0,
      '@_format': 'html',
      text: { '#cdata': toHtmlWithTex(o.text, true) },
      feedback: html(
        toHtmlWithTex(
          [
            o.explanation,
            ...o.misconceptions.map((m) => `Misconception: ${m.title} [${m.slug}]`),
          ].join('\n\n'),
        ),
      ),
    })),
    tags: {
      tag: [
        `topic:${item.topic}`,
        ...item.years.map((y) => `year:${y}`),
        ...new Set(
          item.options.flatMap((o) => o.misconceptions.map((m) => `misconception:${m.slug}`)),
        ),
      ].map(text),
    },
  }))
  const category = {
    '@_type': 'category',
    category: text(`$course$/top/${bundle.title ?? 'Misconception bank'}`),
  }
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    format: true,
    cdataPropName: '#cdata',
    suppressEmptyNode: true,
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ quiz: { question: [category, ...questions] } })}`
}

/** HTML from Moodle → Markdown-ish plain text with the TeX left as it is. */
export function htmlToText(value: string): string {
  return value
    .replace(/<svg[\s\S]*?<\/svg>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h\d)>/gi, '\n\n')
    .replace(/<(em|i)>([\s\S]*?)<\/\1>/gi, '*$2*')
    .replace(/<(strong|b)>([\s\S]*?)<\/\1>/gi, '**$2**')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

const slugify = (value: string) =>
  value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70) || 'question'

type Node = Record<string, unknown>
const textOf = (node: unknown): string => {
  if (node === undefined || node === null) return ''
  if (typeof node !== 'object') return String(node)
  const t = (node as Node).text
  if (t === undefined) return ''
  return typeof t === 'object'
    ? String((t as Node)['#cdata'] ?? (t as Node)['#text'] ?? '')
    : String(t)
}

/** Moodle XML → item inputs. Multichoice questions only; anything else is reported and skipped. */
export function parseMoodleXml(
  xml: string,
  options: ImportOptions & { defaultTopic?: string } = {},
) {
  const problems: ImportProblem[] = []
  const items: (ItemInput & { row: number })[] = []
  let quiz: Node
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      cdataPropName: '#cdata',
      isArray: (name) => ['question', 'answer', 'tag'].includes(name),
    })
    quiz = (parser.parse(xml) as Node).quiz as Node
  } catch (error) {
    return {
      items,
      misconceptions: [],
      problems: [{ row: null, message: `not XML: ${(error as Error).message}` }],
    }
  }
  if (!quiz)
    return { items, misconceptions: [], problems: [{ row: null, message: 'no <quiz> element' }] }
  const questions = (quiz.question as Node[] | undefined) ?? []
  let row = 0
  for (const q of questions) {
    if (q['@_type'] === 'category') continue
    row++
    if (q['@_type'] !== 'multichoice') {
      problems.push({ row, message: `skipped: type ${String(q['@_type'])} is not multichoice` })
      continue
    }
    const name = textOf(q.name)
    const tags =
      ((q.tags as Node | undefined)?.tag as Node[] | undefined)?.map((t) => textOf(t)) ?? []
    const tagged = (prefix: string) =>
      tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length))
    const known = new Set(tagged('misconception:'))
    const answers = (q.answer as Node[] | undefined) ?? []
    const input = {
      id: q.idnumber ? slugify(String(q.idnumber)) : `moodle-${slugify(name)}`,
      construct: name,
      topic: tagged('topic:')[0] ?? options.defaultTopic ?? '',
      years: tagged('year:')
        .map(Number)
        .filter((y) => y >= 1 && y <= 11),
      stem: htmlToText(textOf(q.questiontext)),
      options: answers.map((a) => {
        const feedback = htmlToText(textOf(a.feedback))
        const slugs = [...feedback.matchAll(/\[([a-z0-9-]+)\]/g)]
          .map((m) => m[1] ?? '')
          .filter((s) => known.has(s))
        return {
          text: htmlToText(textOf(a)),
          correct: Number(a['@_fraction']) > 0,
          explanation:
            feedback.replace(/\n*Misconception: [^\n]*\[[a-z0-9-]+\]/g, '').trim() ||
            'No explanation in the imported file.',
          misconceptions: Number(a['@_fraction']) > 0 ? [] : slugs,
        }
      }),
      multipleAnswers: String(q.single) === 'false',
      source: `Imported from ${options.sourceName ?? 'Moodle XML'}`,
      licence: options.licence ?? 'CC-BY-4.0',
      status: options.status ?? 'published',
    }
    if (input.years.length === 0) input.years = [7, 8, 9]
    const parsed = itemInputSchema.safeParse(input)
    if (parsed.success) items.push({ ...parsed.data, row })
    else problems.push({ row, message: `question "${name}": ${issues(parsed.error)}` })
  }
  return { items, misconceptions: [], problems }
}
