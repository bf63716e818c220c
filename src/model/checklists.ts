/**
 * Checklists in every kind of document. A task is a list item with a check mark: GFM's `[ ]` and
 * `[x]`, and the marks people add (`[/]`, `[-]`, `[~]`, `[✓]`, `[✗]`, `[N/A]`, or what a legend
 * defines). `- [#40] text` is an issue reference, not a task. Lists inside `<details>` blocks are
 * read too, and a plain bullet under a heading that names a state (`### Completed`) is a task in
 * that state.
 */
import type { Root, List, ListItem, Paragraph, Nodes, Html } from 'mdast';
import { parseMarkdown, plainText, shift } from '../core/markdown.js';
import { readStatus, type Vocabulary } from '../core/status.js';
import type { LineIndex } from '../core/text.js';
import { itemText, listItems, type Section } from './sections.js';
import type { LegendItem } from './legend.js';
import type { ChecklistSection, ListItemModel, TaskModel, TaskState, SectionStatus } from './types.js';

/** Check marks and the state each stands for; a legend may add or redefine marks. */
const defaultMarks: Record<string, TaskState> = {
  ' ': 'open',
  x: 'done',
  X: 'done',
  '✓': 'done',
  '✔': 'done',
  '√': 'done',
  '/': 'in-progress',
  '~': 'partial',
  '-': 'cancelled',
  '✗': 'failed',
  '✘': 'failed',
  'N/A': 'not-applicable',
  'n/a': 'not-applicable',
  NA: 'not-applicable',
};

/** Words a legend uses for task states, read with the status reader. */
const stateWords: Vocabulary = {
  open: { emoji: [], words: ['open', 'todo', 'to do', 'not started', 'pending', 'planned', 'not done'] },
  done: { emoji: ['✅'], words: ['done', 'complete', 'completed', 'finished', 'shipped'] },
  'in-progress': { emoji: ['🚧', '🟡'], words: ['in progress', 'started', 'doing', 'wip', 'ongoing', 'in review'] },
  partial: { emoji: [], words: ['partial', 'partially done', 'partly done', 'half done', 'incomplete'] },
  cancelled: { emoji: [], words: ['cancelled', 'canceled', 'dropped', "won't do", 'wontfix', 'abandoned', 'skipped', 'deferred', 'moved'] },
  failed: { emoji: ['❌'], words: ['failed', 'blocked', 'broken'] },
  'not-applicable': { emoji: [], words: ['n a', 'not applicable', 'irrelevant'] },
};

/** What a progress status means for the items under a heading that names it. */
const stateOfStatus: Record<string, TaskState> = {
  complete: 'done',
  'in-progress': 'in-progress',
  'not-started': 'open',
  blocked: 'failed',
  paused: 'open',
  cancelled: 'cancelled',
};

export type MarkTable = Record<string, TaskState>;

export function markTable(legend: LegendItem[]): MarkTable {
  const marks: MarkTable = { ...defaultMarks };
  for (const entry of legend) {
    if (entry.mark === undefined) continue;
    const reading = readStatus(entry.word, stateWords);
    if (reading.ok) marks[entry.mark] = reading.status as TaskState;
  }
  return marks;
}

const markRe = /^(?:[-*+]|\d{1,9}[.)])[ \t]+\[([^\]\n]{1,3})\](?=[ \t]|$)/;

/** The check mark an item starts with, and where its text begins, or undefined for a plain item. */
function markOf(item: ListItem, text: string, marks: MarkTable): { mark: string; state: TaskState } | undefined {
  const start = item.position!.start.offset!;
  const m = markRe.exec(text.slice(start, start + 24));
  if (!m) return undefined;
  const mark = m[1]!;
  const state = marks[mark] ?? marks[mark.trim() === '' ? ' ' : mark];
  if (!state) return undefined;
  if (item.checked !== null && item.checked !== undefined) return { mark: mark.trim() === '' ? ' ' : mark, state: item.checked ? 'done' : 'open' };
  return { mark, state };
}

function collect(node: Nodes, type: 'inlineCode' | 'emphasis', out: Nodes[]): void {
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === type) out.push(n);
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) if ((n.children[i] as Nodes).type !== 'list') stack.push(n.children[i] as Nodes);
  }
  out.sort((a, b) => a.position!.start.offset! - b.position!.start.offset!);
}

export interface TaskContext {
  text: string;
  lines: LineIndex;
  marks: MarkTable;
  /** The state a plain item takes (under a heading such as `### Completed`). */
  groupState?: TaskState;
}

/**
 * The tasks of a list (a task's sub-lists give its children) and the items that are not tasks.
 * Iterative: lists wait in a queue with the arrays their items go to, so no nesting is too deep.
 */
export function tasksOf(root: List, rootCtx: TaskContext): { tasks: TaskModel[]; notes: ListItemModel[] } {
  type Into = { tasks: TaskModel[]; notes: ListItemModel[] };
  const result: Into = { tasks: [], notes: [] };
  const queue: { list: List; ctx: TaskContext; into: Into }[] = [{ list: root, ctx: rootCtx, into: result }];
  for (let q = 0; q < queue.length; q++) {
    const { list, into } = queue[q]!;
    let { ctx } = queue[q]!;
    const { tasks, notes } = into;
    // A heading's state goes to the items of a plain list only; a list with check marks speaks for itself.
    if (ctx.groupState && list.children.some((item) => markOf(item, ctx.text, ctx.marks))) ctx = { ...ctx, groupState: undefined };
    for (const item of list.children) {
      const position = ctx.lines.range(item.position!.start.offset!, item.position!.end.offset!);
      const sublists = item.children.filter((c): c is List => c.type === 'list');
      const marked = markOf(item, ctx.text, ctx.marks);
      if (!marked && !ctx.groupState) {
        notes.push(...listItems({ ...list, children: [item] }, ctx.lines));
        continue;
      }
      const first = item.children[0] as Paragraph | undefined;
      const codes: Nodes[] = [];
      const ems: Nodes[] = [];
      if (first && first.type === 'paragraph') {
        collect(first, 'inlineCode', codes);
        collect(first, 'emphasis', ems);
      }
      let text = itemText(item);
      // GFM reads only `[ ]` and `[x]`; other marks are still in the text.
      if (marked && (item.checked === null || item.checked === undefined)) text = text.replace(/^\[[^\]\n]{1,3}\][ \t]*/, '');
      const state = marked?.state ?? ctx.groupState!;
      const task: TaskModel = {
        text,
        checked: state === 'done',
        state,
        mark: marked?.mark ?? null,
        paths: codes.map((c) => ({ value: (c as { value: string }).value, position: ctx.lines.range(c.position!.start.offset!, c.position!.end.offset!) })),
        statusNotes: ems.map((e) => ({ value: plainText(e).trim(), position: ctx.lines.range(e.position!.start.offset!, e.position!.end.offset!) })),
        position,
        children: [],
        notes: [],
      };
      tasks.push(task);
      for (const l of sublists) queue.push({ list: l, ctx: { ...ctx, groupState: undefined }, into: { tasks: task.children, notes: task.notes } });
    }
  }
  return result;
}

/** Done tasks, and tasks that count: cancelled and not-applicable ones do not. */
export function countTasks(tasks: TaskModel[]): { done: number; total: number } {
  let done = 0;
  let total = 0;
  const stack = [...tasks];
  while (stack.length) {
    const t = stack.pop()!;
    if (t.state !== 'cancelled' && t.state !== 'not-applicable') total++;
    if (t.state === 'done') done++;
    stack.push(...t.children);
  }
  return { done, total };
}

/**
 * Lists inside a `<details>` HTML block that has no blank line after its `<summary>` (with a blank
 * line, markdown already reads them as lists). The tags are blanked out with spaces, so every
 * offset stays where it was, and the rest is parsed as markdown.
 */
function detailsLists(node: Html, text: string): List[] {
  if (!/^<details\b/i.test(node.value)) return [];
  const start = node.position!.start.offset!;
  const source = text.slice(start, node.position!.end.offset!);
  const blanked = source.replace(/<summary\b[^]*?<\/summary>|<\/?details\b[^>]*>/gi, (m) => m.replace(/[^\r\n]/g, ' '));
  if (!/^[ \t]*(?:[-*+]|\d+[.)])[ \t]/m.test(blanked)) return [];
  const root = parseMarkdown(blanked);
  shift(root, node.position!.start.line - 1, start);
  return root.children.filter((n): n is List => n.type === 'list');
}

/** The lists in a range of the root's children, those inside `<details>` blocks included. */
export function listsIn(root: Root, from: number, to: number, text: string): List[] {
  const out: List[] = [];
  for (const node of root.children.slice(from, to)) {
    if (node.type === 'list') out.push(node);
    else if (node.type === 'html') out.push(...detailsLists(node, text));
  }
  return out;
}

export interface ChecklistInput {
  root: Root;
  text: string;
  lines: LineIndex;
  sections: Section[];
  marks: MarkTable;
  /** Each section's status (by index into `sections`), for state groups. */
  statusOf: (i: number) => SectionStatus | undefined;
  pathOf: (i: number) => string[];
  /** Sections whose items are not tasks (a legend). */
  skip: (s: Section) => boolean;
}

/** One checklist section per heading (and one for the lists before the first heading, when there are any). */
export function checklistSections(input: ChecklistInput): ChecklistSection[] {
  const { root, text, lines, sections } = input;
  const out: ChecklistSection[] = [];
  const read = (from: number, to: number, groupState?: TaskState) => {
    const parts = listsIn(root, from, to, text).map((l) => tasksOf(l, { text, lines, marks: input.marks, groupState }));
    const tasks = parts.flatMap((p) => p.tasks);
    return { tasks, notes: parts.flatMap((p) => p.notes), ...countTasks(tasks) };
  };
  const firstHeading = root.children.findIndex((n) => n.type === 'heading');
  const lead = read(0, firstHeading < 0 ? root.children.length : firstHeading);
  if (lead.tasks.length) {
    const at = lead.tasks[0]!.position.start.offset;
    out.push({ title: { value: '', position: lines.range(at, at) }, depth: 0, path: [], ...lead });
  }
  sections.forEach((s, i) => {
    if (input.skip(s)) return;
    const status = input.statusOf(i);
    // `### Completed` names a state; `# TODO`, a document's title, does not.
    const groupState = s.depth > 1 && status?.group && status.status ? stateOfStatus[status.status] : undefined;
    const heading = root.children[s.bodyFrom - 1] as { children: Nodes[] };
    const inner = heading.children;
    const start = inner[0]?.position?.start.offset ?? s.start;
    const end = inner[inner.length - 1]?.position?.end.offset ?? s.headingEnd;
    const section: ChecklistSection = { title: { value: s.title, position: lines.range(start, end) }, depth: s.depth, path: input.pathOf(i), ...read(s.bodyFrom, s.bodyTo, groupState) };
    if (status) section.status = status;
    out.push(section);
  });
  return out;
}

/** Whether a text is mostly a checklist: at least three tasks, and more task lines than other prose lines. */
export function looksLikeChecklist(text: string): boolean {
  let tasks = 0;
  let prose = 0;
  for (const line of text.split(/\r\n|\r|\n/, 4000)) {
    if (/^\s*(?:[-*+]|\d+[.)])\s+\[(?: |x|X|\/|-|~|✓|✔|✗|✘|N\/A)\]\s/.test(line)) tasks++;
    else if (/\S/.test(line) && !/^\s*(?:#|```|---|\|)/.test(line)) prose++;
  }
  return tasks >= 3 && tasks >= prose;
}

export const isLegendSection = (s: Section) => /^(?:status )?(?:legend|key)(?: key)?$/.test(s.folded);
