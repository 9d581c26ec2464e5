import { describeWriteFuzz } from "./write-fuzz-suite.ts";

describeWriteFuzz(2, 3);
