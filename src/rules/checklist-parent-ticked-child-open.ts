import { defineRule, filledDocuments } from './define.js';
import { checklistTasks, checkboxRange, isOpenTask } from './checklist.js';

export default defineRule({
  id: 'checklist/parent-ticked-child-open',
  description: 'A ticked task with a sub-task still open.',
  severity: 'warning',
  appliesTo: filledDocuments,
  fixable: false,
  code: 'Reads task list items only; a checklist inside a code block is not a list.',
  check(ctx) {
    for (const task of checklistTasks(ctx.doc)) {
      if (!task.checked) continue;
      const open = task.children.filter(isOpenTask);
      if (open.length === 0) continue;
      const box = checkboxRange(ctx.doc, task) ?? { start: task.position.start.offset, end: task.position.start.offset };
      ctx.report({
        message: `Unexpected ticked task \`${task.text.slice(0, 60)}\` with ${open.length} open sub-task${open.length > 1 ? 's' : ''} (first: line ${open[0]!.position.start.line}), expected all sub-tasks done`,
        start: box.start,
        end: box.end,
      });
    }
  },
});
