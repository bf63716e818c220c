/**
 * trackdocs parses with remark-parse and the GFM table, task-list and strikethrough extensions
 * (the parts of remark-gfm it reads). This checks that what it reads — tables, cells, task states —
 * is what the full remark-gfm reads, on the reference documents and on random markdown.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root, Nodes } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { parseMarkdown, splitIntoPieces } from '../src/core/markdown.js';
// @ts-expect-error the bench's generator is plain JavaScript
import { statusTracker, todoList } from '../bench/generate.mjs';
import { extractTables } from '../src/core/table.js';
import { LineIndex } from '../src/core/text.js';
import { projectRoot, referenceDir } from './helpers.js';

const full = unified().use(remarkParse).use(remarkGfm);

function tasks(node: Nodes, out: string[] = []): string[] {
  if (node.type === 'listItem') out.push(`${node.position!.start.offset}:${node.checked}`);
  if ('children' in node) for (const c of node.children as Nodes[]) tasks(c, out);
  return out;
}

/** What trackdocs reads: tables (cell spans and text; links aside, as bare URLs only become links in full GFM) and task states. */
function reading(text: string, root: Root) {
  const tables = extractTables(root, text, new LineIndex(text)).map((t) => ({ ...t, header: { ...t.header, cells: t.header.cells.map(({ links: _, ...c }) => c) }, rows: t.rows.map((r) => ({ ...r, cells: r.cells.map(({ links: _, ...c }) => c) })) }));
  return { tables, tasks: tasks(root) };
}

const documents = [
  ...readdirSync(referenceDir).filter((f) => f.endsWith('.md')).map((f) => join(referenceDir, f)),
  ...['demo/docs/status-tracker.md', 'demo/TODO.md', 'demo/ROADMAP.md', 'templates/status-tracker.md', 'test/fixtures/vastai/status-tracker.md'].map((f) => join(projectRoot, f)),
];

describe('the GFM subset reads what remark-gfm reads', () => {
  it.each(documents.map((d) => [d.slice(projectRoot.length + 1), d]))('%s', (_, path) => {
    const text = readFileSync(path, 'utf8');
    expect(reading(text, parseMarkdown(text))).toEqual(reading(text, full.parse(text) as Root));
  });

  it('on random markdown', () => {
    const line = fc.oneof(
      fc.constantFrom('| a | b |', '|---|---|', '| 1 | https://example.com |', '| ~~x~~ | www.example.com |', '- [ ] task', '- [x] done', '  - [ ] sub', '* [X] star', '1. [ ] num', '> - [ ] quoted', '', '# h', '```', 'text ~~strike~~', 'a | b', '--- | ---'),
      fc.string({ maxLength: 12 }).filter((s) => !s.includes('[^')),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (lines) => {
        const text = lines.join('\n');
        expect(reading(text, parseMarkdown(text))).toEqual(reading(text, full.parse(text) as Root));
      }),
      { numRuns: 300 },
    );
  });
});

describe('documents are parsed in pieces', () => {
  const generated: [string, string][] = [1, 2, 3].flatMap((seed) => [[`generated tracker ${seed}`, statusTracker(seed) as string], [`generated TODO ${seed}`, todoList(seed) as string]]);
  const all: [string, string][] = [...documents.map((d): [string, string] => [d.slice(projectRoot.length + 1), readFileSync(d, 'utf8')]), ...generated];

  it.each(all)('%s: the same tree, to every position, as parsed whole', (_, text) => {
    expect(parseMarkdown(text)).toEqual(parseMarkdown(text, { whole: true }));
  });

  it('the generated trackers are cut, several times each', () => {
    for (const [name, text] of generated) if (name.includes('tracker')) expect(splitIntoPieces(text).length).toBeGreaterThan(2);
  });
});
