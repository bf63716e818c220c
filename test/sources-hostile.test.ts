/**
 * Hostile or broken source output (issue 9, "Source data is data"): every failure reproduced with
 * its input through the real bin and the fake `vastai`, and shown fixed.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, delimiter } from 'node:path';
import { bin, projectRoot, runCli, testArea, type CliResult } from './helpers.js';
import { checkVastaiArgs, parseInstances } from '../src/sources/vastai.js';
import { cleanLine, quote } from '../src/core/untrusted.js';
import fc from 'fast-check';

const fixtures = join(projectRoot, 'test', 'fixtures', 'vastai');
const fakeBin = join(projectRoot, 'test', 'fake-vastai');
const tracker = readFileSync(join(fixtures, 'status-tracker.md'), 'utf8');
const instancesFile = join(fixtures, 'instances.json');
const instances = JSON.parse(readFileSync(instancesFile, 'utf8')) as Record<string, unknown>[];
const SECRET = 'vk-SECRET-0123456789abcdef0123456789abcdef0123456789abcdef01234567';

const { tree, cleanups } = testArea();
function sync(dir: string, args: string[], env: Record<string, string> = {}): CliResult {
  return runCli(['sync', ...args], { cwd: dir, env: { PATH: `${fakeBin}${delimiter}${process.env.PATH}`, FAKE_VASTAI_MODE: 'ok', FAKE_VASTAI_JSON: instancesFile, VAST_API_KEY: SECRET, ...env } });
}
/** Whether any 8 consecutive characters of the secret appear in `text`. */
function leaks(text: string, secret = SECRET): boolean {
  for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) return true;
  return false;
}
/** Whether a process runs (a zombie, killed but not yet reaped by its new parent, does not). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('control characters in source strings', () => {
  it('a NUL and an ESC sequence in a label never reach the document or the terminal', () => {
    const evil = [...instances.slice(0, 2), { ...instances[0], id: 30000099, label: 'evil\u0000label \u001b[31mred\u001b[0m\u009b2J\u0007 end\r\nnext', gpu_name: 'A100\u001b]0;title\u0007', status_msg: '\u0000' }];
    const dir = tree({ 'status-tracker.md': tracker, 'evil.json': JSON.stringify(evil) });
    const check = sync(dir, ['status-tracker.md', '--check'], { FAKE_VASTAI_JSON: join(dir, 'evil.json') });
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    const r = sync(dir, ['status-tracker.md'], { FAKE_VASTAI_JSON: join(dir, 'evil.json') });
    expect(r.code).toBe(0);
    const after = readFileSync(join(dir, 'status-tracker.md'), 'utf8');
    expect(after).toMatch(/\| 30000099 \| evillabel red end next \| 1x A100 \|/);
    expect(after).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/);
    // The document is still text: trackdocs lints it as markdown, not as a binary file.
    const lint = runCli(['lint', 'status-tracker.md'], { cwd: dir });
    expect(lint.stdout).not.toMatch(/file\/unreadable/);
  });

  it('cleanLine leaves no control character in any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0x2ff }).map((c) => String.fromCharCode(c)) }), (s) => {
        expect(cleanLine(s)).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
      }),
    );
  });
});

describe('numbers and ids a source sends', () => {
  it.each([
    ['id 1e21', { id: 1e21 }, /element 2 is not a vastai instance \(field `id` must be <= 9007199254740991\)/],
    ['an unsafe integer id', { id: 9007199254740993 }, /field `id` must be <= 9007199254740991/],
    ['dph_total 1e308', { dph_total: 1e308 }, /field `dph_total` must be <= 10000/],
    ['a negative price', { dph_total: -1 }, /field `dph_total` must be >= 0/],
  ])('%s is a source error naming the field; nothing is written', (_name, patch, message) => {
    const bad = JSON.stringify([instances[0], instances[1], { ...instances[2], ...patch }]);
    const dir = tree({ 'status-tracker.md': tracker, 'bad.json': bad });
    for (const args of [['--vastai-json', 'bad.json'], []]) {
      const r = sync(dir, ['status-tracker.md', '--no-state', ...args], { FAKE_VASTAI_JSON: join(dir, 'bad.json') });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/Infinity|internal error/);
      expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toBe(tracker);
    }
  });

  it('duplicate ids in one snapshot are a source error: no second row, no double burn rate', () => {
    const dup = JSON.stringify([instances[0], instances[1], { ...instances[0], label: 'the same again' }]);
    const dir = tree({ 'status-tracker.md': tracker, 'dup.json': dup });
    const r = sync(dir, ['status-tracker.md', '--vastai-json', 'dup.json', '--no-state']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dup\.json: elements 0 and 2 have the same `id` 28491023/);
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toBe(tracker);
  });

  it('parseInstances accepts the recorded snapshot as it is', () => {
    const r = parseInstances(JSON.stringify(instances), {}, 'x');
    expect(r.ok).toBe(true);
  });
});

describe('output size and process lifetime', () => {
  it('output past sources.vastai.maxOutputMiB stops the run with a clear error (exit 2, no crash dump)', () => {
    const dir = tree({ 'status-tracker.md': tracker, 'docs.config.yaml': 'sources:\n  vastai:\n    maxOutputMiB: 1\n' });
    const r = sync(dir, ['status-tracker.md', '--no-state'], { FAKE_VASTAI_MODE: 'flood' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/vastai printed more than 1 MiB on stdout and was stopped/);
    expect(r.stderr).toMatch(/sources\.vastai\.maxOutputMiB/);
    expect(r.stderr).not.toMatch(/internal error|at .*cli\.cjs/);
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toBe(tracker);
  });

  it('the default limit (64 MiB) stops endless output long before Node could not hold it', () => {
    const dir = tree({ 'status-tracker.md': tracker });
    const r = sync(dir, ['status-tracker.md', '--check', '--no-state'], { FAKE_VASTAI_MODE: 'flood' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/vastai printed more than 64 MiB on stdout and was stopped/);
  });

  it('a vastai whose setsid grandchild holds stdout is killed, grandchild included, at the timeout', () => {
    const dir = tree({ 'status-tracker.md': tracker, 'docs.config.yaml': 'sources:\n  vastai:\n    timeout: 1\n' });
    const pidFile = join(dir, 'grandchild.pid');
    const r = sync(dir, ['status-tracker.md', '--no-state'], { FAKE_VASTAI_MODE: 'setsid-child', FAKE_VASTAI_PID_FILE: pidFile });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/vastai did not answer within 1 s and was stopped/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    cleanups.push(() => alive(pid) && process.kill(pid, 'SIGKILL'));
    expect(alive(pid)).toBe(false);
  });

  it('under watch --sync, syncing goes on after such a hang', async () => {
    const dir = tree({ 'status-tracker.md': tracker, 'docs.config.yaml': 'sources:\n  vastai:\n    timeout: 1\n', mode: 'setsid-child\n' });
    const child = spawn(process.execPath, [bin, 'watch', 'status-tracker.md', '--sync', '--interval', '200ms', '--no-state'], {
      cwd: dir,
      env: { PATH: `${fakeBin}${delimiter}${process.env.PATH}`, FAKE_VASTAI_MODE_FILE: join(dir, 'mode'), FAKE_VASTAI_JSON: instancesFile, TRACKDOCS_TODAY: '2026-11-25', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => child.kill('SIGKILL'));
    let out = '';
    const waitFor = (re: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}:\n${out}`)), 20_000);
        const on = (d: Buffer) => {
          out += d.toString();
          if (re.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', on);
        child.stderr.on('data', on);
      });
    await waitFor(/did not answer within 1 s/);
    writeFileSync(join(dir, 'mode'), 'ok\n');
    await waitFor(/synced status-tracker\.md/);
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toContain('| 30000001 |');
    child.kill('SIGINT');
  }, 40_000);
});

describe('secrets in messages', () => {
  it('non-JSON output is redacted before it is cut: no part of a key past the first 200 characters leaks', () => {
    const dir = tree({ 'status-tracker.md': tracker });
    const r = sync(dir, ['status-tracker.md', '--no-state'], { FAKE_VASTAI_MODE: 'not-json-long', VAST_API_KEY: SECRET });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/vastai output is not JSON: <p>Service unavailable/);
    expect(leaks(r.stderr)).toBe(false);
    // Without the key in the environment, the `api_key=` pattern still catches it.
    const r2 = sync(dir, ['status-tracker.md', '--no-state'], { FAKE_VASTAI_MODE: 'not-json-long', VAST_API_KEY: '' });
    expect(r2.code).toBe(2);
    expect(quote(`${'x'.repeat(190)} api_key=${SECRET}`, {})).not.toContain(SECRET.slice(0, 8));
  });

  it('a state file that is not JSON is reported without its content', () => {
    const stateKey = 'sk-live-STATEKEY-9876543210zyxwvutsrq';
    const dir = tree({ 'status-tracker.md': tracker, '.system_state.json': `${stateKey} {"last_updated": 1}` });
    const r = sync(dir, ['status-tracker.md', '--no-vastai']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.system_state\.json is not JSON \(Unexpected token 's' \(not valid JSON\)\)/);
    expect(leaks(r.stderr, stateKey)).toBe(false);
  });

  it('a config-named schema that is not JSON is reported without its content', () => {
    const schemaKey = 'ghp_SCHEMAKEY0123456789abcdefghijklmnop';
    const dir = tree({ 'status-tracker.md': tracker, 'docs.config.yaml': 'tables:\n  jobs:\n    schema: jobs.schema.json\n', 'jobs.schema.json': `{"token": ${schemaKey}}` });
    const r = runCli(['lint', 'status-tracker.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the jobs schema .*jobs\.schema\.json is not JSON: Unexpected token 'g' \(not valid JSON\)/);
    expect(leaks(r.stderr, schemaKey)).toBe(false);
  });
});

describe('the ban on --api-key, --explain and --curl in sources.vastai.args', () => {
  it.each(['--api-key', '--api', '--ap', '--a', '--api-key=x', '--api=x', '--exp', '--explain', '--e=1', '--cu', '--curl', '--c'])('refuses %s', (arg) => {
    expect(checkVastaiArgs(['--raw', arg, 'x'])).toMatch(/may not contain/);
  });
  it.each([['--url', 'https://console.vast.ai'], ['--raw'], ['-q'], ['--retry', '3'], ['--apikey'], ['--explained'], ['--']])('allows %s', (...args) => {
    expect(checkVastaiArgs(args)).toBeUndefined();
  });
  it('names what vastai would read an abbreviation as, through the real bin', () => {
    const dir = tree({ 'status-tracker.md': tracker, 'docs.config.yaml': 'sources:\n  vastai:\n    args: ["--exp"]\n' });
    const r = sync(dir, ['status-tracker.md']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/may not contain --exp \(vastai would read it as --explain\)/);
  });
});
