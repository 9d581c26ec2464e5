export { isDatabaseEmpty } from "./is-database-empty.ts";
export { type DemoDataset, loadDemoDataset } from "./load-dataset.ts";
export { type DemoSummary, seedDemo } from "./seed-demo.ts";
