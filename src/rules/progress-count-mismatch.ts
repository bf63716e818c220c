import { defineRule, filledDocuments, type RuleContext } from './define.js';
import { checklistSectionsOf } from './checklist.js';
import type { SectionStatus } from '../model/types.js';
import type { Section } from '../model/sections.js';

/** Tasks in a section and its sub-sections: done, counted, and open ones. */
function tasksUnder(ctx: RuleContext, section: Section): { done: number; total: number } | undefined {
  let done = 0;
  let total = 0;
  let any = false;
  for (const c of checklistSectionsOf(ctx.doc)) {
    const at = c.title.position.start.offset;
    if (c.depth === 0 || at < section.start || at >= section.end || c.tasks.length === 0) continue;
    any = true;
    done += c.done;
    total += c.total;
  }
  return any ? { done, total } : undefined;
}

/** The rows of the one table a section holds (and how many are finished, when it has a status column). */
function rowsUnder(ctx: RuleContext, section: Section): { rows: number; done?: number } | undefined {
  const tables = ctx.doc.tables.filter((t) => t.raw.start >= section.start && t.raw.start < section.end);
  if (tables.length !== 1) return undefined;
  const table = tables[0]!;
  const rows = table.model.rows.length;
  if (table.statusIndex < 0) return { rows };
  return { rows, done: table.model.rows.filter((r) => r.status === 'complete' || r.status === 'done').length };
}

const said = (s: SectionStatus) => `\`${s.source.trim()}\``;

export default defineRule({
  id: 'progress/count-mismatch',
  description: 'A count or percentage in a heading or a Progress line that contradicts itself or what the section holds: 3/7 written as 50%, 6/6 over a table of 5 rows, 100% over open tasks.',
  severity: 'warning',
  appliesTo: filledDocuments,
  fixable: false,
  code: 'Reads task list items and the progress they claim; code blocks are not read.',
  check(ctx) {
    ctx.doc.sections.forEach((section, i) => {
      const status = ctx.doc.sectionStatuses[i];
      if (!status) return;
      const report = (message: string, expected?: string) =>
        ctx.report({ message, start: status.position.start.offset, end: status.position.end.offset, actual: status.source, expected });
      if (status.total !== undefined && status.done !== undefined && status.progress !== undefined) {
        const pct = Math.round((status.done / status.total) * 100);
        if (Math.abs(pct - status.progress) > 1) return report(`Unexpected ${status.progress}% in ${said(status)}: ${status.done}/${status.total} is ${pct}%`, `${pct}%`);
      }
      const tasks = tasksUnder(ctx, section);
      if (tasks && tasks.total > 0) {
        if (status.total !== undefined && (status.total !== tasks.total || status.done !== tasks.done)) {
          return report(`Unexpected count ${status.done}/${status.total} in ${said(status)}: the section holds ${tasks.done}/${tasks.total} done tasks`, `${tasks.done}/${tasks.total}`);
        }
        const claimsDone = status.status === 'complete' || status.progress === 100;
        if (claimsDone && tasks.done < tasks.total) {
          return report(`Unexpected ${said(status)}: ${tasks.total - tasks.done} of ${tasks.total} tasks in this section are still open`);
        }
        return;
      }
      if (status.total === undefined) return;
      const rows = rowsUnder(ctx, section);
      if (!rows) return;
      if (status.total !== rows.rows) return report(`Unexpected count ${status.done}/${status.total} in ${said(status)}: the table below has ${rows.rows} row${rows.rows === 1 ? '' : 's'}`, `${rows.rows}`);
      if (rows.done !== undefined && status.done !== rows.done) report(`Unexpected count ${status.done}/${status.total} in ${said(status)}: ${rows.done} of the table's ${rows.rows} rows are complete`, `${rows.done}/${rows.rows}`);
    });
  },
});
