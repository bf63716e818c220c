/**
 * Text to typed model. `parseDocument` is pure: it takes the text, the file's path and the options
 * derived from the config, and returns the mdast, the tables with their specs, and the model.
 */
import type { Root, List, Heading, Nodes, Paragraph } from 'mdast';
import { parseMarkdown, plainText } from '../core/markdown.js';
import { LineIndex } from '../core/text.js';
import { extractTables, type RawTable, type Cell } from '../core/table.js';
import { foldHeader, type TableSpec } from '../core/schemas.js';
import { readStatus, splitStatus, extendVocabulary, type Vocabulary, type StatusReading } from '../core/status.js';
import { sectionsOf, findSection, foldTitle, listItems, itemText, type Section } from './sections.js';
import type {
  DocumentKind, DocumentModel, TrackerModel, ChecklistModel, MarkdownModel, TableModel, RowModel, CellModel,
  Located, LegendEntry, TaskModel, ChecklistSection, SectionModel, ListItemModel,
} from './types.js';

export interface ModelOptions {
  tableSpecs: TableSpec[];
  vocabularies: Record<'progress' | 'job', Vocabulary>;
}

/** A table with the spec it was matched to and each header's canonical column. */
export interface TypedTable {
  raw: RawTable;
  spec?: TableSpec;
  /** Canonical column name per header cell (null: a column the schema does not know). */
  columnOf: (string | null)[];
  model: TableModel;
  /** Status readings per body row, for status columns. */
  statusReadings: (StatusReading | undefined)[];
  /** The vocabulary the table's status column was read with. */
  vocabulary?: Vocabulary;
  /** Statuses the document's legend adds beyond the schema's enum: valid here. */
  legendStatuses: Set<string>;
  /** How messages name the table: its heading, else its schema title. */
  name: string;
}

export interface ParsedDocument {
  path: string;
  kind: DocumentKind;
  text: string;
  lines: LineIndex;
  root: Root;
  sections: Section[];
  tables: TypedTable[];
  model: DocumentModel;
}

export function parseDocument(text: string, path: string, kind: DocumentKind, options: ModelOptions): ParsedDocument {
  const lines = new LineIndex(text);
  const root = parseMarkdown(text);
  const sections = sectionsOf(root, text.length);
  const raws = extractTables(root, text, lines);
  const doc: ParsedDocument = { path, kind, text, lines, root, sections, tables: [], model: { kind: 'markdown', sections: [] } };
  if (kind === 'tracker') {
    const legend = readLegend(doc);
    const vocabularies = {
      progress: extendVocabulary(options.vocabularies.progress, legendTerms(legend, options.vocabularies.progress)),
      job: options.vocabularies.job,
    };
    doc.tables = raws.map((raw) => typeTable(raw, matchSpec(raw, options.tableSpecs), vocabularies, lines, options.vocabularies));
    doc.model = trackerModel(doc, legend.entries);
  } else {
    doc.tables = raws.map((raw) => typeTable(raw, undefined, options.vocabularies, lines));
    doc.model = kind === 'todo' || kind === 'roadmap' ? checklistModel(doc, kind) : markdownModel(doc);
  }
  return doc;
}

function matchSpec(raw: RawTable, specs: TableSpec[]): TableSpec | undefined {
  const heading = raw.heading ? foldTitle(raw.heading) : '';
  const byHeading = specs.find((s) => s.headings.some((h) => foldTitle(h) === heading));
  if (byHeading) return byHeading;
  const headers = raw.header.cells.map((c) => foldHeader(c.text));
  const has = (spec: TableSpec, name: string) => spec.columns.find((c) => c.name === name)?.aliases.some((a) => headers.includes(foldHeader(a)));
  return specs.find((s) => has(s, s.key) && s.columns.some((c) => c.status && has(s, c.name)));
}

function columnMap(raw: RawTable, spec: TableSpec | undefined): (string | null)[] {
  const taken = new Set<string>();
  return raw.header.cells.map((cell) => {
    if (!spec) return null;
    const folded = foldHeader(cell.text);
    const col = spec.columns.find((c) => !taken.has(c.name) && c.aliases.some((a) => foldHeader(a) === folded));
    if (!col) return null;
    taken.add(col.name);
    return col.name;
  });
}

const cellModel = (cell: Cell, lines: LineIndex): CellModel => ({ source: cell.source, text: cell.text, position: lines.range(cell.start, cell.end) });

/** Read a percentage cell: `95%`, `95`, ` 95 %`. */
export function readPercent(text: string): number | null {
  const m = /^(-?\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

function typeTable(raw: RawTable, spec: TableSpec | undefined, vocabularies: Record<'progress' | 'job', Vocabulary>, lines: LineIndex, baseVocabularies = vocabularies): TypedTable {
  const columnOf = columnMap(raw, spec);
  const statusColumn = spec?.columns.find((c) => c.status);
  const vocabulary = statusColumn?.status ? vocabularies[statusColumn.status] : undefined;
  const statusReadings: (StatusReading | undefined)[] = [];
  const rows = raw.rows.map((row): RowModel => {
    const cells: Record<string, CellModel> = {};
    const extra: Record<string, CellModel> = {};
    row.cells.forEach((cell, i) => {
      const col = columnOf[i];
      if (col) cells[col] = cellModel(cell, lines);
      else if (i < raw.header.cells.length) extra[raw.header.cells[i]!.text || `column ${i + 1}`] = cellModel(cell, lines);
    });
    const model: RowModel = { position: lines.range(row.start, row.end), cells, extra };
    if (spec) {
      const key = cells[spec.key]?.text;
      if (key) model.key = key;
    }
    if (statusColumn && vocabulary && cells[statusColumn.name]) {
      const reading = readStatus(cells[statusColumn.name]!.source, vocabulary);
      statusReadings.push(reading);
      model.status = reading.ok ? reading.status : null;
    } else statusReadings.push(undefined);
    const percentColumn = spec?.columns.find((c) => c.parse === 'percent');
    if (percentColumn && cells[percentColumn.name]) model.progress = readPercent(cells[percentColumn.name]!.text);
    return model;
  });
  const base = statusColumn?.status ? baseVocabularies[statusColumn.status] : undefined;
  return {
    raw,
    spec,
    columnOf,
    statusReadings,
    vocabulary,
    legendStatuses: new Set(vocabulary && base ? Object.keys(vocabulary).filter((k) => !(k in base)) : []),
    name: raw.heading ?? spec?.title.replace(/ row$/, '') ?? 'table',
    model: {
      kind: spec?.kind ?? 'unknown',
      heading: raw.heading,
      position: lines.range(raw.start, raw.end),
      columns: raw.header.cells.map((c, i) => ({ header: c.text, column: columnOf[i] ?? null, position: lines.range(c.start, c.end) })),
      rows,
    },
  };
}

/** A labelled line such as `Last updated: 2026-01-05` or `**Active Step**: Step 2`. */
function labelledLine(text: string, from: number, to: number, label: string, lines: LineIndex): Located<string> | undefined {
  const re = new RegExp(`^[ \\t]*(?:[-*+][ \\t]+)?(?:\\*\\*|__)?${label}(?:\\*\\*|__)?[ \\t]*:?[ \\t]*(?:\\*\\*|__)?[ \\t]*(.*?)[ \\t]*\\\\?[ \\t]*$`, 'imd');
  const m = re.exec(text.slice(from, to));
  if (!m) return undefined;
  const [start, end] = m.indices![1]!;
  return { value: m[1]!, position: lines.range(from + start, from + end) };
}

function readLegend(doc: ParsedDocument): { entries: LegendEntry[] } {
  const section = findSection(doc.sections, 'Status Legend', 'Legend');
  if (!section) return { entries: [] };
  const entries: LegendEntry[] = [];
  for (const node of doc.root.children.slice(section.bodyFrom, section.bodyTo)) {
    if (node.type !== 'list') continue;
    for (const item of node.children) {
      const raw = itemText(item);
      const { emoji, word } = splitStatus(raw);
      if (!emoji && !word) continue;
      entries.push({ emoji, word, status: null, position: doc.lines.range(item.position!.start.offset!, item.position!.end.offset!) });
    }
  }
  return { entries };
}

/**
 * Legend lines extend the progress vocabulary: a known word teaches its emoji (and the reverse);
 * an entry of neither becomes a status of its own, named by its word.
 */
function legendTerms(legend: { entries: LegendEntry[] }, base: Vocabulary): Record<string, { emoji?: string[]; words?: string[] }> {
  const terms: Record<string, { emoji: string[]; words: string[] }> = {};
  for (const e of legend.entries) {
    const byWord = e.word ? readStatus(e.word, base) : undefined;
    const byEmoji = e.emoji ? readStatus(e.emoji, base) : undefined;
    const status = byWord?.ok ? byWord.status : byEmoji?.ok ? byEmoji.status : (e.word || e.emoji).replace(/ /g, '-');
    const t = (terms[status] ??= { emoji: [], words: [] });
    if (e.emoji) t.emoji.push(e.emoji);
    if (e.word) t.words.push(e.word);
  }
  return terms;
}

function trackerModel(doc: ParsedDocument, legend: LegendEntry[]): TrackerModel {
  const { text, lines, sections } = doc;
  const firstH2 = sections.find((s) => s.depth >= 2)?.start ?? text.length;
  const focus = findSection(sections, 'Current Focus');
  const jobsSection = findSection(sections, 'Active Remote Jobs', 'Remote Jobs', 'Active Jobs');
  const title = sections.find((s) => s.depth === 1 && /status tracker/i.test(s.title) && !/template/i.test(s.title)) ?? sections.find((s) => s.depth === 1);
  const lastUpdated = labelledLine(text, title?.start ?? 0, Math.max(firstH2, title?.end ?? 0), 'Last updated', lines) ?? labelledLine(text, 0, text.length, 'Last updated', lines);
  const progressVocabulary = doc.tables.find((t) => t.spec?.kind === 'milestones' || t.spec?.kind === 'steps')?.vocabulary;
  for (const entry of legend) {
    const reading = progressVocabulary ? readStatus(`${entry.emoji} ${entry.word}`, progressVocabulary) : undefined;
    entry.status = reading?.ok ? reading.status : null;
  }
  const model: TrackerModel = {
    kind: 'tracker',
    title: title ? { value: title.title, position: lines.range(title.start, title.headingEnd) } : undefined,
    lastUpdated,
    focus: focus
      ? {
          activeStep: labelledLine(text, focus.start, focus.end, 'Active Step', lines),
          nextStep: labelledLine(text, focus.start, focus.end, 'Next Step', lines),
        }
      : {},
    cost: {},
    legend,
    recentWork: [],
    blockers: [],
    priorities: [],
    otherTables: [],
    sections: sectionModels(doc),
  };
  for (const table of doc.tables) {
    const t = table.model;
    if (table.spec?.kind === 'jobs') {
      if (/past|history|archiv|finished|destroyed/i.test(table.raw.heading ?? '')) model.pastJobs ??= t;
      else model.jobs ??= t;
    } else if (table.spec?.kind === 'milestones') model.milestones ??= t;
    else if (table.spec?.kind === 'steps') model.steps ??= t;
    else model.otherTables.push(t);
  }
  const costScope = jobsSection ?? { start: 0, end: text.length };
  const burn = labelledLine(text, costScope.start, costScope.end, 'Current hourly burn rate', lines) ?? labelledLine(text, costScope.start, costScope.end, 'Hourly burn rate', lines) ?? labelledLine(text, costScope.start, costScope.end, 'Burn rate', lines);
  if (burn) model.cost.burnRate = { ...burn, amount: readDollars(burn.value) };
  model.cost.toDestroy = labelledLine(text, costScope.start, costScope.end, 'Instances to destroy(?: after completion)?', lines);

  const recent = findSection(sections, 'Recent Work', 'Changelog', 'Log');
  if (recent) {
    for (const s of sections) {
      if (s.start <= recent.start || s.start >= recent.end || s.depth !== recent.depth + 1) continue;
      const items = doc.root.children.slice(s.bodyFrom, s.bodyTo).filter((n): n is List => n.type === 'list').flatMap((l) => listItems(l, lines));
      const heading = doc.root.children[s.bodyFrom - 1] as Heading;
      const inner = heading.children.length ? heading.children : [];
      const start = inner[0]?.position?.start.offset ?? s.start;
      const end = inner[inner.length - 1]?.position?.end.offset ?? s.headingEnd;
      model.recentWork.push({ date: { value: s.title, position: lines.range(start, end) }, items, position: lines.range(s.start, s.end) });
    }
  }
  model.blockers = bulletTexts(doc, findSection(sections, 'Active Blockers', 'Blockers'));
  model.priorities = bulletTexts(doc, findSection(sections, 'Upcoming Priorities', 'Priorities', 'Next Up'));
  return model;
}

/** `$1.23/hr` → 1.23; null when no dollar amount is written. */
export function readDollars(s: string): number | null {
  const m = /\$\s*(\d+(?:\.\d+)?)/.exec(s);
  return m ? Number(m[1]) : null;
}

function bulletTexts(doc: ParsedDocument, section: Section | undefined): Located<string>[] {
  if (!section) return [];
  return doc.root.children
    .slice(section.bodyFrom, section.bodyTo)
    .filter((n): n is List => n.type === 'list')
    .flatMap((l) => l.children.map((item) => ({ value: itemText(item), position: doc.lines.range(item.position!.start.offset!, item.position!.end.offset!) })));
}

const knownRoles: [string, string[]][] = [
  ['current-focus', ['Current Focus']],
  ['jobs', ['Active Remote Jobs', 'Remote Jobs', 'Active Jobs']],
  ['past-jobs', ['Past Remote Jobs']],
  ['milestones', ['Milestone Status', 'Milestones']],
  ['legend', ['Status Legend', 'Legend']],
  ['steps', ['Step Status', 'Steps']],
  ['recent-work', ['Recent Work', 'Changelog', 'Log']],
  ['blockers', ['Active Blockers', 'Blockers']],
  ['priorities', ['Upcoming Priorities', 'Priorities', 'Next Up']],
];

function sectionModels(doc: ParsedDocument): SectionModel[] {
  const recent = findSection(doc.sections, 'Recent Work', 'Changelog', 'Log');
  return doc.sections.map((s) => {
    const folded = foldTitle(s.title);
    let role = knownRoles.find(([, titles]) => titles.some((t) => foldTitle(t) === folded))?.[0];
    if (!role && s.depth === 1) role = 'title';
    if (!role && recent && s.start > recent.start && s.start < recent.end) role = 'recent-work-entry';
    const model: SectionModel = { title: s.title, depth: s.depth, position: doc.lines.range(s.start, s.end), role: role ?? 'raw' };
    if (!role) model.markdown = doc.text.slice(s.start, s.end);
    return model;
  });
}

function markdownModel(doc: ParsedDocument): MarkdownModel {
  const h1 = doc.sections.find((s) => s.depth === 1);
  return {
    kind: 'markdown',
    title: h1 ? { value: h1.title, position: doc.lines.range(h1.start, h1.headingEnd) } : undefined,
    sections: doc.sections.map((s) => ({ title: s.title, depth: s.depth, position: doc.lines.range(s.start, s.end), role: 'raw' })),
  };
}

function collect(node: Nodes, type: 'inlineCode' | 'emphasis', out: Nodes[], stopAtList = true): void {
  if (node.type === type) out.push(node);
  if (!('children' in node)) return;
  for (const c of node.children as Nodes[]) if (!(stopAtList && c.type === 'list')) collect(c, type, out, stopAtList);
}

function tasksOf(list: List, lines: LineIndex): { tasks: TaskModel[]; notes: ListItemModel[] } {
  const tasks: TaskModel[] = [];
  const notes: ListItemModel[] = [];
  for (const item of list.children) {
    const position = lines.range(item.position!.start.offset!, item.position!.end.offset!);
    const sublists = item.children.filter((c): c is List => c.type === 'list');
    if (item.checked === null || item.checked === undefined) {
      notes.push(...listItems({ ...list, children: [item] }, lines));
      continue;
    }
    const first = item.children[0] as Paragraph | undefined;
    const codes: Nodes[] = [];
    const ems: Nodes[] = [];
    if (first && first.type === 'paragraph') {
      collect(first, 'inlineCode', codes);
      collect(first, 'emphasis', ems);
    }
    const sub = sublists.map((l) => tasksOf(l, lines));
    tasks.push({
      text: itemText(item),
      checked: item.checked,
      paths: codes.map((c) => ({ value: (c as { value: string }).value, position: lines.range(c.position!.start.offset!, c.position!.end.offset!) })),
      statusNotes: ems.map((e) => ({ value: plainText(e).trim(), position: lines.range(e.position!.start.offset!, e.position!.end.offset!) })),
      position,
      children: sub.flatMap((s) => s.tasks),
      notes: sub.flatMap((s) => s.notes),
    });
  }
  return { tasks, notes };
}

function count(tasks: TaskModel[]): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const t of tasks) {
    total++;
    if (t.checked) done++;
    const sub = count(t.children);
    done += sub.done;
    total += sub.total;
  }
  return { done, total };
}

function checklistModel(doc: ParsedDocument, kind: 'todo' | 'roadmap'): ChecklistModel {
  const h1 = doc.sections.find((s) => s.depth === 1);
  const sections: ChecklistSection[] = [];
  for (const s of doc.sections) {
    if (s === h1) continue;
    const lists = doc.root.children.slice(s.bodyFrom, s.bodyTo).filter((n): n is List => n.type === 'list');
    const parts = lists.map((l) => tasksOf(l, doc.lines));
    const tasks = parts.flatMap((p) => p.tasks);
    const heading = doc.root.children[s.bodyFrom - 1] as Heading;
    const inner = heading.children;
    const start = inner[0]?.position?.start.offset ?? s.start;
    const end = inner[inner.length - 1]?.position?.end.offset ?? s.headingEnd;
    sections.push({ title: { value: s.title, position: doc.lines.range(start, end) }, depth: s.depth, tasks, notes: parts.flatMap((p) => p.notes), ...count(tasks) });
  }
  // Tasks before any sub-heading (directly under the title or with no heading at all).
  const firstSub = doc.sections.find((s) => s !== h1);
  const leadEnd = firstSub ? doc.root.children.findIndex((n) => n.position?.start.offset === firstSub.start) : doc.root.children.length;
  const leadLists = doc.root.children.slice(0, leadEnd).filter((n): n is List => n.type === 'list');
  if (leadLists.length) {
    const parts = leadLists.map((l) => tasksOf(l, doc.lines));
    const tasks = parts.flatMap((p) => p.tasks);
    const pos = doc.lines.range(leadLists[0]!.position!.start.offset!, leadLists[0]!.position!.start.offset!);
    sections.unshift({ title: { value: h1?.title ?? '', position: pos }, depth: h1 ? 1 : 0, tasks, notes: parts.flatMap((p) => p.notes), ...count(tasks) });
  }
  const done = sections.reduce((a, s) => a + s.done, 0);
  const total = sections.reduce((a, s) => a + s.total, 0);
  return { kind, title: h1 ? { value: h1.title, position: doc.lines.range(h1.start, h1.headingEnd) } : undefined, sections, done, total };
}
