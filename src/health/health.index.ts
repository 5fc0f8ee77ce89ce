/** `GET /api/health`: the Worker is up and can read D1. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './health.handlers.ts'
import * as routes from './health.routes.ts'

export const healthRouter = createRouter().openapi(routes.health, handlers.health)
