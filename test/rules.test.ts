/**
 * Fixture-driven rule tests. Each rule has test/fixtures/rules/<rule-id>/ with files named
 * `[name.]ok|not-ok|fixed.<kind>.md`. A not-ok file starts with `<!-- expect: line:col … -->`
 * listing where the rule must report; an ok file must get no report from the rule; a fixable
 * rule's not-ok file, fixed, must equal fixed.<kind>.md and re-lint with no fixable diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../src/rules/index.js';
import { ruleDocPath } from '../src/rules/define.js';
import type { DocumentKind } from '../src/model/types.js';
import { fixText, lintText, projectRoot, readFixture } from './helpers.js';
import { encodeText } from '../src/core/encoding.js';

const fixtureDir = join(projectRoot, 'test', 'fixtures', 'rules');

function expected(text: string): string[] {
  const m = /^<!-- expect: ([^>]*) -->/.exec(text);
  return m ? m[1]!.trim().split(/\s+/) : [];
}

describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  const dir = join(fixtureDir, id.replace('/', '-'));
  const files = existsSync(dir) ? readdirSync(dir) : [];

  it('has a doc page, a description and fixtures', () => {
    expect(existsSync(join(projectRoot, ruleDocPath(id)))).toBe(true);
    expect(rule.description.length).toBeGreaterThan(10);
    expect(files.some((f) => /(^|\.)ok\.\w+\.md$/.test(f) && !f.includes('not-ok'))).toBe(true);
    expect(files.some((f) => f.includes('not-ok'))).toBe(true);
  });

  for (const file of files.filter((f) => !f.startsWith('fixed'))) {
    const kind = file.split('.').at(-2) as DocumentKind;
    const { text, storage } = readFixture(join(dir, file));
    it(`${file}`, () => {
      const found = lintText(text, kind, [rule], 'doc.md', storage);
      for (const d of found) {
        expect(d.ruleId).toBe(id);
        expect(d.url).toBe(ruleDocPath(id));
        expect(d.message).toMatch(/\S/);
      }
      expect(found.map((d) => `${d.line}:${d.column}`)).toEqual(file.includes('not-ok') ? expected(text) : []);
      if (!rule.fixable) expect(found.filter((d) => d.fix)).toEqual([]);
    });
  }

  if (rule.fixable) {
    const fixedFile = files.find((f) => f.startsWith('fixed.'));
    it('fixes its not-ok fixture, and the result re-lints with nothing fixable left', () => {
      expect(fixedFile).toBeDefined();
      const kind = fixedFile!.split('.').at(-2) as DocumentKind;
      const source = readFixture(join(dir, `not-ok.${kind}.md`));
      const result = fixText(source.text, kind, [rule], source.storage);
      // Byte for byte: a fix may change how the file is stored (UTF-16 re-saved as UTF-8).
      expect(Buffer.from(encodeText(result.text, result.storage))).toEqual(readFileSync(join(dir, fixedFile!)));
      expect(result.diagnostics.filter((d) => d.fix)).toEqual([]);
    });
  }
});
