/** Helpers shared by the checklist rules. */
import type { TaskModel, ChecklistSection } from '../model/types.js';
import type { ParsedDocument } from '../model/parse.js';

export function* allTasks(tasks: TaskModel[]): Generator<TaskModel> {
  for (const t of tasks) {
    yield t;
    yield* allTasks(t.children);
  }
}

/** The sections of a document that hold tasks, whatever its kind. */
export function checklistSectionsOf(doc: ParsedDocument): ChecklistSection[] {
  const model = doc.model;
  return 'checklists' in model ? model.checklists : model.sections;
}

/** Every task of a document, whatever its kind. */
export function checklistTasks(doc: ParsedDocument): Generator<TaskModel> {
  return allTasks(checklistSectionsOf(doc).flatMap((s) => s.tasks));
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
