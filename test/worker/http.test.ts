/** HTTP behaviour every route shares: problem+json errors, 404/405, headers, the generated OpenAPI document. */
import { describe, expect, it } from 'vitest'
import { health } from '../../src/health/health.routes.ts'
import type { Body, Problem } from './api-types.ts'
import { call, getJson } from './helpers.ts'

/** The parts of the generated OpenAPI document these tests read. */
interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, unknown>>
  components: { schemas: Record<string, unknown> }
}

describe('HTTP behaviour shared by every route', () => {
  it('answers GET /api/health with the bank version', async () => {
    const { status, body, res } = await getJson<Body<typeof health>>('/api/health')
    expect(status).toBe(200)
    expect(body).toEqual({ status: 'ok', bankVersion: expect.any(String) })
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('sends ETag and Cache-Control on public reads, and 304 for a matching If-None-Match', async () => {
    const first = await call('/api/items/perimeter-of-a-3-by-5-rectangle')
    const tag = first.headers.get('etag')
    expect(tag).toBeTruthy()
    expect(first.headers.get('cache-control')).toMatch(/public, max-age=\d+/)
    const again = await call('/api/items/perimeter-of-a-3-by-5-rectangle', {
      headers: { 'if-none-match': tag! },
    })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('answers an unknown path with a 404 problem', async () => {
    const { status, body } = await getJson<Problem>('/api/nothing-here')
    expect(status).toBe(404)
    expect(body).toMatchObject({ type: 'about:blank', status: 404, instance: '/api/nothing-here' })
  })

  it('answers a wrong method with 405 and an Allow header', async () => {
    const res = await call('/api/items', { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD')
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('answers an oversized body with 413', async () => {
    const res = await call('/api/items', {
      method: 'POST',
      body: 'x'.repeat(300 * 1024),
      headers: { 'content-type': 'text/plain' },
    })
    expect(res.status).toBe(413)
    expect(((await res.json()) as { status: number }).status).toBe(413)
  })

  it('sends security headers', async () => {
    const res = await call('/api/health')
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('publishes an OpenAPI 3.1 document generated from the routes', async () => {
    const { status, body } = await getJson<OpenApiDocument>('/api/openapi.json')
    expect(status).toBe(200)
    expect(body.openapi).toBe('3.1.0')
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/items',
        '/api/items/{id}',
        '/api/misconceptions',
        '/api/misconceptions/{slug}',
        '/api/topics',
        '/api/health',
      ]),
    )
    expect(body.components.schemas.Problem).toBeDefined()
  })

  it('serves the API docs page', async () => {
    const res = await call('/api/docs')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('/api/openapi.json')
  })
})

describe('the app factory', () => {
  it('turns an unexpected error into a 500 problem that reveals nothing internal', async () => {
    const { createApp } = await import('../../src/lib/create-app.ts')
    const app = createApp()
    app.get('/boom', () => {
      throw new Error('database password is hunter2')
    })
    const res = await app.request('/boom')
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(text).not.toContain('hunter2')
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: 'Internal Server Error' })
  })
})
