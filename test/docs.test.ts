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
import { lintText, projectRoot, readFixture } from './helpers.js';
import type { Storage } from '../src/core/encoding.js';
import { help as mainHelp } from '../src/cli.js';
import * as lint from '../src/commands/lint.js';
import * as exportCommand from '../src/commands/export.js';
import * as completion from '../src/commands/completion.js';
import * as sync from '../src/commands/sync.js';
import * as check from '../src/commands/check.js';
import * as init from '../src/commands/init.js';
import * as watch from '../src/commands/watch.js';
import * as hook from '../src/commands/hook.js';
import * as merge from '../src/commands/merge.js';
import * as mergeDriver from '../src/commands/merge-driver.js';
import * as resolveCommand from '../src/commands/resolve.js';

/** Where each command's --help is copied, at the end of its page. */
const helpPages: [page: string, command: string, help: string][] = [
  ['docs/README.md', '', mainHelp],
  ['docs/README.md', 'lint', lint.help],
  ['docs/README.md', 'export', exportCommand.help],
  ['docs/README.md', 'completion', completion.help],
  ['docs/sync.md', 'sync', sync.help],
  ['docs/ci.md', 'check', check.help],
  ['docs/watch-init.md', 'init', init.help],
  ['docs/watch-init.md', 'watch', watch.help],
  ['docs/hooks.md', 'hook', hook.help],
  ['docs/merge.md', 'merge', merge.help],
  ['docs/merge.md', 'merge-driver', mergeDriver.help],
  ['docs/resolve.md', 'resolve', resolveCommand.help],
];

const helpHeading = (command: string) => `## \`trackdocs ${command ? command + ' ' : ''}--help\``;

/** The page with each of its commands' help sections replaced (or appended) from the help texts. */
function withHelp(page: string, text: string): string {
  let out = text;
  for (const [p, command, help] of helpPages) {
    if (p !== page) continue;
    const heading = helpHeading(command);
    const section = `${heading}\n\n<!-- copied from the command's --help by \`npm run docs\`; test/docs.test.ts checks it -->\n\n\`\`\`text\n${help.replace(/^(\$ )?/, '')}\n\`\`\`\n`;
    const at = out.indexOf(heading + '\n');
    if (at === -1) out = out.trimEnd() + '\n\n' + section;
    else {
      const next = out.indexOf('\n## ', at + heading.length);
      out = out.slice(0, at) + section + (next === -1 ? '' : out.slice(next));
    }
  }
  return out;
}

const fence = (text: string) => '````markdown\n' + text.replace(/^<!-- expect:[^>]*-->\n/, '') + '````\n';
/** A line saying how a fixture file is stored, when that is not plain UTF-8 (the encoding rules). */
function stored(storage: Storage): string {
  const pairs = storage.surrogatePairs.length;
  if (storage.encoding !== 'utf-8') return `Stored as ${storage.encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} with a byte-order mark:\n\n`;
  if (pairs) return `Stored as UTF-8, except ${pairs === 1 ? 'one character' : `${pairs} characters`} written as surrogate halves (CESU-8):\n\n`;
  return '';
}
const kinds = (r: Rule) => (r.appliesTo === 'all' ? 'every markdown document' : r.appliesTo.length === 4 && !r.appliesTo.includes('template') ? 'every document but templates' : r.appliesTo.map((k) => (k === 'tracker' ? 'status trackers' : k === 'todo' ? 'TODO lists' : k === 'roadmap' ? 'roadmaps' : k)).join(', '));

function rulePage(rule: Rule): string {
  const dir = join(projectRoot, 'test', 'fixtures', 'rules', rule.id.replace('/', '-'));
  const files = readdirSync(dir).sort();
  const notOk = files.filter((f) => f.includes('not-ok'));
  const ok = files.filter((f) => /(^|\.)ok\./.test(f) && !f.includes('not-ok'));
  const fixed = files.find((f) => f.startsWith('fixed.'));
  let page = `# ${rule.id}\n\n${rule.description}\n\n`;
  page += `| | |\n|---|---|\n| Default severity | ${rule.severity} |\n| Checks | ${kinds(rule)} |\n| Fixable | ${rule.fixable ? 'yes (`trackdocs lint --fix`)' : 'no'} |\n\n`;
  page += `**Code.** ${rule.code}\n\n`;
  page += `**Silence it** on one line with \`<!-- trackdocs-disable-next-line ${rule.id} -->\` (see [inline comments](../config.md#inline-comments)).\n\n`;
  for (const f of notOk) {
    const { text, storage } = readFixture(join(dir, f));
    // The page shows the fixture without its expectation line, so positions are found without it too.
    const shown = text.replace(/^<!-- expect:[^>]*-->\n/, '');
    const cut = text.length - shown.length;
    const surrogatePairs = storage.surrogatePairs.map((p) => ({ offset: p.offset - cut, byteOffset: p.byteOffset - cut }));
    const found = lintText(shown, f.split('.').at(-2) as DocumentKind, [rule], 'doc.md', { ...storage, surrogatePairs });
    // A rule that reads code too (conflict markers) would report its own example: say so to the lint.
    const selfReported = lintText(fence(text), 'markdown', [rule]).length > 0;
    const example = selfReported ? `<!-- trackdocs-disable ${rule.id} -->\n${fence(text)}<!-- trackdocs-enable ${rule.id} -->\n` : fence(text);
    page += `## Reported\n\n${stored(storage)}${example}\n`;
    page += found.map((d) => `- ${d.line}:${d.column} ${d.message}`).join('\n') + '\n\n';
  }
  const shown = (f: string) => {
    const { text, storage } = readFixture(join(dir, f));
    return stored(storage) + fence(text);
  };
  if (fixed) page += `## After \`--fix\`\n\n${shown(fixed)}\n`;
  for (const f of ok) page += `## Not reported\n\n${shown(f)}\n`;
  page += `## Configure\n\nIn \`docs.config.yaml\`:\n\n\`\`\`yaml\nrules:\n  ${rule.id}: ${rule.severity === 'error' ? 'warning' : 'error'}   # or error, warning, info, off\n\`\`\`\n`;
  return page;
}

function indexPage(): string {
  let page = '# Rules\n\nEvery rule, its default severity, and whether `trackdocs lint --fix` can repair what it finds. Rule ids are part of the interface: CI configs and other tools key on them. Set a rule\'s severity (or `off`) under `rules:` in [docs.config.yaml](config.md).\n\n';
  page += '| Rule | Description | Severity | Checks | Fix |\n|---|---|---|---|---|\n';
  for (const r of rules) page += `| [${r.id}](rules/${r.id.replace('/', '-')}.md) | ${r.description.replace(/\|/g, '\\|')} | ${r.severity} | ${kinds(r)} | ${r.fixable ? 'yes' : ''} |\n`;
  page += '\nTwo more ids appear in reports without being rules: `file/unreadable` (error), for a file that cannot be read as text (binary, UTF-16 without a byte-order mark, UTF-32, bytes that are not UTF-8), while the other files are still linted; and `lint/unused-disable` (warning, can be set under `rules:` too), for a `<!-- trackdocs-disable … -->` comment that silences nothing or names no rule (see [inline comments](config.md#inline-comments)). `trackdocs check` adds `table/removed` (warning): a known table (Milestone Status, Step Status, Active Remote Jobs) that the committed version of the document has and the working copy does not.\n';
  return page;
}

describe("each command's page matches its --help", () => {
  const update = process.env.UPDATE_DOCS === '1';
  it.each([...new Set(helpPages.map(([p]) => p))].map((p) => [p]))('%s', (page) => {
    const file = join(projectRoot, page);
    const text = readFileSync(file, 'utf8');
    const expected = withHelp(page, text);
    if (update) writeFileSync(file, expected);
    expect(text).toBe(expected);
  });
});

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
