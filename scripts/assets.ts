/**
 * Copies KaTeX's stylesheet and fonts from node_modules into public/katex/, where the Worker
 * serves them as static assets (never from a CDN). Run before `wrangler dev` and deploys.
 */
import { cp, mkdir } from 'node:fs/promises'

await mkdir('public/katex', { recursive: true })
await cp('node_modules/katex/dist/katex.min.css', 'public/katex/katex.min.css')
await cp('node_modules/katex/dist/fonts', 'public/katex/fonts', { recursive: true })
console.log('copied KaTeX CSS and fonts to public/katex/')
