/**
 * The typed model of each document kind, as `docs export` prints it. Every value carries the
 * source range it came from (`position`), so diagnostics and edits can point at it exactly.
 * The shape is documented in docs/model.md.
 */
import type { Range } from '../core/text.js';
import type { TableKind } from '../core/schemas.js';

export type DocumentKind = 'tracker' | 'todo' | 'roadmap' | 'markdown';

export interface Located<T> {
  value: T;
  position: Range;
}

export interface CellModel {
  /** Markdown source of the cell, trimmed. */
  source: string;
  /** Plain text of the cell. */
  text: string;
  position: Range;
}

export interface RowModel {
  position: Range;
  /** The row's key (milestone, step or instance id), when its key cell is filled. */
  key?: string;
  /** Cells of recognised columns, by canonical column name. */
  cells: Record<string, CellModel>;
  /** Cells of columns the schema does not know, by header text. */
  extra: Record<string, CellModel>;
  /** The normalised status, or null when the cell could not be read. */
  status?: string | null;
  /** Progress in percent, or null when the cell is not a number. */
  progress?: number | null;
}

export interface TableModel {
  kind: TableKind | 'unknown';
  /** The heading the table sits under. */
  heading?: string;
  position: Range;
  columns: { header: string; column: string | null; position: Range }[];
  rows: RowModel[];
}

export interface SectionModel {
  title: string;
  depth: number;
  position: Range;
  /** What trackdocs reads this section as; `raw` sections are kept as their markdown. */
  role: string;
  /** The section's markdown (raw sections only). */
  markdown?: string;
}

export interface ListItemModel {
  text: string;
  /** true/false for a checkbox item, null for a plain bullet. */
  checked: boolean | null;
  position: Range;
  children: ListItemModel[];
}

export interface LegendEntry {
  emoji: string;
  word: string;
  /** The status the entry maps to, when its word or emoji is known. */
  status: string | null;
  position: Range;
}

export interface TrackerModel {
  kind: 'tracker';
  title?: Located<string>;
  lastUpdated?: Located<string>;
  focus: { activeStep?: Located<string>; nextStep?: Located<string> };
  jobs?: TableModel;
  pastJobs?: TableModel;
  cost: { burnRate?: Located<string> & { amount: number | null }; toDestroy?: Located<string> };
  milestones?: TableModel;
  legend: LegendEntry[];
  steps?: TableModel;
  recentWork: { date: Located<string>; items: ListItemModel[]; position: Range }[];
  blockers: Located<string>[];
  priorities: Located<string>[];
  /** Tables under headings trackdocs does not know, with their cells as written. */
  otherTables: TableModel[];
  sections: SectionModel[];
}

export interface TaskModel {
  text: string;
  /** true when ticked, false when open. */
  checked: boolean;
  /** Backticked paths in the task text (`scripts/x.py`). */
  paths: Located<string>[];
  /** Italic notes in the task text, such as *(Step 230 k packaged 13 Nov)*. */
  statusNotes: Located<string>[];
  position: Range;
  children: TaskModel[];
  /** Sub-bullets without a checkbox. */
  notes: ListItemModel[];
}

export interface ChecklistSection {
  title: Located<string>;
  depth: number;
  tasks: TaskModel[];
  /** Bullets without a checkbox directly under the heading. */
  notes: ListItemModel[];
  done: number;
  total: number;
}

export interface ChecklistModel {
  kind: 'todo' | 'roadmap';
  title?: Located<string>;
  sections: ChecklistSection[];
  done: number;
  total: number;
}

export interface MarkdownModel {
  kind: 'markdown';
  title?: Located<string>;
  sections: SectionModel[];
}

export type DocumentModel = TrackerModel | ChecklistModel | MarkdownModel;
