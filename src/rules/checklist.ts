/** Helpers shared by the checklist rules. */
import type { TaskModel, ChecklistSection } from '../model/types.js';
import type { ParsedDocument } from '../model/parse.js';

/** The sections of a document that hold tasks, whatever its kind. */
export function checklistSectionsOf(doc: ParsedDocument): ChecklistSection[] {
  const model = doc.model;
  return 'checklists' in model ? model.checklists : model.sections;
}

const taskLists = new WeakMap<ParsedDocument, TaskModel[]>();

/** Every task of a document, whatever its kind, in document order (computed once per document). */
export function checklistTasks(doc: ParsedDocument): TaskModel[] {
  let tasks = taskLists.get(doc);
  if (!tasks) {
    tasks = [];
    const stack = checklistSectionsOf(doc).flatMap((s) => s.tasks).reverse();
    while (stack.length) {
      const t = stack.pop()!;
      tasks.push(t);
      for (let i = t.children.length - 1; i >= 0; i--) stack.push(t.children[i]!);
    }
    taskLists.set(doc, tasks);
  }
  return tasks;
}

/** A task not done that still counts: open, in progress, partial or failed (not cancelled or not applicable). */
export const isOpenTask = (t: TaskModel) => t.state !== 'done' && t.state !== 'cancelled' && t.state !== 'not-applicable';

/** Offsets of a task's checkbox `[ ]` on its first line. */
export function checkboxRange(doc: ParsedDocument, task: TaskModel): { start: number; end: number } | undefined {
  const start = task.position.start.offset;
  const m = /^(?:[-*+]|\d+[.)])[ \t]+(\[[ xX]\])/.exec(doc.text.slice(start, start + 40));
  if (!m) return undefined;
  const at = start + m[0].length - 3;
  return { start: at, end: at + 3 };
}
