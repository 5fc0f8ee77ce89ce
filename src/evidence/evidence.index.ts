/** Evidence routes (tallies, statistics, prevalence, enquiries) wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './evidence.handlers.ts'
import * as enquiryRoutes from './enquiries.routes.ts'
import * as routes from './evidence.routes.ts'

export const evidenceRouter = createRouter()
  .openapi(routes.recordTally, handlers.recordTally)
  .openapi(routes.listTallies, handlers.listTallies)
  .openapi(routes.deleteTally, handlers.deleteTally)
  .openapi(routes.exportClassTallies, handlers.exportClassTallies)
  .openapi(routes.itemStatistics, handlers.itemStatisticsHandler)
  .openapi(routes.misconceptionPrevalence, handlers.misconceptionPrevalence)
  .openapi(routes.workgroupPrevalence, handlers.workgroupPrevalence)
  .openapi(enquiryRoutes.createEnquiry, handlers.createEnquiry)
  .openapi(enquiryRoutes.listEnquiries, handlers.listEnquiries)
  .openapi(enquiryRoutes.getEnquiry, handlers.getEnquiry)
  .openapi(enquiryRoutes.addEnquiryClass, handlers.addEnquiryClass)
  .openapi(enquiryRoutes.removeEnquiryClass, handlers.removeEnquiryClass)
  .openapi(enquiryRoutes.closeEnquiry, handlers.closeEnquiry)
  .openapi(enquiryRoutes.exportEnquiry, handlers.exportEnquiry)
