// `npm run demo`: trackdocs on a small project whose docs drifted from what it runs on Vast.ai,
// told in numbered steps. It uses recorded `vastai show instances --raw` and .system_state.json
// snapshots (no account, no network) and writes nothing.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const demo = dirname(fileURLToPath(import.meta.url));
const bin = join(demo, '..', 'bin', 'docs.cjs');
const color = process.stdout.isTTY && process.env.NO_COLOR === undefined;
const bold = (s) => (color ? `\x1b[1m${s}\x1b[0m` : s);
const sources = ['--vastai-json', 'vastai-instances.json', '--state', 'system_state.json'];

const steps = [
  {
    title: 'The drift: what vastai bills that the docs do not say',
    args: ['sync', '--check', ...sources],
    after: 'Above: the forgotten A100 that bills and no document lists (with what it costs per day), a stale status, a wrong burn rate, and the instances still billing that were meant to be destroyed.',
  },
  {
    title: 'The diff `trackdocs sync` would write to fix that (a dry run: nothing is written)',
    args: ['sync', '--dry-run', ...sources],
    after: 'Only the rows, cells and lines the sources own change; the W&B runs and notes people wrote stay as they are.',
  },
  {
    title: 'What a person must fix: the lint findings',
    args: ['lint'],
    after: 'Mojibake from a Windows copy, a milestone "Complete" at 95%, an unknown status, a ticked task with an open sub-task… `trackdocs lint --fix` repairs the ones marked (fixable).',
  },
];

console.log(bold('trackdocs demo: a research project whose docs drifted from its Vast.ai instances (demo/, recorded snapshots, nothing written)'));
steps.forEach((step, i) => {
  console.log(`\n${bold(`Step ${i + 1} of ${steps.length}: ${step.title}`)}`);
  console.log(`$ trackdocs ${step.args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...step.args], { cwd: demo, stdio: 'inherit', env: process.env });
  console.log(`\n(exit ${r.status}) ${step.after}`);
});
console.log(`\n${bold('Next')}
  trackdocs init                 start your own project's tracker, TODO, roadmap and config
  trackdocs hook install         lint the staged docs on every commit
  trackdocs sync --check         in cron, with vastai and its key: exit 1 when the docs drift
  trackdocs help <command>       every command's options; the guide is docs/README.md`);
