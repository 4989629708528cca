// The arrows hold: dependency-cruiser with the project's own rules finds nothing on src/, and does catch wrong imports.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

interface Violation { rule: { name: string }; from: string; to: string }
interface CruiseResult { summary: { violations: Violation[]; totalCruised: number } }

/** Runs the same command CI would, in `cwd`, and returns its JSON report (it exits non-zero on violations). */
async function cruise(cwd: string): Promise<CruiseResult> {
  if (!existsSync(CLI)) throw new Error('dependency-cruiser is not installed: run `npm install` (it is a devDependency since issue 11)');
  const run = promisify(execFile)(process.execPath, [CLI, 'src', '--config', CONFIG, '--output-type', 'json'], { cwd, maxBuffer: 64 << 20 });
  const { stdout } = await run.catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return JSON.parse(stdout) as CruiseResult;
}

const brief = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.to}`;

describe('dependency rule', () => {
  it('finds no violation in src/', async () => {
    const { summary } = await cruise(ROOT);
    expect(summary.violations.map(brief)).toEqual([]);
    // It really read the tree (a wrong path would cruise nothing and pass).
    expect(summary.totalCruised).toBeGreaterThan(150);
  }, 180_000);

  describe('on a tree with one wrong import per rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cutover-arrows-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    file('src/http/route.ts', "import { store } from '../storage/store.ts';\nimport { start } from '../runtime/node/main.ts';\nexport const route = [store, start];\n");
    file('src/storage/store.ts', "import { route } from '../http/route.ts';\nexport const store = () => route;\n");
    file('src/runtime/node/main.ts', 'export const start = 1;\n');
    file('src/runtime/workers/worker.ts', "import { start } from '../node/main.ts';\nexport default start;\n");
    file('src/cli/main.ts', "import { start } from '../runtime/node/main.ts';\nexport const cli = start;\n");
    // Type-only imports count: a core typed against Hono already depends on it.
    file('src/core/use-case.ts', [
      "import type { Context } from 'hono';",
      "import { eq } from 'drizzle-orm';",
      "import { SESv2Client } from '@aws-sdk/client-sesv2';",
      "import { createHash } from 'node:crypto';",
      "import { route } from '../http/route.ts';",
      'export const useCase = (c: Context) => [c, eq, SESv2Client, createHash, route];',
      '',
    ].join('\n'));

    it('names every wrong arrow', async () => {
      const found = (await cruise(dir)).summary.violations.map(brief);
      const expected = [
        /^core-is-portable: src\/core\/use-case\.ts → .*node_modules\/hono\//,
        /^core-is-portable: src\/core\/use-case\.ts → .*node_modules\/drizzle-orm\//,
        /^core-is-portable: src\/core\/use-case\.ts → .*node_modules\/@aws-sdk\/client-sesv2\//,
        /^core-no-node-builtins: src\/core\/use-case\.ts → (node:)?crypto$/,
        /^core-imports-no-outer-layer: src\/core\/use-case\.ts → src\/http\/route\.ts$/,
        /^storage-stays-below: src\/storage\/store\.ts → src\/http\/route\.ts$/,
        /^http-calls-the-core: src\/http\/route\.ts → src\/storage\/store\.ts$/,
        /^only-entries-import-runtime: src\/http\/route\.ts → src\/runtime\/node\/main\.ts$/,
        /^only-entries-import-runtime: src\/cli\/main\.ts → src\/runtime\/node\/main\.ts$/,
        /^workers-without-node: src\/runtime\/workers\/worker\.ts → src\/runtime\/node\/main\.ts$/,
        /^no-circular: src\/(http\/route|storage\/store)\.ts → /,
      ];
      for (const pattern of expected) expect(found.some((v) => pattern.test(v)), `${pattern} in\n${found.join('\n')}`).toBe(true);
    }, 180_000);
  });
});
