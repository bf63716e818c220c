/**
 * The typed model of each document kind, as `docs export` prints it. Every value carries the
 * source range it came from (`position`), so diagnostics and edits can point at it exactly.
 * The shape is documented in docs/model.md.
 */
import type { Range } from '../core/text.js';
import type { TableKind } from '../core/schemas.js';

/** `template`: a document under a templates/ folder or titled Template; read like a tracker, placeholders expected. */
export type DocumentKind = 'tracker' | 'todo' | 'roadmap' | 'markdown' | 'template';

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
  /** The row's key (milestone, step, instance id, or the inferred key column's text), when filled. */
  key?: string;
  /** Every cell under a header, by column name (the canonical name of a schema's column, else the header text). */
  cells: Record<string, CellModel>;
  /** Cells beyond the header's last column (renderers hide them; trackdocs keeps them). */
  overflow?: CellModel[];
  /** The status read from the status column, or null when the cell could not be read. */
  status?: string | null;
  /** The person's words around the status: `v1` in `🟡 Running (v1)`. */
  qualifier?: string;
  /** Progress in percent, or null when the cell is not a number. */
  progress?: number | null;
}

export interface ColumnModel {
  /** The header as written (plain text). */
  header: string;
  /** The schema's canonical column, or null when the table has no schema or the schema does not know it. */
  column: string | null;
  /** The name the row's `cells` use: `column`, else the header (made unique). */
  name: string;
  position: Range;
}

export interface TableModel {
  /** `milestones`, `steps`, `jobs`, a kind declared under `tables:` in the config, or `generic`. */
  kind: TableKind | 'generic';
  /** The heading the table sits under. */
  heading?: string;
  /** Titles of the headings around the table, outermost first. */
  section: string[];
  /** Set when the table sits inside a block quote or a list item (sync and --fix leave such tables alone). */
  container?: 'blockquote' | 'list';
  position: Range;
  columns: ColumnModel[];
  /** Name of the column that identifies a row (see docs/model.md for how it is inferred). */
  key?: string;
  /** Name of the column read as statuses, and the vocabulary it was read with. */
  statusColumn?: string;
  vocabulary?: 'progress' | 'job' | string;
  rows: RowModel[];
}

/** A status written in a heading (`## Phase 1 — ✅ COMPLETED`, `### Stage (3/7 complete - 43%)`) or a `Status:` line. */
export interface SectionStatus {
  /** The status (progress vocabulary), when one is written. */
  status?: string;
  qualifier?: string;
  /** A percentage, when one is written. */
  progress?: number;
  /** `done/total` counts, when written as `3/7`. */
  done?: number;
  total?: number;
  /** True when the heading is nothing but a status (`### Completed`): its items take that state. */
  group?: boolean;
  /** The text the status was read from, and where. */
  source: string;
  position: Range;
}

export interface SectionModel {
  title: string;
  depth: number;
  /** Titles of the enclosing headings, outermost first, ending with this one. */
  path: string[];
  position: Range;
  /** What trackdocs reads this section as; `raw` sections are kept as their markdown. */
  role: string;
  /** The section's markdown (raw sections of a tracker only). */
  markdown?: string;
  status?: SectionStatus;
}

/** YAML front matter (`---` … `---` at the top of a file). */
export interface FrontMatterModel {
  /** The parsed YAML (null when it does not parse; `error` says why). */
  data: unknown;
  error?: string;
  /** Top-level scalar keys with the position of their values. */
  fields: Record<string, Located<string>>;
  position: Range;
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
  kind: 'tracker' | 'template';
  frontMatter?: FrontMatterModel;
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
  /** Every table of the document, in order (the typed ones above included). */
  tables: TableModel[];
  /** Every section that holds tasks. */
  checklists: ChecklistSection[];
  sections: SectionModel[];
}

/**
 * A task's state: `[ ]` open, `[x]` `[✓]` `[✔]` done, `[/]` in-progress, `[~]` partial, `[-]`
 * cancelled, `[✗]` `[✘]` failed, `[N/A]` not-applicable; a legend in the document may add or
 * redefine marks. A plain bullet under a heading such as `### Completed` takes the heading's state.
 */
export type TaskState = 'open' | 'done' | 'in-progress' | 'partial' | 'cancelled' | 'failed' | 'not-applicable';

export interface TaskModel {
  text: string;
  /** true when done. */
  checked: boolean;
  state: TaskState;
  /** The check mark as written (`x`, `/`, `✓`, `N/A`), or null for a bullet that took its heading's state. */
  mark: string | null;
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
  path: string[];
  status?: SectionStatus;
  tasks: TaskModel[];
  /** Bullets without a checkbox directly under the heading. */
  notes: ListItemModel[];
  /** Tasks done, and tasks that count (cancelled and not-applicable ones do not). */
  done: number;
  total: number;
}

export interface ChecklistModel {
  kind: 'todo' | 'roadmap';
  frontMatter?: FrontMatterModel;
  title?: Located<string>;
  sections: ChecklistSection[];
  tables: TableModel[];
  done: number;
  total: number;
}

export interface MarkdownModel {
  kind: 'markdown';
  frontMatter?: FrontMatterModel;
  title?: Located<string>;
  sections: SectionModel[];
  tables: TableModel[];
  checklists: ChecklistSection[];
}

export type DocumentModel = TrackerModel | ChecklistModel | MarkdownModel;
