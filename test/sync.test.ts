/** `trackdocs sync` as a user runs it: the real bin, a fake `vastai` on PATH, real files. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, delimiter } from 'node:path';
import { projectRoot, runCli, testArea, type CliResult } from './helpers.js';

const fixtures = join(projectRoot, 'test', 'fixtures', 'vastai');
const fakeBin = join(projectRoot, 'test', 'fake-vastai');
const tracker = readFileSync(join(fixtures, 'status-tracker.md'), 'utf8');
const instances = join(fixtures, 'instances.json');
const stateJson = readFileSync(join(fixtures, 'system_state.json'), 'utf8');
const SECRET = 'vk-SECRET-0123456789abcdef';

const { tree } = testArea();

function sync(dir: string, args: string[], mode = 'ok', extraEnv: Record<string, string> = {}): CliResult {
  return runCli(['sync', ...args], {
    cwd: dir,
    env: { PATH: `${fakeBin}${delimiter}${process.env.PATH}`, FAKE_VASTAI_MODE: mode, FAKE_VASTAI_JSON: instances, VAST_API_KEY: SECRET, ...extraEnv },
  });
}

describe('trackdocs sync with the fake vastai', () => {
  it('adds unlisted instances, updates source cells, archives stale rows, keeps people cells; a second sync changes nothing', () => {
    const dir = tree({ 'docs/status-tracker.md': tracker, '.git/HEAD': '' });
    const r = sync(dir, ['docs/status-tracker.md']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The instance on the destroy list that still bills is named with the command to stop it.
    const pending = 'docs/status-tracker.md: Instance 28491023 (step2-ema-rate) is to be destroyed after completion but is still running on vastai at $0.42/hr ($10.08/day); once its job is done, run `vastai destroy instance 28491023`\n';
    expect(r.stdout).toBe(`${pending}docs/status-tracker.md: 2 added, 1 updated, 1 archived; written\n1 tracker synced with vastai\n`);
    const after = readFileSync(join(dir, 'docs/status-tracker.md'), 'utf8');
    expect(after).toContain('Last updated: 2026-11-25');
    // Source-owned cells updated; the people's note and W&B cell untouched.
    expect(after).toContain('| 28491077 | step2-teacherless | 2x RTX 3090 | 🟢 Running | — | $0.35/hr | teacherless, waiting for image |');
    expect(after).toContain('| 28491023 | step2-ema-rate | 1x RTX 4090 | 🟢 Running | [f1u4hzpj](https://wandb.ai/k/s/runs/f1u4hzpj) | $0.42/hr | 30 epochs, EMA+Rate |');
    // New rows, with the label escaped and the status from the documented mapping.
    expect(after).toContain('| 30000001 | — | 1x A100 SXM4 | 🟡 Starting | — | $1.20/hr | — |');
    expect(after).toContain('| 30000002 | résumé \\| \\<b>old\\</b> | 1x RTX 3060 | ⚫ Offline | — | $0.20/hr | — |');
    // The stale row moved, whole, to Past Remote Jobs, with its end date.
    expect(after).toMatch(/## Past Remote Jobs\n\n\| Instance ID \| Label \| GPU \| Status \| W&B Run \| Est\. Cost \| Notes \| Ended \|\n\|[-|]+\|\n\| 27000000 \| old-sweep \| 1x RTX 3060 \| 🗑 Destroyed \| \[abc\]\(https:\/\/wandb\.ai\/k\/s\/runs\/abc\) \| \$0\.10\/hr \| lr sweep; results in `logs\/sweep\.json` \| 2026-11-25 \|\n\n## Step Status/);
    expect(after).toContain('- Current hourly burn rate: $1.97/hr');
    // Secrets and addresses never reach the document.
    for (const s of ['jupytersecret123', 'hf_secret', 'wandbsecret', '203.0.113.7', 'ssh5.vast.ai', SECRET]) expect(after).not.toContain(s);
    // Every byte outside the synced table, the burn-rate line and Last updated is unchanged.
    expect(after.slice(after.indexOf('## Step Status'))).toBe(tracker.slice(tracker.indexOf('## Step Status')));
    expect(after.slice(0, after.indexOf('Last updated'))).toBe(tracker.slice(0, tracker.indexOf('Last updated')));

    const again = sync(dir, ['docs/status-tracker.md']);
    expect(again.stdout).toBe(`${pending}docs/status-tracker.md: in sync\n1 tracker synced with vastai\n`);
    expect(readFileSync(join(dir, 'docs/status-tracker.md'), 'utf8')).toBe(after);
    expect(sync(dir, ['docs/status-tracker.md', '--check']).code).toBe(0);
    // The synced document lints clean of table-shape errors.
    const lint = JSON.parse(runCli(['lint', 'docs/status-tracker.md', '--format', 'json'], { cwd: dir }).stdout);
    expect(lint.filter((d: { ruleId: string }) => d.ruleId.startsWith('table/') || d.ruleId === 'cost/burn-rate' || d.ruleId === 'status/unknown')).toEqual([]);
  });

  it('--check reports each kind of drift with actual and expected, and writes nothing', () => {
    const dir = tree({ 'status-tracker.md': tracker });
    const r = sync(dir, ['status-tracker.md', '--check', '--format', 'json']);
    expect(r.code).toBe(1);
    const drift = JSON.parse(r.stdout) as { ruleId: string; line: number; message: string; actual?: string; expected?: string }[];
    expect(drift.map((d) => `${d.line} ${d.ruleId}`)).toEqual([
      '14 drift/unlisted-instance',
      '14 drift/unlisted-instance',
      '17 drift/cell-mismatch',
      '17 drift/status-mismatch',
      '17 drift/cost-mismatch',
      '18 drift/stale-instance',
      '21 drift/burn-rate',
      '22 drift/destroy-pending',
    ]);
    expect(drift.at(-1)).toMatchObject({ severity: 'warning', message: expect.stringContaining('run `vastai destroy instance 28491023`') });
    expect(drift.at(-1)!.message).toContain('$0.42/hr ($10.08/day)');
    expect(drift.find((d) => d.ruleId === 'drift/status-mismatch')).toMatchObject({ actual: '🟡 Starting', expected: '🟢 Running' });
    expect(drift.find((d) => d.ruleId === 'drift/cost-mismatch')).toMatchObject({ actual: '$0.30/hr', expected: '$0.35/hr' });
    expect(drift.find((d) => d.ruleId === 'drift/burn-rate')).toMatchObject({ actual: '$0.52/hr', expected: '$1.97/hr' });
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toBe(tracker);
    const gh = sync(dir, ['status-tracker.md', '--check', '--format', 'github']);
    expect(gh.stdout).toMatch(/^::error file=status-tracker.md,line=14,col=1,endLine=14,endColumn=\d+,title=drift\/unlisted-instance::Instance 30000001 is starting on vastai at \$1.20\/hr \(\$28.80\/day\) but no document lists it$/m);
    const sarif = JSON.parse(sync(dir, ['status-tracker.md', '--check', '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results.length).toBe(8);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('drift/stale-instance');
  });

  it('--dry-run prints a unified diff and writes nothing', () => {
    const dir = tree({ 'status-tracker.md': tracker });
    const r = sync(dir, ['status-tracker.md', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--- a/status-tracker.md\n+++ b/status-tracker.md\n');
    expect(r.stdout).toContain('-| 28491077 |  | 2x RTX 3090 | 🟡 Starting |');
    expect(r.stdout).toContain('+| 30000001 | — | 1x A100 SXM4 | 🟡 Starting |');
    expect(r.stdout).toMatch(/would write: 2 added, 1 updated, 1 archived \(dry run: nothing written\)\n1 tracker compared with vastai\n$/);
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toBe(tracker);
    const colored = runCli(['sync', 'status-tracker.md', '--dry-run', '--vastai-json', instances], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(colored.stdout).toContain('\x1b[32m+| 30000001');
  });

  it('an empty instance list is real: every listed instance is archived', () => {
    const dir = tree({ 'status-tracker.md': tracker });
    const r = sync(dir, ['status-tracker.md'], 'empty');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 added, 0 updated, 3 archived/);
    const after = readFileSync(join(dir, 'status-tracker.md'), 'utf8');
    expect(after).toContain('- Current hourly burn rate: $0.00/hr');
    // Gone from vastai, so the row goes to history as destroyed, not with its last live status.
    expect(after).toContain('| 28491077 |  | 2x RTX 3090 | 🗑 Destroyed | — | $0.30/hr | teacherless, waiting for image | 2026-11-25 |');
  });

  it.each([
    ['401-stderr', /vastai rejected the API key \(401: Invalid user key\)/, /vastai set api-key/],
    ['401-stdout', /vastai rejected the API key \(401\)/, /VAST_API_KEY/],
    ['traceback', /vastai could not reach the Vast.ai API \(exit 1\)/, /Check your network/],
    ['not-json', /vastai output is not JSON: <html><body>502 Bad Gateway<\/body><\/html> Authorization: Bearer \[REDACTED\]/, /Run it yourself/],
  ])('vastai failing as %s: exit 2, a clear message, the file untouched, the key nowhere', (mode, message, hint) => {
    const dir = tree({ 'status-tracker.md': tracker });
    const r = sync(dir, ['status-tracker.md'], mode);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(hint);
    expect(r.stderr).toMatch(/Nothing was written\.\n$/);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toBe(tracker);
    expect(sync(dir, ['status-tracker.md', '--check'], mode).code).toBe(2);
  });

  it.each([
    ['missing.json', null, /cannot read .*missing\.json: no such file/],
    ['object.json', '{"id": 1}', /object\.json is JSON but not an array of instances/],
    ['no-id.json', '[{"label": "x"}]', /no-id\.json: element 0 is not a vastai instance \(the element must have required property 'id'\)/],
  ])('a bad recorded snapshot (%s) is a source error: exit 2, the file untouched', (name, content, message) => {
    const dir = tree({ 'status-tracker.md': tracker, ...(content ? { [name]: content } : {}) });
    const r = runCli(['sync', 'status-tracker.md', '--vastai-json', name, '--no-state'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toBe(tracker);
  });

  it('a vastai that hangs is killed at the configured timeout', () => {
    const dir = tree({ 'status-tracker.md': tracker, 'docs.config.yaml': 'sources:\n  vastai:\n    timeout: 1\n' });
    const started = Date.now();
    const r = sync(dir, ['status-tracker.md'], 'hang');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/vastai did not answer within 1 s and was stopped/);
    expect(r.stderr).toMatch(/raise sources.vastai.timeout/);
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toBe(tracker);
  });

  it('vastai not on PATH: says how to install it or point the config at it', () => {
    const dir = tree({ 'status-tracker.md': tracker });
    const r = runCli(['sync', 'status-tracker.md'], { cwd: dir, env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/`vastai` was not found/);
    expect(r.stderr).toMatch(/pip install vastai.*sources.vastai.command.*--vastai-json/s);
  });

  it('runs vastai with only `show instances --raw` (never --api-key) and the configured command and args', () => {
    const argvFile = join(tree({}), 'argv.json');
    const dir = tree({ 'status-tracker.md': tracker, 'docs.config.yaml': `sources:\n  vastai:\n    command: ${join(fakeBin, 'vastai')}\n    args: ["--url", "https://console.vast.ai"]\n` });
    const r = runCli(['sync', 'status-tracker.md', '--check'], { cwd: dir, env: { FAKE_VASTAI_MODE: 'ok', FAKE_VASTAI_JSON: instances, FAKE_VASTAI_ARGV_FILE: argvFile } });
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(argvFile, 'utf8'))).toEqual(['show', 'instances', '--raw', '--url', 'https://console.vast.ai']);
    const bad = tree({ 'status-tracker.md': tracker, 'docs.config.yaml': 'sources:\n  vastai:\n    args: ["--api-key", "x"]\n' });
    const refused = sync(bad, ['status-tracker.md']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/may not contain --api-key/);
  });
});

describe('trackdocs sync: writing', () => {
  it('a CRLF tracker stays CRLF, with its BOM', () => {
    const crlf = '\ufeff' + tracker.replace(/\n/g, '\r\n');
    const dir = tree({ 'status-tracker.md': crlf });
    expect(sync(dir, ['status-tracker.md']).code).toBe(0);
    const bytes = readFileSync(join(dir, 'status-tracker.md'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(text).toContain('\r\n## Past Remote Jobs\r\n\r\n');
  });

  it('an aligned table stays aligned, measured by display width', () => {
    const aligned = [
      '# Status Tracker',
      '',
      '## Active Remote Jobs',
      '',
      '| Instance ID | Label      | GPU         | Status     | Est. Cost | Notes          |',
      '| ----------- | ---------- | ----------- | ---------- | --------- | -------------- |',
      '| 28491023    | ema        | 1x RTX 4090 | 🟢 Running | $0.42/hr  | 日本語のメモ   |',
      '',
    ].join('\n');
    const dir = tree({ 'status-tracker.md': aligned });
    expect(sync(dir, ['status-tracker.md']).code).toBe(0);
    const lines = readFileSync(join(dir, 'status-tracker.md'), 'utf8').split('\n').filter((l) => l.startsWith('|') && l.includes('Instance') || /^\| (-|\d)/.test(l));
    const active = lines.slice(0, 6);
    const width = (s: string) => [...s].reduce((w, c) => w + (/[\u3000-\u9fff]|\p{Emoji_Presentation}/u.test(c) ? 2 : c === '\ufe0f' ? 0 : 1), 0);
    const pipes = (l: string) => {
      const out: number[] = [];
      let w = 0;
      let escaped = false;
      for (const c of l) {
        if (c === '|' && !escaped) out.push(w);
        escaped = c === '\\';
        w += width(c);
      }
      return out;
    };
    expect(active.length).toBe(6);
    for (const l of active) expect(pipes(l)).toEqual(pipes(active[0]!));
    expect(active[2]).toContain('日本語のメモ');
  });

  it('merges the state tracker into Local Training; a version it lost is drift, never a deleted row', () => {
    const dir = tree({ 'status-tracker.md': tracker, '.system_state.json': stateJson });
    const check = sync(dir, ['status-tracker.md', '--check', '--no-vastai', '--format', 'json']);
    expect(check.code).toBe(1);
    const ids = JSON.parse(check.stdout).map((d: { ruleId: string }) => d.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['state/training-status', 'state/daemon', 'state/field-mismatch', 'state/version-missing', 'state/version-unlisted', 'state/warning']));
    const r = sync(dir, ['status-tracker.md', '--no-vastai']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('status-tracker.md: State tracker warning [disk]: Disk space getting low: 45GB free\n');
    const after = readFileSync(join(dir, 'status-tracker.md'), 'utf8');
    expect(after).toContain('| Training status | training (step 685) | we paused it on Friday |');
    expect(after).toContain('| Daemon running | yes | |');
    expect(after).toContain('| Disk free | 45 GB (91% used) |  |');
    expect(after).toContain('| v002 | 2025-11-15 | Reasoning training | 3000 | 31.5 GB |');
    expect(after).toContain('| v003 | 2025-11-16 | Reasoning, long context | 685 | 32.66 GB |');
    const again = JSON.parse(sync(dir, ['status-tracker.md', '--check', '--no-vastai', '--format', 'json']).stdout).map((d: { ruleId: string }) => d.ruleId);
    expect(again.sort()).toEqual(['state/version-missing', 'state/warning']);
  });

  it('adds a Local Training section when the state source is on and the tracker has none', () => {
    const plain = tracker.slice(0, tracker.indexOf('## Local Training')) + tracker.slice(tracker.indexOf('## Notes for Agents'));
    const dir = tree({ 'status-tracker.md': plain });
    const r = sync(dir, ['status-tracker.md', '--no-vastai', '--state', join(fixtures, 'system_state.json')]);
    expect(r.code).toBe(0);
    const after = readFileSync(join(dir, 'status-tracker.md'), 'utf8');
    expect(after).toMatch(/## Local Training\n\n_Synced from the state tracker by `trackdocs sync`; add notes in extra columns\._\n\n\| Field \| Value \|\n\|-----\|-----\|\n\| Model present \| yes \|/);
    expect(after.indexOf('## Local Training')).toBeLessThan(after.indexOf('## Notes for Agents'));
    expect(sync(dir, ['status-tracker.md', '--no-vastai', '--state', join(fixtures, 'system_state.json'), '--check']).code).toBe(0);
  });

  it('a state file of another shape is a clear error', () => {
    const dir = tree({ 'status-tracker.md': tracker, '.system_state.json': '{"models": []}' });
    const r = sync(dir, ['status-tracker.md', '--no-vastai']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/state source failed: .*\.system_state\.json is not shaped like the state tracker's output: \(top level\) must have required property 'last_updated'/);
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toBe(tracker);
  });

  it('archive: remove refuses rows with people\'s words unless forced; mark marks them', () => {
    const dir = tree({ 'status-tracker.md': tracker });
    const refused = sync(dir, ['status-tracker.md', '--archive', 'remove']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/1 removal refused/);
    expect(refused.stderr).toMatch(/kept the row of instance 27000000 \(line 18\): vastai no longer returns it, but the row holds people's notes\. Use --force/);
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toContain('| 27000000 | old-sweep |');
    const forced = tree({ 'status-tracker.md': tracker });
    expect(sync(forced, ['status-tracker.md', '--archive', 'remove', '--force']).code).toBe(0);
    expect(readFileSync(join(forced, 'status-tracker.md'), 'utf8')).not.toContain('27000000');
    const marked = tree({ 'status-tracker.md': tracker });
    expect(sync(marked, ['status-tracker.md', '--archive', 'mark']).code).toBe(0);
    expect(readFileSync(join(marked, 'status-tracker.md'), 'utf8')).toContain('| 27000000 | old-sweep | 1x RTX 3060 | 🗑 Destroyed |');
    expect(sync(marked, ['status-tracker.md', '--archive', 'mark']).stdout).toMatch(/^status-tracker.md: in sync\n1 tracker synced with vastai\n$/m);
  });
});

describe('honest counts and refusals', () => {
  it('sync and sync --check with every source off exit 2 and say nothing was checked', () => {
    const dir = tree({ 'status-tracker.md': tracker });
    for (const args of [['--check'], [], ['--dry-run']]) {
      const r = runCli(['sync', 'status-tracker.md', ...args, '--no-vastai', '--no-state'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/no source to sync from: vastai is off \(--no-vastai\), and the state source is off \(--no-state\); nothing was checked/);
    }
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toBe(tracker);
  });

  it('check with trackers and no source exits 2; with a source it counts what it checked, by kind', () => {
    const dir = tree({ 'docs/status-tracker.md': tracker, 'TODO.md': '# TODO\n\n- [x] done\n', 'ROADMAP.md': '# Roadmap\n\n- [ ] a\n', '.git/HEAD': '' });
    const none = runCli(['check', '--no-vastai', '--no-state'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no source to check against.*\n.*run `trackdocs lint` to lint only/);
    const r = runCli(['check', '--vastai-json', instances, '--no-state'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^3 documents linted, 1 tracker checked against vastai; TODO.md and ROADMAP.md are not trackers: \d+ errors?, \d+ warnings?/);
    const synced = sync(dir, []);
    expect(synced.stdout.trimEnd().split('\n').at(-1)).toBe('1 tracker synced with vastai; TODO.md and ROADMAP.md are not trackers');
  });

  it('with only non-trackers, sync says which documents are not trackers', () => {
    const dir = tree({ 'TODO.md': '# TODO\n' });
    const r = runCli(['sync', 'TODO.md', '--no-state', '--vastai-json', instances], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no status tracker to sync \(TODO.md is not a tracker\)/);
  });
});
