/**
 * `trackdocs mcp` as an agent meets it: the real bin started as a child process, driven by the
 * official SDK's own client over stdio. Tools are listed with schemas that show the valid
 * statuses; get, set (valid, invalid, conflicting) and lint answer as results; a document's model
 * is a resource.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { bin, projectRoot, tempTree, TODAY } from './helpers.js';

const fixture = (p: string) => readFileSync(join(projectRoot, 'test/fixtures', p));
let dir: string;
let cleanup: () => void;
let client: Client;

type ToolAnswer = { content: { type: string; text: string }[]; isError?: boolean };
const call = async (name: string, args: Record<string, unknown>) => {
  const r = (await client.callTool({ name, arguments: args })) as ToolAnswer;
  return { isError: r.isError === true, body: JSON.parse(r.content[0]!.text) };
};

beforeAll(async () => {
  ({ dir, cleanup } = tempTree({ 'docs/status-tracker.md': fixture('status-tracker.example.md'), 'TODO.md': fixture('TODO.example.md'), 'instances.json': fixture('vastai/instances.json') }));
  const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp'], cwd: dir, env: { PATH: process.env.PATH ?? '', TRACKDOCS_TODAY: TODAY }, stderr: 'pipe' });
  client = new Client({ name: 'trackdocs-test', version: '1.0.0' });
  await client.connect(transport);
}, 30_000);

afterAll(async () => {
  await client?.close();
  cleanup?.();
});

describe('trackdocs mcp', () => {
  it('lists the verbs, lint, check and sync, with the valid statuses in the schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['add', 'apply', 'check', 'done', 'get', 'lint', 'log', 'rm', 'set', 'sync']);
    const set = tools.find((t) => t.name === 'set')!;
    const values = (set.inputSchema.properties as Record<string, { anyOf?: { title: string; properties: Record<string, { enum?: string[] }> }[] }>).values!;
    const milestones = values.anyOf!.find((s) => s.title.startsWith('Milestone Status'))!;
    expect(milestones.properties.status!.enum).toEqual(expect.arrayContaining(['complete', 'in-progress', 'not-started', 'blocked']));
    // The reference tracker has no jobs table yet; its schema (for `add`) is listed with the job statuses.
    const jobs = values.anyOf!.find((s) => s.title.endsWith('(jobs)'))!;
    expect(jobs.properties.status!.enum).toEqual(expect.arrayContaining(['running', 'stopped', 'destroyed']));
    expect(Object.keys(jobs.properties)).toEqual(expect.arrayContaining(['instance', 'gpu', 'cost', 'run']));
  });

  it('get returns rows and the version; set writes a valid status, refuses an invalid one with did-you-mean, and a stale expectation as a conflict', async () => {
    const got = await call('get', { table: 'milestones', key: 'M3' });
    expect(got.isError).toBe(false);
    expect(got.body.rows[0]).toMatchObject({ key: 'M3 (CRATE)', status: 'not-started' });
    expect(got.body.version).toMatch(/^[0-9a-f]{16}$/);

    const ok = await call('set', { table: 'milestones', key: 'M3', values: { status: 'in-progress', progress: '5' }, if_match: got.body.version });
    expect(ok.isError).toBe(false);
    expect(ok.body).toMatchObject({ ok: true, files: [{ file: 'docs/status-tracker.md', written: true }] });
    expect(readFileSync(join(dir, 'docs/status-tracker.md'), 'utf8')).toContain('| M3 (CRATE) | 🟡 In Progress | 5% | |');

    const bad = await call('set', { table: 'milestones', key: 'M3', values: { status: 'finishd' } });
    expect(bad.isError).toBe(true);
    expect(bad.body.error).toMatchObject({ kind: 'invalid' });
    expect(bad.body.error.candidates).toContain('finished');

    const stale = await call('set', { table: 'milestones', key: 'M3', values: { status: 'done' }, if_match: got.body.version });
    expect(stale.isError).toBe(true);
    expect(stale.body).toMatchObject({ ok: false, exit: 3, error: { kind: 'conflict', expected: got.body.version } });
    const expectation = await call('set', { table: 'milestones', key: 'M3', values: { status: 'done' }, expect: { status: 'not started' } });
    expect(expectation.body.error).toMatchObject({ kind: 'conflict', current: '🟡 In Progress' });
  });

  it('sync is a dry run unless asked: it returns the diff and writes nothing', async () => {
    const before = readFileSync(join(dir, 'docs/status-tracker.md'), 'utf8');
    const sync = await call('sync', { vastai_json: 'instances.json', no_state: true });
    expect(sync.isError, JSON.stringify(sync.body)).toBe(false);
    expect(sync.body).toMatchObject({ exitCode: 0, dryRun: true });
    expect(sync.body.output).toContain('+## Active Remote Jobs');
    expect(readFileSync(join(dir, 'docs/status-tracker.md'), 'utf8')).toBe(before);
  });

  it('lint returns the diagnostics; a document model is a resource', async () => {
    const lint = await call('lint', { paths: ['docs/status-tracker.md'] });
    expect(Array.isArray(lint.body.diagnostics)).toBe(true);
    expect(lint.body.diagnostics.some((d: { ruleId: string }) => d.ruleId === 'encoding/mojibake')).toBe(true);
    const { resources } = await client.listResources();
    const tracker = resources.find((r) => r.name === 'docs/status-tracker.md')!;
    expect(tracker.uri).toBe('trackdocs://model/docs/status-tracker.md');
    const read = await client.readResource({ uri: tracker.uri });
    const model = JSON.parse((read.contents[0] as { text: string }).text);
    expect(model).toMatchObject({ file: 'docs/status-tracker.md', kind: 'tracker' });
    expect(model.model.milestones.rows.find((r: { key: string }) => r.key === 'M3 (CRATE)').status).toBe('in-progress');
  });
});
