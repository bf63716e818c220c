import type { Paragraph } from 'mdast';
import { defineRule } from './define.js';
import { splitRow } from '../core/table.js';
import { builtinTableSpecs } from '../core/schemas.js';
import { headingMatches } from '../model/tables.js';

const delimiterRow = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const boxedLine = /^[ \t]*\|.*\|[ \t]*$/;
let knownHeadings: (string | RegExp)[] | undefined;

/** What keeps a paragraph of pipe-separated lines from being a table. */
function whatIsWrong(lines: string[], cellsOf: (i: number) => number): string {
  const k = lines.findIndex((l) => delimiterRow.test(l) && l.includes('-'));
  if (k === 0) return 'no header row before the delimiter row';
  if (k === 1) return `the delimiter row has ${cellsOf(1)} cells and the header ${cellsOf(0)}: they must match`;
  if (k > 1) return `the delimiter row is line ${k + 1} of the table, expected right after the header`;
  return `no delimiter row after the header (such as \`|${' --- |'.repeat(Math.max(1, cellsOf(0)))}\`)`;
}

export default defineRule({
  id: 'table/malformed',
  description: "Lines that were meant to be a table but are not one (so every finding in them is lost too): pipe-separated lines under a known table's heading, or three or more lines that start and end with `|`. Says what is wrong, such as a missing delimiter row.",
  severity: 'error',
  appliesTo: 'all',
  fixable: false,
  code: 'Reads paragraphs only: pipes in a code block or inline code are not a table.',
  check(ctx) {
    const { doc } = ctx;
    if (!doc.text.includes('|')) return;
    knownHeadings ??= builtinTableSpecs().flatMap((s) => s.headings);
    for (const node of doc.root.children) {
      if (node.type !== 'paragraph') continue;
      const start = (node as Paragraph).position!.start.offset!;
      const end = node.position!.end.offset!;
      const first = doc.lines.point(start).line;
      const last = doc.lines.point(end).line;
      const lines: { text: string; start: number; end: number }[] = [];
      for (let l = first; l <= last; l++) lines.push({ text: doc.text.slice(doc.lines.lineStart(l), doc.lines.lineEnd(l)), start: doc.lines.lineStart(l), end: doc.lines.lineEnd(l) });
      const piped = lines.filter((l) => l.text.includes('|'));
      if (piped.length < 2 || !lines[0]!.text.includes('|')) continue;
      let boxedRun = 0;
      let longest = 0;
      for (const l of lines) longest = Math.max(longest, (boxedRun = boxedLine.test(l.text) ? boxedRun + 1 : 0));
      const section = doc.sections.filter((s) => s.start <= start && start < s.end).at(-1);
      const expected = section !== undefined && knownHeadings.some((h) => headingMatches(section.title, h)) && piped.length === lines.length;
      if (longest < 3 && !expected) continue;
      const what = whatIsWrong(lines.map((l) => l.text), (i) => splitRow(doc.text, lines[i]!.start, lines[i]!.end).length);
      ctx.report({
        message: `Unexpected ${lines.length} pipe-separated lines that do not make a table${section ? ` (under “${section.title}”)` : ''}: ${what}`,
        start: lines[0]!.start,
        end: lines[0]!.end,
      });
    }
  },
});
