// Every benchmark `npm run bench` runs, in order.
import type { BenchCase } from '../harness.ts';
import { foundation } from './foundation.ts';

export const cases: BenchCase[] = [
  foundation,
];
