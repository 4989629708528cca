// Every benchmark `npm run bench` runs, in order.
import type { BenchCase } from '../harness.ts';
import { importBench } from './import.ts';

export const cases: BenchCase[] = [
  importBench,
];
