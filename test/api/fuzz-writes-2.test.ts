import { describeWriteFuzz } from "./write-fuzz-suite.ts";

describeWriteFuzz(1, 3);
