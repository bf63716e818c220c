/** Helpers shared by the checklist rules. */
import type { TaskModel, ChecklistModel } from '../model/types.js';
import type { ParsedDocument } from '../model/parse.js';

export function* allTasks(tasks: TaskModel[]): Generator<TaskModel> {
  for (const t of tasks) {
    yield t;
    yield* allTasks(t.children);
  }
}

export function checklistTasks(doc: ParsedDocument): Generator<TaskModel> {
  const model = doc.model as ChecklistModel;
  return allTasks(model.sections.flatMap((s) => s.tasks));
}

/** Offsets of a task's checkbox `[ ]` on its first line. */
export function checkboxRange(doc: ParsedDocument, task: TaskModel): { start: number; end: number } | undefined {
  const start = task.position.start.offset;
  const m = /^(?:[-*+]|\d+[.)])[ \t]+(\[[ xX]\])/.exec(doc.text.slice(start, start + 40));
  if (!m) return undefined;
  const at = start + m[0].length - 3;
  return { start: at, end: at + 3 };
}
