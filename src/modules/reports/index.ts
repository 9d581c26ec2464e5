export { findReports, getReport, getReportFile, toReport } from "./find-reports.ts";
export { gatherFigures, REPORTED_RESOLUTION } from "./gather-figures.ts";
export { type GeneratedReport, generateReport, renderReport } from "./generate-report.ts";
export type { ReportFigures, ReportFormat, ReportLanguage } from "./report-figures.ts";
export { getReportJob, settleReportJobs, startReportJob } from "./report-jobs.ts";
export { failUnfinishedReportJobs } from "./reports.queries.ts";
export { reportRoutes } from "./reports.routes.ts";
export { asOfSchema } from "./reports.schema.ts";
