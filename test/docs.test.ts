/**
 * The rule pages under docs/rules/ and the index docs/rules.md are generated from the rule registry
 * and the rule fixtures, so they cannot drift from the code. This test fails when a page is stale;
 * `npm run docs` (UPDATE_DOCS=1) rewrites them.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../src/rules/index.js';
import { ruleDocPath, type Rule } from '../src/rules/define.js';
import type { DocumentKind } from '../src/model/types.js';
import { lintText, projectRoot } from './helpers.js';

const fence = (text: string) => '````markdown\n' + text.replace(/^<!-- expect:[^>]*-->\n/, '') + '````\n';
const kinds = (r: Rule) => (r.appliesTo === 'all' ? 'every markdown document' : r.appliesTo.length === 4 && !r.appliesTo.includes('template') ? 'every document but templates' : r.appliesTo.map((k) => (k === 'tracker' ? 'status trackers' : k === 'todo' ? 'TODO lists' : k === 'roadmap' ? 'roadmaps' : k)).join(', '));

function rulePage(rule: Rule): string {
  const dir = join(projectRoot, 'test', 'fixtures', 'rules', rule.id.replace('/', '-'));
  const files = readdirSync(dir).sort();
  const notOk = files.filter((f) => f.includes('not-ok'));
  const ok = files.filter((f) => /(^|\.)ok\./.test(f) && !f.includes('not-ok'));
  const fixed = files.find((f) => f.startsWith('fixed.'));
  let page = `# ${rule.id}\n\n${rule.description}\n\n`;
  page += `| | |\n|---|---|\n| Default severity | ${rule.severity} |\n| Checks | ${kinds(rule)} |\n| Fixable | ${rule.fixable ? 'yes (`docs lint --fix`)' : 'no'} |\n\n`;
  for (const f of notOk) {
    const text = readFileSync(join(dir, f), 'utf8');
    const found = lintText(text.replace(/^<!-- expect:[^>]*-->\n/, ''), f.split('.').at(-2) as DocumentKind, [rule]);
    page += `## Reported\n\n${fence(text)}\n`;
    page += found.map((d) => `- ${d.line}:${d.column} ${d.message}`).join('\n') + '\n\n';
  }
  if (fixed) page += `## After \`--fix\`\n\n${fence(readFileSync(join(dir, fixed), 'utf8'))}\n`;
  for (const f of ok) page += `## Not reported\n\n${fence(readFileSync(join(dir, f), 'utf8'))}\n`;
  page += `## Configure\n\nIn \`docs.config.yaml\`:\n\n\`\`\`yaml\nrules:\n  ${rule.id}: ${rule.severity === 'error' ? 'warning' : 'error'}   # or error, warning, info, off\n\`\`\`\n`;
  return page;
}

function indexPage(): string {
  let page = '# Rules\n\nEvery rule, its default severity, and whether `docs lint --fix` can repair what it finds. Rule ids are part of the interface: CI configs and other tools key on them. Set a rule\'s severity (or `off`) under `rules:` in [docs.config.yaml](config.md).\n\n';
  page += '| Rule | Description | Severity | Checks | Fix |\n|---|---|---|---|---|\n';
  for (const r of rules) page += `| [${r.id}](rules/${r.id.replace('/', '-')}.md) | ${r.description.replace(/\|/g, '\\|')} | ${r.severity} | ${kinds(r)} | ${r.fixable ? 'yes' : ''} |\n`;
  page += '\nOne more id appears in reports without being a rule: `file/unreadable` (error), for a file that is not UTF-8 text (binary, UTF-16, broken bytes); the other files are still linted.\n';
  return page;
}

describe('generated docs', () => {
  const update = process.env.UPDATE_DOCS === '1';
  const pages: [string, string][] = [...rules.map((r): [string, string] => [ruleDocPath(r.id), rulePage(r)]), ['docs/rules.md', indexPage()]];
  it.each(pages)('%s is up to date', (path, content) => {
    const file = join(projectRoot, path);
    if (update) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, content);
    }
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '').toBe(content);
  });
});
