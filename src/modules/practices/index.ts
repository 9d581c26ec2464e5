export { createPractice } from "./create-practice.ts";
export { findPractices, getPractice } from "./find-practices.ts";
export { practiceRoutes } from "./practices.routes.ts";
export { type PracticeInput, practiceInputSchema } from "./practices.schema.ts";
export { renderPracticeBody } from "./render-markdown.ts";
export { setPracticeStatus } from "./set-practice-status.ts";
export { updatePractice } from "./update-practice.ts";
