/** The content build: content/ validated by the API's schemas, TeX rendered, bad files named with their field. */
import { execFileSync } from 'node:child_process'
import { access, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { formatProblem, loadContent } from '../../src/bank/content-files.ts'

const dirs: string[] = []
afterEach(async () =>
  Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))),
)

const misconception = (topic = 'perimeter') => `---
title: Confuses perimeter and area
topic: ${topic}
whyItArises: Both are taught with the same rectangles.
howToAddress: Walk the boundary; cover the inside.
---
Gives the area when asked for the perimeter.
`

const item = (overrides: { stem?: string; option?: string; extra?: string } = {}) => `---
construct: Calculate the perimeter of a rectangle
topic: perimeter
years: [4]
source: test
licence: CC-BY-4.0
status: published
${overrides.extra ?? ''}
options:
  - text: '${overrides.option ?? '$16$'}'
    correct: true
    explanation: Adds all four sides.
  - text: '$15$'
    explanation: Multiplies.
    misconceptions: [confuses-perimeter-and-area]
  - text: '$30$'
    explanation: Multiplies and doubles.
    misconceptions: [confuses-perimeter-and-area]
---
${overrides.stem ?? 'A rectangle is $3$ by $5$. What is its perimeter?'}
`

/** A content folder with the real taxonomy, one misconception and the given item files. */
async function contentWith(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'content-'))
  dirs.push(dir)
  await cp('content/taxonomy.yaml', join(dir, 'taxonomy.yaml'))
  await mkdir(join(dir, 'items'))
  await mkdir(join(dir, 'misconceptions'))
  await writeFile(join(dir, 'misconceptions', 'confuses-perimeter-and-area.md'), misconception())
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return dir
}

async function problemsFor(files: Record<string, string>) {
  const { problems } = await loadContent(await contentWith(files))
  return problems.map(formatProblem)
}

describe('content build', () => {
  it('accepts a well-formed item and misconception', async () => {
    const dir = await contentWith({ 'items/perimeter-3-by-5.md': item() })
    const { bank, problems } = await loadContent(dir)
    expect(problems).toEqual([])
    expect(bank.items[0]?.row.id).toBe('perimeter-3-by-5')
    expect(bank.items[0]?.row.stemHtml).toContain('class="katex"')
  })

  it('names the file, field and parser message for TeX KaTeX cannot parse', async () => {
    const problems = await problemsFor({ 'items/bad-tex.md': item({ option: '$\\frac{1}{$' }) })
    expect(problems[0]).toMatch(
      /items\/bad-tex\.md: options\[0\]\.text: TeX "\\frac\{1\}\{" does not render: /,
    )
  })

  it('names an unknown misconception with the option it is on', async () => {
    const problems = await problemsFor({
      'items/unknown-tag.md': item().replace(
        '[confuses-perimeter-and-area]\n  - text',
        '[no-such-thing]\n  - text',
      ),
    })
    expect(problems).toContainEqual(
      expect.stringMatching(
        /unknown-tag\.md: options\[1\]\.misconceptions\[0\]: unknown misconception "no-such-thing"/,
      ),
    )
  })

  it('refuses an item with two correct options', async () => {
    const problems = await problemsFor({
      'items/two-correct.md': item().replace(
        '    explanation: Multiplies.\n',
        '    correct: true\n    explanation: Multiplies.\n',
      ),
    })
    expect(problems.join('\n')).toMatch(
      /two-correct\.md: options: a single-answer item needs exactly one correct option \(found 2\)/,
    )
  })

  it('refuses a missing field and an unknown one', async () => {
    const problems = await problemsFor({
      'items/fields.md': item({ extra: 'colour: blue' }).replace('licence: CC-BY-4.0\n', ''),
    })
    expect(problems).toContainEqual(expect.stringMatching(/fields\.md: licence: /))
    expect(problems).toContainEqual(
      expect.stringMatching(/fields\.md: \(root\): Unrecognized key: "colour"/),
    )
  })

  it('refuses a diagram with a script or an event handler', async () => {
    const svg = (inner: string) =>
      `diagram: '<svg xmlns="http://www.w3.org/2000/svg">${inner}</svg>'`
    const problems = await problemsFor({
      'items/script.md': item({ extra: svg('<script>alert(1)</script>') }),
      'items/handler.md': item({ extra: svg('<rect onclick="alert(1)"/>') }),
      'items/external.md': item({ extra: svg('<use href="https://evil.example/x.svg#a"/>') }),
    })
    expect(problems).toContainEqual(
      expect.stringMatching(/script\.md: diagram: <script> is not allowed/),
    )
    expect(problems).toContainEqual(
      expect.stringMatching(/handler\.md: diagram: event handler onclick/),
    )
    expect(problems).toContainEqual(
      expect.stringMatching(/external\.md: diagram: .*external reference/),
    )
  })

  it('reports broken YAML with its line', async () => {
    const problems = await problemsFor({ 'items/yaml.md': '---\nconstruct: [unclosed\n---\nstem' })
    expect(problems[0]).toMatch(/yaml\.md: \(front matter\): YAML/)
  })

  it('refuses year groups outside the topic key stages', async () => {
    const problems = await problemsFor({
      'items/years.md': item().replace('years: [4]', 'years: [1, 4]'),
    })
    expect(problems).toContainEqual(
      expect.stringMatching(/years\.md: years: year 1 is outside key stages 2, 3/),
    )
  })

  it('writes no seed SQL when any file is bad', async () => {
    const dir = await contentWith({
      'items/good.md': item(),
      'items/bad.md': item({ stem: '$\\sqrt{$' }),
    })
    const out = join(dir, 'seed.sql')
    let stderr = ''
    try {
      execFileSync('node', ['scripts/content.ts', 'build', '--content', dir, '--out', out], {
        stdio: 'pipe',
      })
    } catch (error) {
      stderr = String((error as { stderr: Buffer }).stderr)
    }
    expect(stderr).toMatch(/bad\.md: stem: TeX "\\sqrt\{" does not render/)
    expect(stderr).toMatch(/1 problem\(s\) .* nothing was written/)
    await expect(access(out)).rejects.toThrow()
  })
})
