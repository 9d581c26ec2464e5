import { describeWriteFuzz } from "./write-fuzz-suite.ts";

describeWriteFuzz(0, 3);
