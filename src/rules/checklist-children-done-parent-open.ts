import { defineRule } from './define.js';
import { checklistTasks, checkboxRange } from './checklist.js';

export default defineRule({
  id: 'checklist/children-done-parent-open',
  description: 'An open task whose sub-tasks are all ticked. Fix: tick it.',
  severity: 'warning',
  appliesTo: ['todo', 'roadmap'],
  fixable: true,
  check(ctx) {
    for (const task of checklistTasks(ctx.doc)) {
      if (task.checked || task.children.length === 0 || !task.children.every((c) => c.checked)) continue;
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
