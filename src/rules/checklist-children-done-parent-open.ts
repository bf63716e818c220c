import { defineRule, filledDocuments } from './define.js';
import { checklistTasks, checkboxRange, isOpenTask } from './checklist.js';

export default defineRule({
  id: 'checklist/children-done-parent-open',
  description: 'An open task whose sub-tasks are all ticked. Fix: tick it.',
  severity: 'warning',
  appliesTo: filledDocuments,
  fixable: true,
  check(ctx) {
    for (const task of checklistTasks(ctx.doc)) {
      if (task.state !== 'open' || !task.children.some((c) => c.checked) || task.children.some(isOpenTask)) continue;
      const box = checkboxRange(ctx.doc, task);
      const start = box?.start ?? task.position.start.offset;
      ctx.report({
        message: `Unexpected open task \`${task.text.slice(0, 60)}\`: all ${task.children.length} sub-tasks are ticked, expected it ticked too`,
        start,
        end: box?.end ?? start,
        fix: box ? [{ start: box.start, end: box.end, text: '[x]' }] : undefined,
      });
    }
  },
});
