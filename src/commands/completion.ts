/**
 * `trackdocs completion bash|zsh|fish`: print a shell completion script. The scripts come from
 * @pnpm/tabtab; on every Tab they call `trackdocs completion-server`, which answers from the
 * commands' own --help texts, so completion offers exactly the options each command documents.
 */
import { subcommand } from './options.js';
import { UsageError } from '../core/errors.js';
import { lazyImport } from '../core/lazy.js';
import type { CommandContext } from './context.js';
import { formats } from '../reporters/index.js';

type Tabtab = typeof import('@pnpm/tabtab');

export const shells = ['bash', 'zsh', 'fish'] as const;

export const help = `Usage: trackdocs completion bash|zsh|fish

Print a completion script for your shell: Tab then completes commands, options, option values
(--format, --archive) and file names.

  bash   echo 'source <(trackdocs completion bash)' >> ~/.bashrc
  zsh    echo 'source <(trackdocs completion zsh)' >> ~/.zshrc
  fish   trackdocs completion fish > ~/.config/fish/completions/trackdocs.fish

Options:
  -h, --help   show this help`;

export async function run(ctx: CommandContext): Promise<number> {
  const got = subcommand(ctx, help, shells, 'shell');
  if (typeof got === 'number') return got;
  const { action: shell, rest } = got;
  if (rest.length) throw new UsageError(`unexpected ${rest.join(' ')}`);
  const tabtab = await lazyImport<Tabtab>('@pnpm/tabtab');
  ctx.stdout.write(await tabtab.getCompletionScript({ name: 'trackdocs', completer: 'trackdocs', shell: shell as (typeof shells)[number] }));
  return 0;
}

/** The options a command's --help lists under "Options:". */
export function optionsInHelp(helpText: string): string[] {
  const section = helpText.split(/^Options:$/m)[1] ?? '';
  return [...new Set([...section.matchAll(/(?:^|[\s,])(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]!))];
}

/** Values an option takes, for completing the word after it. */
const optionValues: Record<string, string[]> = {
  '--archive': ['move', 'mark', 'remove'],
};

/** The CLI's command table (src/cli.ts): names and their lazily loaded modules. */
export type CommandTable = Record<string, { load: () => Promise<{ help: string }> }>;

/** Every --format value any command knows; a command offers those its --help names. */
const formatNames = [...formats, 'yaml'];

/** What to offer for the word being completed, given the words before it. */
export async function candidates(commands: CommandTable, words: string[], current: string): Promise<string[] | 'files'> {
  const names = Object.keys(commands);
  if (words.length <= 1) return names;
  const command = words[1]!;
  const prev = words.at(-1)!;
  if (command === 'help') return words.length === 2 ? names : [];
  if (command === 'completion') return words.length === 2 ? [...shells] : [];
  if (command === 'hook' || command === 'merge-driver') return words.length === 2 ? ['install', 'uninstall'] : command === 'merge-driver' && current.startsWith('-') ? ['--dry-run'] : [];
  const entry = commands[command];
  if (!entry) return [];
  const helpText = (await entry.load()).help;
  if (prev === '--format') {
    const line = /--format <name>(.*(?:\n {10,}.*)*)/.exec(helpText)?.[1] ?? '';
    return formatNames.filter((f) => new RegExp(`\\b${f}\\b`).test(line));
  }
  if (optionValues[prev]) return optionValues[prev]!;
  if (current.startsWith('-')) return [...optionsInHelp(helpText), '--no-color'];
  return 'files';
}

/** `trackdocs completion-server -- <words>`: called by the completion scripts on every Tab. */
export async function serve(ctx: CommandContext, commands: CommandTable): Promise<number> {
  const tabtab = await lazyImport<Tabtab>('@pnpm/tabtab');
  const env = tabtab.parseEnv(ctx.env as Record<string, string>);
  if (!env.complete) return 0;
  const shell = ctx.env.SHELL && tabtab.isShellSupported(ctx.env.SHELL) ? (ctx.env.SHELL as (typeof shells)[number]) : 'bash';
  // The words before the one under the cursor; the current word is what is being typed.
  const before = env.partial.split(/\s+/).filter(Boolean);
  const current = /\s$/.test(env.partial) ? '' : (before.pop() ?? '');
  const offer = await candidates(commands, before, current);
  const print = (line: string) => ctx.stdout.write(line + '\n');
  if (offer === 'files') {
    // bash falls back to file names when given nothing (the script uses `complete -o default`).
    if (shell !== 'bash') print('__tabtab_complete_files__');
    return 0;
  }
  tabtab.log(offer.filter((c) => c.startsWith(current)), shell, print);
  return 0;
}
