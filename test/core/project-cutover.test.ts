// The projection math: P from exposure, S = 1 − (1 − S0)(1 − P)^D, and the edges.
import { describe, expect, it } from 'vitest';
import { projectCutover, projectedShare } from '../../src/core/report/project-cutover.ts';

const NOW = Date.UTC(2025, 0, 11, 12);

describe('projectCutover', () => {
  it('estimates P from sign-ins per day of exposure and finds the first day reaching the target', () => {
    // 100 people, nobody signed in yet at the start, 10 signed in over 200 person-days.
    const r = projectCutover({ users: 100, signedIn: 10, exposureDays: 200, targetShare: 0.9, now: NOW });
    const p = 1 - Math.exp(-10 / 200);
    expect(r.p).toBeCloseTo(p, 12);
    // 0.1 already in; 1 − 0.9 (1 − p)^D ≥ 0.9  ⇔  D ≥ ln(0.1 / 0.9) / ln(1 − p) = 43.94…
    expect(r.days).toBe(44);
    expect(r.etaDate).toBe('2025-02-24');
    expect(projectedShare(0.1, p, 44)).toBeGreaterThanOrEqual(0.9);
    expect(projectedShare(0.1, p, 43)).toBeLessThan(0.9);
  });

  it('matches S = 1 − (1 − P)^D when nobody has signed in yet', () => {
    const r = projectCutover({ users: 1000, signedIn: 0, exposureDays: 0, targetShare: 0.5, now: NOW });
    expect(r).toEqual({ p: null, targetShare: 0.5, days: null, etaDate: null });
    const s = projectCutover({ users: 1000, signedIn: 1, exposureDays: 10, targetShare: 0.5, now: NOW });
    const D = s.days!;
    expect(1 - (1 - 0.001) * (1 - s.p!) ** D).toBeGreaterThanOrEqual(0.5);
    expect(1 - (1 - 0.001) * (1 - s.p!) ** (D - 1)).toBeLessThan(0.5);
  });

  it('says 0 days once the target is reached, and null when there is nobody to project', () => {
    expect(projectCutover({ users: 10, signedIn: 9, exposureDays: 30, targetShare: 0.9, now: NOW })).toMatchObject({ days: 0, etaDate: '2025-01-11' });
    expect(projectCutover({ users: 0, signedIn: 0, exposureDays: 0, targetShare: 0.9, now: NOW })).toMatchObject({ days: null, etaDate: null });
  });

  it('treats a bad target or impossible counts as misuse', () => {
    expect(() => projectCutover({ users: 1, signedIn: 0, exposureDays: 1, targetShare: 1, now: NOW })).toThrow(TypeError);
    expect(() => projectCutover({ users: 1, signedIn: 2, exposureDays: 1, targetShare: 0.5, now: NOW })).toThrow(TypeError);
  });
});
