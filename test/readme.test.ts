/**
 * The README's "Use" section, run as written, command by command, in a fresh temporary folder:
 * `trackdocs` on PATH (the real bin) and a fake `vastai` standing in for the real one.
 */
import { describe, expect, it, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, existsSync } from 'node:fs';
import { join, delimiter } from 'node:path';
import { bin, projectRoot, tempTree } from './helpers.js';

const t = tempTree({});
afterAll(() => t.cleanup());

/** The commands of the first ```bash block under "## Use", without their comments. */
export function useCommands(readme: string): string[] {
  const section = readme.slice(readme.indexOf('\n## Use\n'));
  const block = /```bash\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

const commands = useCommands(readFileSync(join(projectRoot, 'README.md'), 'utf8'));
const pathDir = join(t.dir, 'bin');
mkdirSync(pathDir);
symlinkSync(bin, join(pathDir, 'trackdocs'));
const env = {
  PATH: [pathDir, join(projectRoot, 'test', 'fake-vastai'), process.env.PATH].join(delimiter),
  HOME: t.dir,
  NO_COLOR: '1',
  TRACKDOCS_TODAY: '2026-11-25',
  FAKE_VASTAI_JSON: join(projectRoot, 'test', 'fixtures', 'vastai', 'instances.json'),
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

/** Each command runs in bash where the previous one left off (a `cd` carries over). */
let cwd = t.dir;
const pwdFile = join(t.dir, '.pwd');
function runLine(line: string) {
  const r = spawnSync('bash', ['-c', `${line}\nstatus=$?\npwd > '${pwdFile}'\nexit $status`], { cwd, env, encoding: 'utf8' });
  cwd = readFileSync(pwdFile, 'utf8').trim();
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("README's Use section", () => {
  it('has the commands a new user runs, starting in a new repository', () => {
    expect(commands[0]).toBe('git init my-project && cd my-project');
    expect(commands.every((c, i) => i === 0 || c.startsWith('trackdocs '))).toBe(true);
    expect(commands.length).toBeGreaterThan(8);
  });

  it.each(commands.filter((c) => !c.includes(' watch')).map((c) => [c]))('`%s` runs as written (exit 0, no error on stderr)', (line) => {
    const r = runLine(line);
    expect(r.stderr).not.toMatch(/internal error|usage|unknown|error:/i);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    if (line.startsWith('trackdocs sync --dry-run')) expect(r.stdout).toContain('+| 30000001 |');
    if (line === 'trackdocs sync') expect(readFileSync(join(cwd, 'docs', 'status-tracker.md'), 'utf8')).toContain('| 30000001 |');
    if (line === 'trackdocs hook install') expect(existsSync(join(cwd, '.git', 'hooks', 'pre-commit'))).toBe(true);
    if (line.includes('--format junit')) expect(r.stdout).toMatch(/^<\?xml/);
    if (line.includes('export')) expect(JSON.parse(r.stdout)[0].model.kind).toBeDefined();
  });

  it('the watch line runs until Ctrl-C, then exits 0', async () => {
    const line = commands.find((c) => c.includes(' watch'))!;
    const child = spawn('bash', ['-c', `exec ${line}`], { cwd, env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/checked/.test(out)) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
      child.on('exit', () => reject(new Error(`watch exited early: ${out}`)));
    });
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
  }, 60_000);
});
