export { applyWorkbook } from "./apply-workbook.ts";
export { previewWorkbook, publicPlan, type WorkbookPlan } from "./preview-workbook.ts";
export { spreadsheetRoutes } from "./spreadsheets.routes.ts";
