/** Layers point one way: lib/ and db/ depend on nothing above them, and no folders import each other. */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve('src')

/** Every relative import in src/, as [importing file, imported file] (paths relative to src/). */
function importEdges(): [string, string][] {
  const edges: [string, string][] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const text = readFileSync(path, 'utf8')
        for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g))
          edges.push([relative(SRC, path), relative(SRC, resolve(dirname(path), m[1]!))])
      }
    }
  }
  walk(SRC)
  return edges
}

/** The top-level folder of a path under src/ (files directly in src/ belong to "(root)"). */
const folder = (path: string) => (path.includes(sep) ? path.split(sep)[0]! : '(root)')

/** Folder → folders it imports, with one example file per edge for the failure message. */
function folderGraph(edges: [string, string][]) {
  const graph = new Map<string, Map<string, string>>()
  for (const [from, to] of edges) {
    const [a, b] = [folder(from), folder(to)]
    if (a === b) continue
    if (!graph.has(a)) graph.set(a, new Map())
    graph.get(a)!.set(b, `${from} → ${to}`)
  }
  return graph
}

describe('the import graph of src/', () => {
  const graph = folderGraph(importEdges())

  it('finds the imports it checks', () => {
    expect(graph.get('items')?.has('lib')).toBe(true)
  })

  it('keeps lib/ on the ground floor: it imports only lib/ and db/', () => {
    expect([...(graph.get('lib') ?? new Map())].filter(([to]) => to !== 'db')).toEqual([])
    expect([...(graph.get('db') ?? new Map())]).toEqual([])
  })

  it('has no two folders that import each other', () => {
    const mutual: string[] = []
    for (const [a, targets] of graph)
      for (const [b, example] of targets)
        if (a < b && graph.get(b)?.has(a)) mutual.push(`${example} and ${graph.get(b)!.get(a)}`)
    expect(mutual).toEqual([])
  })

  it('has no longer cycles between folders either', () => {
    const cycles: string[] = []
    const visit = (node: string, path: string[]) => {
      for (const next of graph.get(node)?.keys() ?? []) {
        if (next === path[0]) cycles.push([...path, next].join(' → '))
        else if (!path.includes(next) && next > path[0]!) visit(next, [...path, next])
      }
    }
    for (const start of graph.keys()) visit(start, [start])
    expect(cycles.filter((c) => c.split(' → ').length > 3)).toEqual([])
  })
})
