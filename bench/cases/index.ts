// Every benchmark `npm run bench` runs, in order.
import type { BenchCase } from '../harness.ts';

export const cases: BenchCase[] = [];
