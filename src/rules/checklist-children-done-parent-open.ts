import { defineRule, filledDocuments } from './define.js';
import { checklistTasks, checkboxRange, isOpenTask } from './checklist.js';
import { tickTask } from '../edit/tasks.js';

/** Words in a task's own text that say work is left beyond its sub-tasks. */
const workRemains = /\b(?:still|remain(?:s|ing)?|left to|needs?|pending|waiting|blocked|todo|to do|tbd|except|missing|not yet|wip)\b/i;

export default defineRule({
  id: 'checklist/children-done-parent-open',
  description: 'An open task whose sub-tasks are all ticked. Fix: tick it, unless its own text says work remains (`still needs the release notes`).',
  severity: 'warning',
  appliesTo: filledDocuments,
  fixable: true,
  code: 'Reads task list items only; a checklist inside a code block is not a list.',
  check(ctx) {
    for (const task of checklistTasks(ctx.doc)) {
      if (task.state !== 'open' || !task.children.some((c) => c.checked) || task.children.some(isOpenTask)) continue;
      const box = checkboxRange(ctx.doc, task);
      const start = box?.start ?? task.position.start.offset;
      // The parent's own words may say what its sub-tasks do not cover: report, but do not tick it.
      const remains = workRemains.test(task.text);
      ctx.report({
        message: `Unexpected open task \`${task.text.slice(0, 60)}\`: all ${task.children.length} sub-tasks are ticked, expected it ticked too${remains ? ' (not fixed: its text says work remains)' : ''}`,
        start,
        end: box?.end ?? start,
        fix: box && !remains ? [tickTask(ctx.doc.text, task.position.start.offset, 'x')].filter((e) => e !== undefined) : undefined,
      });
    }
  },
});
