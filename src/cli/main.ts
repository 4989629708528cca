// `cutover <command>`: dispatch, --help, --json, exit codes (0 ok, 1 failure, 2 usage). The runtime hands it the deps.
import { parseArgs } from 'node:util';
import type { Deps } from '../core/shared/deps.ts';
import { ConfigError } from '../core/shared/config.ts';
import { isAuthError } from '../core/shared/errors.ts';
import { UsageError, type Command, type CommandContext, type Maintenance } from './command.ts';
import { commands } from './commands/index.ts';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return ['usage: cutover <command> [options] [--json] [--help]', '', 'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  // Longest match first: "import file" before "import".
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of sorted) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return null;
}

/** The commands of a group (`clients`, `import`, ...), as `cutover <group> --help` lists them; null if no such group. */
function groupHelp(group: string): string | null {
  const members = commands.filter((c) => c.name.startsWith(`${group} `));
  if (members.length === 0) return null;
  const width = Math.max(...members.map((c) => c.name.length));
  return [`usage: cutover ${group} <command> [options] [--json] [--help]`, '', 'commands:',
    ...members.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`), '', `cutover ${group} <command> --help shows a command's options`].join('\n');
}

const isHelp = (arg: string | undefined) => arg === undefined || arg === '--help' || arg === '-h' || arg === 'help';

const noMaintenance: Maintenance = {
  migrate: () => Promise.reject(new TypeError('this runtime cannot migrate')),
  copySqliteToPostgres: () => Promise.reject(new TypeError('this runtime cannot copy databases')),
};

/** `openDeps` is called at most once, and only by a command that needs the database. */
export async function runCli(argv: string[], openDeps: () => Promise<Deps>, maintenance: Maintenance = noMaintenance): Promise<number> {
  const found = findCommand(argv);
  if (!found) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      console.log(overview());
      return 0;
    }
    const group = groupHelp(argv[0]);
    if (group) {
      if (isHelp(argv[1])) {
        console.log(group);
        return 0;
      }
      console.error(`cutover: unknown command "${argv[0]} ${argv[1]}"\n\n${group}`);
      return 2;
    }
    console.error(`cutover: unknown command "${argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')}" (see cutover --help)`);
    return 2;
  }
  const { command, rest } = found;
  let values: CommandContext['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    }));
  } catch (e) {
    console.error(`cutover ${command.name}: ${(e as Error).message.split('\n')[0]}`);
    return 2;
  }
  if (values.help) {
    console.log(`${command.usage}\n\n${command.summary}`);
    return 0;
  }
  let deps: Promise<Deps> | null = null;
  const ctx: CommandContext = {
    values,
    positionals,
    json: values.json === true,
    deps: () => (deps ??= openDeps()),
    progress: (line) => process.stderr.write(`${line}\n`),
    maintenance,
  };
  try {
    const { result, text } = await command.run(ctx);
    process.stdout.write(ctx.json ? `${JSON.stringify(result)}\n` : `${text}\n`);
    return 0;
  } catch (e) {
    const err = e as Error;
    const known = e instanceof UsageError || e instanceof ConfigError || isAuthError(e) || e instanceof TypeError;
    const message = known || err.message ? err.message.split('\n')[0] : String(e);
    if (ctx.json) process.stdout.write(`${JSON.stringify({ error: isAuthError(e) ? e.code : 'failed', message })}\n`);
    console.error(`cutover ${command.name}: ${message}`);
    if (!known && process.env.CUTOVER_DEBUG) console.error(err.stack);
    return e instanceof UsageError ? 2 : 1;
  }
}
