import { defineRule, filledDocuments, type RuleContext } from './define.js';
import { isPlaceholder } from '../core/placeholders.js';

/** A real calendar date written as YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/** `[text](target)` written in a cell that markdown did not read as a link: the target is broken. */
const linkLike = /\[[^\]\n]*\]\(([^)\n]*)(\)?)/g;

function checkLinks(ctx: RuleContext): void {
  for (const table of ctx.doc.tables) {
    if (!table.spec && ctx.doc.kind !== 'tracker') continue;
    for (const row of table.raw.rows) {
      for (const cell of row.cells) {
        for (const m of cell.source.matchAll(linkLike)) {
          const start = cell.start + m.index!;
          if (cell.links.some((l) => l.start === start)) continue;
          const target = m[1]!;
          const why = !m[2] ? 'the target is not closed with `)`' : target.trim() === '' ? 'it has no target' : /\s/.test(target.trim()) ? 'its target contains spaces (write them as %20)' : 'markdown does not read it as a link';
          ctx.report({ message: `Malformed link \`${m[0]}\`: ${why}`, start, end: start + m[0].length, actual: m[0] });
        }
      }
    }
  }
}

export default defineRule({
  id: 'cell/format',
  description: 'A malformed value: instance id, cost, date, percentage or link; an empty required cell.',
  severity: 'error',
  appliesTo: filledDocuments,
  fixable: false,
  code: 'Reads table cells; a cell written as inline code is read as its text.',
  check(ctx) {
    for (const check of ctx.rowChecks()) {
      const col = check.table.spec!.columns.find((c) => c.name === check.column);
      if (check.keyword === 'required' && check.cell) {
        if (isPlaceholder(check.cell.source) || col?.status) continue;
        ctx.report({ message: `Missing ${col?.aliases[0] ?? check.column} in this ${check.table.name} row`, start: check.cell.start, end: check.cell.end });
      } else if ((check.keyword === 'pattern' || check.keyword === 'type' || check.keyword === 'format' || check.keyword === 'minLength' || (check.keyword === 'enum' && !col?.status)) && check.cell) {
        const expected = col?.format ?? (col?.parse === 'percent' ? 'a percentage (e.g. 40%)' : check.message);
        ctx.report({ message: `Malformed ${col?.aliases[0] ?? check.column} \`${check.cell.source}\`, expected ${expected}`, start: check.cell.start, end: check.cell.end, actual: check.cell.source, expected });
      }
    }
    const model = ctx.doc.model;
    if (model.kind !== 'tracker') return;
    const dates = [...(model.lastUpdated ? [model.lastUpdated] : []), ...model.recentWork.map((e) => e.date)];
    for (const date of dates) {
      if (isPlaceholder(date.value) || isIsoDate(date.value)) continue;
      if (date !== model.lastUpdated && !/^\d{4}\b|\d{4}-\d/.test(date.value)) continue; // an undated heading under Recent Work
      ctx.report({ message: `Malformed date \`${date.value}\`, expected a real date as YYYY-MM-DD`, start: date.position.start.offset, end: date.position.end.offset, actual: date.value, expected: 'YYYY-MM-DD' });
    }
    checkLinks(ctx);
  },
});
