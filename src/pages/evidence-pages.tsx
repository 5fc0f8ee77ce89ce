import { Hono } from 'hono'
import type { AppEnv } from '../lib/create-app.ts'
export const evidencePages = new Hono<AppEnv>()
