/**
 * The testable entry point: run({argv, cwd, env, stdout, stderr}) → exit code. Commands are
 * imported lazily so a pre-commit run loads only the lint path. Typed errors become one-line
 * messages with exit code 2 here, and nowhere else.
 */
import type { CommandContext } from './commands/context.js';
import { didYouMean } from './core/suggest.js';
import { reportCommandError } from './commands/errors.js';
import pkg from '../package.json' with { type: 'json' };

export { lintWorker } from './lint/worker.js';

type Command = { run: (ctx: CommandContext) => Promise<number>; help: string };

/** Set by bin/load-cli.cjs when running from the bundles: loads dist/<name>.cjs with its code cache. */
declare const __trackdocsBundle: ((name: string) => typeof import('./commands/more.js')) | undefined;

/** The commands of dist/more.cjs (or, outside the bundles, the modules themselves). */
const more = async () => (typeof __trackdocsBundle === 'function' ? __trackdocsBundle('more') : await import('./commands/more.js'));

export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  init: { summary: 'write the status tracker, TODO, roadmap and config from templates', load: async () => (await more()).init },
  lint: { summary: 'check documents against the rules (--fix applies safe fixes)', load: () => import('./commands/lint.js') },
  sync: { summary: 'merge live vastai and state-tracker data into status trackers (--check for CI)', load: async () => (await more()).sync },
  check: { summary: 'lint plus sync --check, one report and exit code for CI', load: async () => (await more()).check },
  export: { summary: 'print the typed model of documents as JSON or YAML', load: () => import('./commands/export.js') },
  // The agents' verbs (docs/agents.md) and their MCP server.
  get: { summary: 'print rows of a table (by kind or heading), with the document version', load: async () => (await more()).verbs.get },
  set: { summary: 'update cells of a row, validated, in the table\'s own spelling', load: async () => (await more()).verbs.set },
  add: { summary: 'add a row in the table\'s own style', load: async () => (await more()).verbs.add },
  rm: { summary: 'remove a row (jobs move to Past Remote Jobs)', load: async () => (await more()).verbs.rm },
  log: { summary: 'add a dated Recent Work entry', load: async () => (await more()).verbs.log },
  done: { summary: 'tick a TODO or roadmap task (--undo, --cascade)', load: async () => (await more()).verbs.done },
  apply: { summary: 'apply a JSON list of operations from stdin, all or none', load: async () => (await more()).verbs.apply },
  resolve: { summary: 'merge the sides of conflict markers committed in a document, by structure (--write)', load: async () => (await more()).resolve },
  mcp: { summary: 'serve the verbs, lint, check and sync to coding agents over MCP (stdio)', load: async () => (await more()).mcp },
  merge: { summary: 'three-way merge of a document by rows, tasks and dated entries (a git merge driver)', load: async () => (await more()).merge },
  'merge-driver': { summary: 'install or uninstall trackdocs as git\'s merge driver for the documents', load: async () => (await more()).mergeDriver },
  hook: { summary: 'install or uninstall the git pre-commit hook (trackdocs lint --staged)', load: async () => (await more()).hook },
  watch: { summary: 're-lint docs on every save; --sync also applies live data on an interval', load: async () => (await more()).watch },
  completion: { summary: 'print a shell completion script: trackdocs completion bash|zsh|fish', load: async () => (await more()).completion },
  help: { summary: "show a command's help: trackdocs help <command>", load: async () => ({ help, run: async () => 0 }) },
};

export const help = `trackdocs ${pkg.version}: your research project's tracking markdown, treated as a database.

Usage: trackdocs <command> [options]

Commands:
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`).join('\n')}

Options for every command:
  -h, --help     show the command's help (also: trackdocs help <command>)
  --no-color     no ANSI colours (also: NO_COLOR=1)
  --print-config print the configuration in effect and where it came from (lint, sync, check,
                 export, watch; with --config FILE, that file's)

  -v, --version  print trackdocs' version

\`docs\` is a second name for the same command. Documentation: docs/README.md in the package.`;

/** The commands that read docs.config.yaml, and so take --config and --print-config. */
const configCommands = ['lint', 'sync', 'check', 'export', 'watch'];

/** `--no-color` is accepted by every command: taken out here and passed on as NO_COLOR. */
function takeNoColor(ctx: CommandContext): CommandContext {
  const end = ctx.argv.indexOf('--');
  const head = end === -1 ? ctx.argv : ctx.argv.slice(0, end);
  if (!head.includes('--no-color')) return ctx;
  const argv = [...head.filter((a) => a !== '--no-color'), ...(end === -1 ? [] : ctx.argv.slice(end))];
  return { ...ctx, argv, env: { ...ctx.env, NO_COLOR: '1', FORCE_COLOR: undefined } };
}

const unknownCommand = (name: string) =>
  `trackdocs: unknown command \`${name}\`${didYouMean(name, Object.keys(commands))}. Commands: ${Object.keys(commands).join(', ')}. Run \`trackdocs --help\`.\n`;

export async function run(input: Omit<CommandContext, 'argv'> & { argv: string[] }): Promise<number> {
  const ctx = takeNoColor(input);
  let [name, ...rest] = ctx.argv;
  if (name === 'help' && rest[0] && !rest[0].startsWith('-')) {
    // `trackdocs help lint` is `trackdocs lint --help`.
    if (!commands[rest[0]]) {
      ctx.stderr.write(unknownCommand(rest[0]));
      return 2;
    }
    [name, rest] = [rest[0], ['--help']];
  }
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    ctx.stdout.write(help + '\n');
    return name ? 0 : 2;
  }
  if (name === '-v' || name === '--version') {
    ctx.stdout.write(pkg.version + '\n');
    return 0;
  }
  // What the completion scripts call on every Tab (not listed: people do not type it).
  const completionServer = { load: async () => ({ help: '', run: async (c: CommandContext) => (await more()).completion.serve(c, commands) }) };
  const command = name === 'completion-server' ? completionServer : commands[name];
  if (!command) {
    ctx.stderr.write(unknownCommand(name));
    return 2;
  }
  try {
    if (configCommands.includes(name) && rest.includes('--print-config')) return await (await import('./config/print.js')).printConfig(ctx, rest);
    const mod = await command.load();
    return await mod.run({ ...ctx, argv: rest });
  } catch (e) {
    return reportCommandError(name, e, ctx.stderr);
  }
}
