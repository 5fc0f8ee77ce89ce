/**
 * The renderer Worker (src/renderer/) for the Worker tests: bundled once with esbuild, which
 * wrangler itself uses, and handed to miniflare as an auxiliary worker, so the main Worker's
 * RENDERER binding reaches the real renderer over RPC as it does under `wrangler dev`.
 */
import { resolve } from 'node:path'
import { build } from 'esbuild'

const OUT = '.wrangler/test-renderer/renderer.js'

let built: Promise<string> | undefined

/** The bundled renderer's path (built on the first call, reused after). */
export function buildRenderer(): Promise<string> {
  built ??= build({
    entryPoints: ['src/renderer/renderer.ts'],
    outfile: OUT,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2024',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*', 'node:*'],
    // As the [alias] in src/renderer/wrangler.toml does: zod's locales, English only.
    plugins: [
      {
        name: 'zod-locales',
        setup(b) {
          b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, () => ({
            path: resolve('src/lib/zod-locales.ts'),
          }))
        },
      },
    ],
    logLevel: 'warning',
  }).then(() => OUT)
  return built
}

/** The miniflare options that run the renderer beside the Worker under test. */
export async function rendererWorker() {
  return {
    name: 'misconception-bank-renderer',
    modules: true,
    scriptPath: await buildRenderer(),
    compatibilityDate: '2026-10-01',
    compatibilityFlags: ['nodejs_compat'],
  }
}
