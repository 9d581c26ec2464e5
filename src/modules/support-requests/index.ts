export type { StepActor } from "./acting.ts";
export { createSupportRequest } from "./create-support-request.ts";
export {
  countRequestsByBody,
  findSupportRequests,
  getSupportRequest,
} from "./find-support-requests.ts";
export { linkRequestFlow } from "./link-request-flow.ts";
export { recordRequestStep } from "./record-request-step.ts";
export { supportRequestRoutes } from "./support-requests.routes.ts";
export type { SupportRequest, SupportRequestDetail } from "./support-requests.schema.ts";
