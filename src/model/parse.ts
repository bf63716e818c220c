/**
 * Text to typed model. `parseDocument` is pure: it takes the text, the file's path and the options
 * derived from the config, and returns the mdast, the tables with their specs, and the model.
 * Every document kind gets every table, every checklist, front matter and section statuses; a
 * tracker gets its typed parts on top (see docs/model.md).
 */
import type { Root, List, Heading, Nodes } from 'mdast';
import { parseMarkdown } from '../core/markdown.js';
import { LineIndex } from '../core/text.js';
import { extractTables } from '../core/table.js';
import type { TableSpec } from '../core/schemas.js';
import { readStatus, applyLegend, type Vocabulary } from '../core/status.js';
import type { Storage } from '../core/encoding.js';
import { sectionsOf, findSection, foldTitle, listItems, itemText, type Section } from './sections.js';
import { readLegend, type LegendItem } from './legend.js';
import { typeTable, matchSpec, readPercent, type TypedTable, type DocumentVocabularies } from './tables.js';
import { readHeadingStatus, readLabelledStatus } from './section-status.js';
import { checklistSections, markTable, isLegendSection } from './checklists.js';
import { findFrontMatter, blankFrontMatter, readFrontMatter, frontMatterLastUpdated } from './front-matter.js';
import type {
  DocumentKind, DocumentModel, TrackerModel, ChecklistModel, MarkdownModel, Located, LegendEntry, SectionModel, SectionStatus, FrontMatterModel, ChecklistSection,
} from './types.js';

export { readPercent, type TypedTable };

export interface ModelOptions {
  /** The built-in table kinds (typed in trackers only). */
  tableSpecs: TableSpec[];
  /** Table kinds declared in the config (typed in every document). */
  collections?: TableSpec[];
  vocabularies: Record<'progress' | 'job', Vocabulary>;
}

export interface ParsedDocument {
  path: string;
  kind: DocumentKind;
  text: string;
  lines: LineIndex;
  root: Root;
  sections: Section[];
  tables: TypedTable[];
  /** The document's vocabularies (the config's, with its legend applied). */
  vocabularies: DocumentVocabularies;
  /** Each section's status (parallel to `sections`), from its heading or a `Status:` line. */
  sectionStatuses: (SectionStatus | undefined)[];
  model: DocumentModel;
  /** How the file was stored, when it was read from one (the encoding/* rules read it); UTF-8 when absent. */
  storage?: Storage;
}

/** The vocabularies of a document: a legend decides what its emoji mean. */
function documentVocabularies(options: ModelOptions, legend: LegendItem[]): DocumentVocabularies {
  const entries = legend.filter((e) => e.emoji);
  const progress = applyLegend(options.vocabularies.progress, entries);
  // The job vocabulary takes only legend words it knows: `🟡 In progress` must not make a job status.
  const jobEntries = entries.filter((e) => readStatus(e.word, options.vocabularies.job).ok);
  const job = applyLegend(options.vocabularies.job, jobEntries);
  return { progress: progress.vocabulary, job: job.vocabulary, legendStatuses: new Set(progress.statuses) };
}

export function parseDocument(text: string, path: string, kind: DocumentKind, options: ModelOptions): ParsedDocument {
  const lines = new LineIndex(text);
  const fm = findFrontMatter(text);
  const root = parseMarkdown(fm ? blankFrontMatter(text, fm) : text);
  const sections = sectionsOf(root, text.length);
  const legendItems = readLegend(root, text, sections, lines);
  const vocabularies = documentVocabularies(options, legendItems);
  const paths = sectionPaths(sections);
  const specs = [...(options.collections ?? []), ...(kind === 'tracker' || kind === 'template' ? options.tableSpecs : [])];
  const tables = extractTables(root, text, lines).map((raw) => {
    // A table in a block quote or a list item is read, but never typed: sync and fixes leave it alone.
    const spec = raw.container ? undefined : matchSpec(raw, specs);
    return typeTable(raw, spec, vocabularies, lines, pathAt(sections, paths, raw.start));
  });
  const doc: ParsedDocument = { path, kind, text, lines, root, sections, tables, vocabularies, sectionStatuses: [], model: { kind: 'markdown', sections: [], tables: [], checklists: [] } };
  const frontMatter = fm ? readFrontMatter(text, fm, lines) : undefined;
  const statuses = (doc.sectionStatuses = sections.map((s) => sectionStatus(doc, s)));
  const checklists = checklistSections({
    root,
    text,
    lines,
    sections,
    marks: markTable(legendItems),
    statusOf: (i) => statuses[i],
    pathOf: (i) => paths[i]!,
    skip: isLegendSection,
  });
  const sectionModels = sections.map((s, i): SectionModel => {
    const m: SectionModel = { title: s.title, depth: s.depth, path: paths[i]!, position: lines.range(s.start, s.end), role: 'raw' };
    if (statuses[i]) m.status = statuses[i];
    return m;
  });
  if (kind === 'tracker' || kind === 'template') doc.model = trackerModel(doc, kind, legendItems, sectionModels, checklists, frontMatter);
  else if (kind === 'todo' || kind === 'roadmap') doc.model = checklistModel(doc, kind, checklists, frontMatter);
  else doc.model = markdownModel(doc, sectionModels, checklists, frontMatter);
  return doc;
}

/** Each section's path: the titles of the headings it sits under, then its own. */
export function sectionPaths(sections: Section[]): string[][] {
  const out: string[][] = [];
  const open: Section[] = [];
  for (const s of sections) {
    while (open.length && open[open.length - 1]!.depth >= s.depth) open.pop();
    open.push(s);
    out.push(open.map((o) => o.title));
  }
  return out;
}

export function pathAt(sections: Section[], paths: string[][], offset: number): string[] {
  let at = -1;
  for (let i = 0; i < sections.length && sections[i]!.start <= offset; i++) at = i;
  return at >= 0 ? paths[at]! : [];
}

/** A section's status: from its heading, else from a `Status:` or `Progress:` line in its own text. */
function sectionStatus(doc: ParsedDocument, s: Section): SectionStatus | undefined {
  const heading = doc.root.children[s.bodyFrom - 1] as Heading;
  const inner = heading.children;
  const start = inner[0]?.position?.start.offset;
  const end = inner[inner.length - 1]?.position?.end.offset;
  const vocabulary = doc.vocabularies.progress;
  if (start !== undefined && end !== undefined) {
    const source = doc.text.slice(start, end);
    const fields = readHeadingStatus(source, vocabulary);
    if (fields) return { ...fields, source, position: doc.lines.range(start, end) };
  }
  const bodyStart = s.headingEnd;
  const next = doc.root.children[s.bodyTo];
  const bodyEnd = next?.position?.start.offset ?? s.end;
  const body = doc.text.slice(bodyStart, bodyEnd);
  if (!/\b(?:status|state|progress)\b/i.test(body)) return undefined;
  const labelled = readLabelledStatus(body, vocabulary);
  if (!labelled) return undefined;
  const { start: at, end: to, ...fields } = labelled;
  return { ...fields, source: body.slice(at, to), position: doc.lines.range(bodyStart + at, bodyStart + to) };
}

/**
 * The cost-tracking block of the jobs section: from its `Cost tracking` label to the next blank
 * line after the lines under it; the whole section when it has no such label.
 */
function costBlock(text: string, section: { start: number; end: number }): { start: number; end: number } {
  const label = /^[ \t]*(?:\*\*|__)?Cost tracking(?:\*\*|__)?[ \t]*:?/im.exec(text.slice(section.start, section.end));
  if (!label) return section;
  const start = section.start + label.index;
  // Lines after the label: blank lines, then the block's lines, up to the next blank line.
  let at = start;
  let seenContent = false;
  let first = true;
  while (at < section.end) {
    const lineBreak = /\r\n|\r|\n/g;
    lineBreak.lastIndex = at;
    const nl = lineBreak.exec(text);
    const lineEnd = !nl || nl.index >= section.end ? section.end : nl.index + nl[0].length;
    const blank = text.slice(at, lineEnd).trim() === '';
    if (!first && blank && seenContent) break;
    if (!first && !blank) seenContent = true;
    first = false;
    at = lineEnd;
  }
  return { start, end: at };
}

/**
 * A labelled line such as `Last updated: 2026-01-05` or `**Active Step**: Step 2`. With `colon`,
 * the label must be followed by a colon, so a sentence that starts with the same words
 * (`- Burn rate was too high, …`) is not taken for the line.
 */
function labelledLine(text: string, from: number, to: number, label: string, lines: LineIndex, colon = false): Located<string> | undefined {
  const re = new RegExp(`^[ \\t]*(?:[-*+][ \\t]+)?(?:\\*\\*|__)?${label}(?:\\*\\*|__)?[ \\t]*:${colon ? '' : '?'}[ \\t]*(?:\\*\\*|__)?[ \\t]*(.*?)[ \\t]*\\\\?[ \\t]*$`, 'imd');
  const m = re.exec(text.slice(from, to));
  if (!m) return undefined;
  const [start, end] = m.indices![1]!;
  return { value: m[1]!, position: lines.range(from + start, from + end) };
}

/** The legend entries with emoji, as the tracker model lists them, with the status each maps to. */
function legendEntries(doc: ParsedDocument, items: LegendItem[]): LegendEntry[] {
  return items
    .filter((e) => e.emoji)
    .map((e) => {
      const reading = readStatus(`${e.emoji} ${e.word}`, doc.vocabularies.progress);
      return { emoji: e.emoji!, word: e.word, status: reading.ok ? reading.status : null, position: doc.lines.range(e.start, e.end) };
    });
}

function trackerModel(doc: ParsedDocument, kind: 'tracker' | 'template', legendItems: LegendItem[], sections: SectionModel[], checklists: ChecklistSection[], frontMatter?: FrontMatterModel): TrackerModel {
  const { text, lines } = doc;
  const focus = findSection(doc.sections, 'Current Focus');
  const jobsSection = findSection(doc.sections, 'Active Remote Jobs', 'Remote Jobs', 'Active Jobs');
  const title = doc.sections.find((s) => s.depth === 1 && /status tracker/i.test(s.title) && !/template/i.test(s.title)) ?? doc.sections.find((s) => s.depth === 1);
  const firstH2 = doc.sections.find((s) => s.depth >= 2)?.start ?? text.length;
  // The document's own Last updated line: in the front matter, or between the title and the first
  // section under it (a title's section runs to the end of the document: never search all of it,
  // where a Recent Work bullet `- Last updated the tokenizer…` starts with the same words).
  const titleBlockEnd = title ? (doc.sections.find((s) => s.depth >= 2 && s.start > title.start)?.start ?? title.end) : firstH2;
  const lastUpdated =
    frontMatterLastUpdated(frontMatter) ??
    labelledLine(text, title?.start ?? 0, titleBlockEnd, 'Last updated', lines) ??
    labelledLine(text, 0, firstH2, 'Last updated', lines);
  const model: TrackerModel = {
    kind,
    title: title ? { value: title.title, position: lines.range(title.start, title.headingEnd) } : undefined,
    lastUpdated,
    focus: focus
      ? {
          activeStep: labelledLine(text, focus.start, focus.end, 'Active Step', lines),
          nextStep: labelledLine(text, focus.start, focus.end, 'Next Step', lines),
        }
      : {},
    cost: {},
    legend: legendEntries(doc, legendItems),
    recentWork: [],
    blockers: [],
    priorities: [],
    tables: doc.tables.map((t) => t.model),
    checklists: checklists.filter((c) => c.tasks.length > 0),
    sections: trackerSections(doc, sections),
  };
  if (frontMatter) model.frontMatter = frontMatter;
  for (const table of doc.tables) {
    const t = table.model;
    if (table.spec?.kind === 'jobs') {
      if (/past|history|archiv|finished|destroyed/i.test(table.raw.heading ?? '')) model.pastJobs ??= t;
      else model.jobs ??= t;
    } else if (table.spec?.kind === 'milestones') model.milestones ??= t;
    else if (table.spec?.kind === 'steps') model.steps ??= t;
  }
  const costScope = costBlock(text, jobsSection ?? { start: 0, end: text.length });
  // The burn-rate line of the cost-tracking block (`- Current hourly burn rate: $0.52/hr`), never a
  // sentence that starts with the same words.
  const burn = ['Current hourly burn rate', 'Hourly burn rate', 'Burn rate'].reduce<Located<string> | undefined>((found, label) => found ?? labelledLine(text, costScope.start, costScope.end, label, lines, true), undefined);
  if (burn) model.cost.burnRate = { ...burn, amount: readDollars(burn.value) };
  model.cost.toDestroy = labelledLine(text, costScope.start, costScope.end, 'Instances to destroy(?: after completion)?', lines);

  const recent = findSection(doc.sections, 'Recent Work', 'Changelog', 'Log');
  if (recent) {
    for (const s of doc.sections) {
      if (s.start <= recent.start || s.start >= recent.end || s.depth !== recent.depth + 1) continue;
      const items = doc.root.children.slice(s.bodyFrom, s.bodyTo).filter((n): n is List => n.type === 'list').flatMap((l) => listItems(l, lines));
      const heading = doc.root.children[s.bodyFrom - 1] as Heading;
      const inner = heading.children.length ? heading.children : [];
      const start = inner[0]?.position?.start.offset ?? s.start;
      const end = inner[inner.length - 1]?.position?.end.offset ?? s.headingEnd;
      model.recentWork.push({ date: { value: s.title, position: lines.range(start, end) }, items, position: lines.range(s.start, s.end) });
    }
  }
  model.blockers = bulletTexts(doc, findSection(doc.sections, 'Active Blockers', 'Blockers'));
  model.priorities = bulletTexts(doc, findSection(doc.sections, 'Upcoming Priorities', 'Priorities', 'Next Up'));
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

/** The tracker's sections, with the role trackdocs reads each as; the others keep their markdown. */
function trackerSections(doc: ParsedDocument, sections: SectionModel[]): SectionModel[] {
  const recent = findSection(doc.sections, 'Recent Work', 'Changelog', 'Log');
  return doc.sections.map((s, i) => {
    const folded = s.folded;
    let role = knownRoles.find(([, titles]) => titles.some((t) => foldTitle(t) === folded))?.[0];
    if (!role && s.depth === 1) role = 'title';
    if (!role && recent && s.start > recent.start && s.start < recent.end) role = 'recent-work-entry';
    const model: SectionModel = { ...sections[i]!, role: role ?? 'raw' };
    if (!role) model.markdown = doc.text.slice(s.start, s.end);
    return model;
  });
}

function titleOf(doc: ParsedDocument): Located<string> | undefined {
  const h1 = doc.sections.find((s) => s.depth === 1);
  return h1 ? { value: h1.title, position: doc.lines.range(h1.start, h1.headingEnd) } : undefined;
}

function markdownModel(doc: ParsedDocument, sections: SectionModel[], checklists: ChecklistSection[], frontMatter?: FrontMatterModel): MarkdownModel {
  const model: MarkdownModel = {
    kind: 'markdown',
    title: titleOf(doc),
    sections,
    tables: doc.tables.map((t) => t.model),
    checklists: checklists.filter((c) => c.tasks.length > 0),
  };
  if (frontMatter) model.frontMatter = frontMatter;
  return model;
}

function checklistModel(doc: ParsedDocument, kind: 'todo' | 'roadmap', checklists: ChecklistSection[], frontMatter?: FrontMatterModel): ChecklistModel {
  const h1 = doc.sections.find((s) => s.depth === 1);
  // The title's own section holds no tasks of its own unless lists sit right under it.
  const sections = checklists.filter((c) => !(h1 && c.depth === 1 && c.title.value === h1.title && c.tasks.length === 0 && c.notes.length === 0));
  const done = sections.reduce((a, s) => a + s.done, 0);
  const total = sections.reduce((a, s) => a + s.total, 0);
  const model: ChecklistModel = { kind, title: titleOf(doc), sections, tables: doc.tables.map((t) => t.model), done, total };
  if (frontMatter) model.frontMatter = frontMatter;
  return model;
}
