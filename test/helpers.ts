/** Shared test helpers: lint a text in-process, run the real bin in a child process, temp dirs. */
import { afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../src/config/resolve.js';
import { parseDocument } from '../src/model/parse.js';
import { lintDocument, fixDocument } from '../src/lint/engine.js';
import type { DocumentKind } from '../src/model/types.js';
import type { Rule } from '../src/rules/define.js';
import { decodeText, type Storage } from '../src/core/encoding.js';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const bin = join(projectRoot, 'bin', 'docs.cjs');
export const referenceDir = join(projectRoot, 'test', 'fixtures');
export const TODAY = '2026-11-25';

const defaults = resolveConfig({}, projectRoot, undefined);
export const modelOptions = defaults.model;

/** A document as a file holds it: its text, and how it was stored (UTF-8 when not given). */
function docOf(text: string, kind: DocumentKind, path: string, storage?: Storage) {
  const doc = parseDocument(text, path, kind, modelOptions);
  if (storage) doc.storage = storage;
  return doc;
}

export function lintText(text: string, kind: DocumentKind, rules?: Rule[], path = 'doc.md', storage?: Storage) {
  return lintDocument(docOf(text, kind, path, storage), { rules, today: TODAY, pathExists: (p) => existsSync(resolve(projectRoot, p)) });
}

export function fixText(text: string, kind: DocumentKind, rules?: Rule[], storage?: Storage) {
  return fixDocument(docOf(text, kind, 'doc.md', storage), modelOptions, { rules, today: TODAY, pathExists: (p) => existsSync(resolve(projectRoot, p)) });
}

/** A fixture file's text and storage, decoded as trackdocs decodes files. */
export function readFixture(path: string): { text: string; storage: Storage } {
  const decoded = decodeText(readFileSync(path));
  if (!decoded.ok) throw new Error(`${path}: ${decoded.reason}`);
  return decoded;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TRACKDOCS_TODAY: TODAY, NO_COLOR: '1', ...options.env },
    input: options.input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Temp directories for one test file, removed after its tests: `tree(files)` makes one, and
 * `cleanups` takes anything else to undo (child processes to kill).
 */
export function testArea(): { tree: (files?: Record<string, string | Uint8Array>) => string; cleanups: (() => void)[] } {
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((c) => c()));
  return {
    cleanups,
    tree(files = {}) {
      const t = tempTree(files);
      cleanups.push(t.cleanup);
      return t.dir;
    },
  };
}

/** A temporary git repository (from `tree`), its files not committed; `git` runs git in it. */
export function gitRepo(tree: (files: Record<string, string>) => string, git: (dir: string, ...args: string[]) => unknown, files: Record<string, string> = {}): string {
  const dir = tree(files);
  git(dir, 'init', '-q');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

/** A temp directory filled from an object literal of path → contents. */
export function tempTree(files: Record<string, string | Uint8Array>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'trackdocs-test-'));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every `{source, position}` in a model slices back to its source, and every line/column agrees with the offset. */
export function checkPositions(text: string, model: unknown): number {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) lineStarts.push(i + 1);
  }
  const pointOk = (p: { line: number; column: number; offset: number }) => lineStarts[p.line - 1]! + p.column - 1 === p.offset && (lineStarts[p.line] === undefined || p.offset < lineStarts[p.line]! || p.offset === text.length);
  let checked = 0;
  const stack: unknown[] = [model];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const o = node as Record<string, unknown>;
    const pos = o.position as { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } } | undefined;
    if (pos && typeof pos === 'object' && 'start' in pos) {
      expect(pointOk(pos.start), `start ${JSON.stringify(pos.start)}`).toBe(true);
      expect(pointOk(pos.end), `end ${JSON.stringify(pos.end)}`).toBe(true);
      if (typeof o.source === 'string') expect(text.slice(pos.start.offset, pos.end.offset)).toBe(o.source);
      checked++;
    }
    for (const v of Object.values(o)) if (v && typeof v === 'object') stack.push(v);
  }
  return checked;
}

/** A text as CESU-8: every UTF-16 code unit encoded on its own, so a character beyond U+FFFF becomes two 3-byte surrogate halves. */
export function cesu8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x80) out.push(u);
    else if (u < 0x800) out.push(0xc0 | (u >> 6), 0x80 | (u & 0x3f));
    else out.push(0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f));
  }
  return Uint8Array.from(out);
}
