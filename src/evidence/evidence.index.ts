/** Evidence routes (tallies, statistics, prevalence, enquiries) wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './evidence.handlers.ts'
import * as routes from './evidence.routes.ts'

export const evidenceRouter = createRouter()
  .openapi(routes.recordTally, handlers.recordTally)
  .openapi(routes.listTallies, handlers.listTallies)
  .openapi(routes.deleteTally, handlers.deleteTally)
  .openapi(routes.exportClassTallies, handlers.exportClassTallies)
  .openapi(routes.itemStatistics, handlers.itemStatisticsHandler)
  .openapi(routes.misconceptionPrevalence, handlers.misconceptionPrevalence)
  .openapi(routes.workgroupPrevalence, handlers.workgroupPrevalence)
  .openapi(routes.createEnquiry, handlers.createEnquiry)
  .openapi(routes.listEnquiries, handlers.listEnquiries)
  .openapi(routes.getEnquiry, handlers.getEnquiry)
  .openapi(routes.addEnquiryClass, handlers.addEnquiryClass)
  .openapi(routes.removeEnquiryClass, handlers.removeEnquiryClass)
  .openapi(routes.closeEnquiry, handlers.closeEnquiry)
  .openapi(routes.exportEnquiry, handlers.exportEnquiry)
