/**
 * The testable entry point: run({argv, cwd, env, stdout, stderr}) → exit code. Commands are
 * imported lazily so a pre-commit run loads only the lint path. Typed errors become one-line
 * messages with exit code 2 here, and nowhere else.
 */
import type { CommandContext } from './commands/context.js';
import pkg from '../package.json' with { type: 'json' };

export { lintWorker } from './lint/worker.js';

type Command = { run: (ctx: CommandContext) => Promise<number>; help: string };

/** Set by bin/load-cli.cjs when running from the bundles: loads dist/<name>.cjs with its code cache. */
declare const __trackdocsBundle: ((name: string) => typeof import('./commands/more.js')) | undefined;

/** The commands of dist/more.cjs (or, outside the bundles, the modules themselves). */
const more = async () => (typeof __trackdocsBundle === 'function' ? __trackdocsBundle('more') : await import('./commands/more.js'));

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  init: { summary: 'write the status tracker, TODO, roadmap and config from templates', load: async () => (await more()).init },
  lint: { summary: 'check documents against the rules (--fix applies safe fixes)', load: () => import('./commands/lint.js') },
  sync: { summary: 'merge live vastai and state-tracker data into status trackers (--check for CI)', load: async () => (await more()).sync },
  hook: { summary: 'install or uninstall the git pre-commit hook (docs lint --staged)', load: async () => (await more()).hook },
  watch: { summary: 're-lint docs on every save; --sync also applies live data on an interval', load: async () => (await more()).watch },
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
  mcp: { summary: 'serve the verbs, lint, check and sync to coding agents over MCP (stdio)', load: async () => (await more()).mcp },
};

export const help = `trackdocs ${pkg.version}: your research project's tracking markdown, treated as a database.

Usage: docs <command> [options]

Commands:
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`).join('\n')}

Run \`docs <command> --help\` for a command's options. Documentation: docs/README.md`;

export async function run(ctx: Omit<CommandContext, 'argv'> & { argv: string[] }): Promise<number> {
  const [name, ...rest] = ctx.argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    ctx.stdout.write(help + '\n');
    return name ? 0 : 2;
  }
  if (name === '-v' || name === '--version') {
    ctx.stdout.write(pkg.version + '\n');
    return 0;
  }
  const command = commands[name];
  if (!command) {
    ctx.stderr.write(`trackdocs: unknown command \`${name}\`. Commands: ${Object.keys(commands).join(', ')}. Run \`docs --help\`.\n`);
    return 2;
  }
  try {
    const mod = await command.load();
    return await mod.run({ ...ctx, argv: rest });
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === 'usage' || err.code?.startsWith('ERR_PARSE_ARGS')) {
      ctx.stderr.write(`trackdocs ${name}: ${err.message}\nRun \`docs ${name} --help\` for usage.\n`);
      return 2;
    }
    if (err.code === 'config') {
      ctx.stderr.write(`trackdocs: config error: ${err.message}\n`);
      return 2;
    }
    ctx.stderr.write(`trackdocs: internal error: ${err.stack ?? err.message}\nPlease report this with the command you ran.\n`);
    return 2;
  }
}
