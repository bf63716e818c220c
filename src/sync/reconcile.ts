/**
 * Reconcile (pure): a parsed status tracker and source snapshots in, planned edits and drift out.
 * Never reads files, runs processes or looks at the clock: `today` is passed in.
 */
import type { Edit, Severity } from '../core/diagnostic.js';
import type { ParsedDocument, TypedTable } from '../model/parse.js';
import type { TrackerModel } from '../model/types.js';
import { readStatus, formatStatus, rewriteStatus, type Vocabulary } from '../core/status.js';
import { readDollars } from '../model/parse.js';
import { findSection } from '../model/sections.js';
import { nestedJobTables } from './nested-tables.js';
import { isEmptyCell, sameText as same } from '../core/cells.js';
import { isPlaceholder } from '../core/placeholders.js';
import { TableEditor, escapeCell } from '../edit/table-editor.js';
import { insertSection, tableText } from '../edit/sections.js';
import { archiveRows } from '../edit/archive.js';
import { jobStatus, costText, burnRate, formatRate, billingJobStatuses, type Instance } from './instances.js';
import { jobConventions, defaultConventions, sameGpu, gpuCell, costCell, type JobConventions } from './conventions.js';
import { stateFields, fieldDriftIds, versionHeader, versionCells, type SystemState } from './state.js';

export interface Snapshots {
  /** vastai instances; undefined when the source is off. */
  instances?: Instance[];
  /** The state tracker's state; undefined when the source is off. */
  state?: SystemState;
}

export interface SyncOptions {
  today: string;
  /** What happens to a listed instance vastai no longer returns. */
  archive: 'move' | 'mark' | 'remove';
  /** With archive: remove, drop rows that hold people's words too. */
  force: boolean;
  jobVocabulary: Vocabulary;
}

export interface DriftReport {
  id: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  actual?: string;
  expected?: string;
}

export interface SyncPlan {
  edits: Edit[];
  drift: DriftReport[];
  summary: { added: number; updated: number; archived: number; refused: number };
  /** What a person running sync must be told (a refused removal). */
  notes: string[];
}


export function planSync(doc: ParsedDocument, snapshots: Snapshots, options: SyncOptions): SyncPlan {
  const plan: SyncPlan = { edits: [], drift: [], summary: { added: 0, updated: 0, archived: 0, refused: 0 }, notes: [] };
  const model = doc.model as TrackerModel;
  if (snapshots.instances) syncJobs(doc, model, snapshots.instances, options, plan);
  if (snapshots.state) syncState(doc, snapshots.state, plan);
  if (plan.edits.length && model.lastUpdated && model.lastUpdated.value !== options.today) {
    plan.edits.push({ start: model.lastUpdated.position.start.offset, end: model.lastUpdated.position.end.offset, text: options.today, expect: model.lastUpdated.value });
  }
  return plan;
}

function column(table: TypedTable, name: string): number {
  return table.columnOf.indexOf(name);
}

function syncJobs(doc: ParsedDocument, model: TrackerModel, instances: Instance[], options: SyncOptions, plan: SyncPlan): void {
  const active = doc.tables.find((t) => t.model === model.jobs);
  const past = doc.tables.find((t) => t.model === model.pastJobs);
  const byId = new Map(instances.map((i) => [String(i.id), i]));
  const vocab = options.jobVocabulary;
  const report = (r: DriftReport) => plan.drift.push(r);

  const nested = nestedJobTables(doc);
  if (!active) {
    if (instances.length === 0) return;
    if (nested.active) {
      // A jobs table inside a quote or a list item: left alone (never a second table beside it).
      const message = `The ${nested.active.heading ?? 'Active Remote Jobs'} table is inside a ${nested.active.container}; sync leaves it alone. Move it out of the ${nested.active.container} for sync to maintain it`;
      plan.drift.push({ id: 'sync/table-not-handled', severity: 'warning', message, start: nested.active.start, end: nested.active.end });
      plan.notes.push(message);
      return;
    }
    addJobsSection(doc, instances, vocab, plan);
    return;
  }
  // Rows can move only to a Past Remote Jobs table sync can edit, or to a new one when there is none.
  const pastNested = !past && nested.past;
  const editor = new TableEditor(doc.text, doc.lines, active.raw);
  const conv = jobConventions(active, vocab);
  const col = {
    instance: column(active, 'instance'),
    label: column(active, 'label'),
    gpu: column(active, 'gpu'),
    status: column(active, 'status'),
    cost: column(active, 'cost'),
  };
  const listed = new Set<string>();
  const tableCost = new Map<string, number>();
  const archived: { row: number; cells: string[] }[] = [];
  active.raw.rows.forEach((row, i) => {
    const idCell = row.cells[col.instance];
    const id = idCell?.text.trim();
    if (!id || !/^\d+$/.test(id) || listed.has(id)) return;
    listed.add(id);
    const dollars = col.cost >= 0 ? readDollars(row.cells[col.cost]?.text ?? '') : null;
    if (dollars !== null) tableCost.set(id, dollars);
    const instance = byId.get(id);
    const statusCell = col.status >= 0 ? row.cells[col.status] : undefined;
    const reading = statusCell ? readStatus(statusCell.source, vocab) : undefined;
    if (!instance) {
      if (reading?.ok && (reading.status === 'destroyed' || reading.status === 'done' || reading.status === 'failed')) return; // already archived in place
      report({ id: 'drift/stale-instance', severity: 'error', message: `Instance ${id} is listed but vastai no longer returns it (destroyed?); sync ${options.archive === 'move' ? 'moves the row to Past Remote Jobs' : options.archive === 'mark' ? 'marks it destroyed' : 'removes the row'}`, start: row.start, end: row.end, actual: statusCell?.source ?? id, expected: 'not listed' });
      if (options.archive === 'mark' && col.status >= 0) {
        editor.setCell(i, col.status, rewriteStatus(statusCell?.source ?? '', 'destroyed', vocab, conv.status));
        plan.summary.archived++;
      } else if (options.archive === 'move' && pastNested) {
        plan.summary.refused++;
        plan.notes.push(`kept the row of instance ${id} (line ${row.line}): vastai no longer returns it, but the Past Remote Jobs table is inside a ${pastNested.container}, which sync leaves alone. Move that table out of the ${pastNested.container}, or use --archive mark`);
      } else if (options.archive === 'remove' && !options.force && hasPeoplesWords(active, i)) {
        plan.summary.refused++;
        plan.notes.push(`kept the row of instance ${id} (line ${row.line}): vastai no longer returns it, but the row holds people's notes. Use --force to remove it anyway, or --archive move`);
      } else {
        editor.deleteRow(i);
        plan.summary.archived++;
        // The instance is gone: its row goes to history as destroyed, not with its last live status.
        if (options.archive === 'move') archived.push({ row: i, cells: row.cells.map((c, k) => (k === col.status ? formatStatus('destroyed', vocab) : c.source)) });
      }
      return;
    }
    let changed = false;
    const expectStatus = jobStatus(instance);
    if (col.status >= 0 && !(reading?.ok && reading.status === expectStatus)) {
      // The person's qualifier and markup stay: `🟢 Running (v2)` → `⏹ Exited (v2)`.
      const expected = rewriteStatus(statusCell?.source ?? '', expectStatus, vocab, conv.status);
      report({ id: 'drift/status-mismatch', severity: 'error', message: `Instance ${id} is ${statusCell?.source || 'without a status'} here but ${expectStatus} on vastai`, start: statusCell?.start ?? row.start, end: statusCell?.end ?? row.end, actual: statusCell?.source ?? '', expected });
      editor.setCell(i, col.status, expected);
      changed = true;
    }
    const cost = costCell(instance.dph_total, conv);
    const costAt = col.cost >= 0 ? row.cells[col.cost] : undefined;
    if (cost && col.cost >= 0 && readDollars(costAt?.text ?? '') !== Math.round(instance.dph_total! * 100) / 100) {
      report({ id: 'drift/cost-mismatch', severity: 'error', message: `Instance ${id} costs ${costText(instance)} on vastai, the table says ${costAt?.source || 'nothing'}`, start: costAt?.start ?? row.start, end: costAt?.end ?? row.end, actual: costAt?.source ?? '', expected: cost });
      editor.setCell(i, col.cost, cost);
      changed = true;
    }
    const gpu = gpuCell(instance, conv);
    const gpuAt = col.gpu >= 0 ? row.cells[col.gpu] : undefined;
    if (gpu && col.gpu >= 0 && !sameGpu(gpuAt?.text ?? '', instance)) {
      report({ id: 'drift/cell-mismatch', severity: 'error', message: `Instance ${id} has ${gpu} on vastai, the table says ${gpuAt?.source || 'nothing'}`, start: gpuAt?.start ?? row.start, end: gpuAt?.end ?? row.end, actual: gpuAt?.source ?? '', expected: gpu });
      editor.setCell(i, col.gpu, escapeCell(gpu));
      changed = true;
    }
    const labelCell = col.label >= 0 ? row.cells[col.label] : undefined;
    if (instance.label && col.label >= 0 && (!labelCell || isEmptyCell(labelCell.text))) {
      report({ id: 'drift/cell-mismatch', severity: 'error', message: `Instance ${id} is labelled ${instance.label} on vastai; the table has no label`, start: labelCell?.start ?? row.start, end: labelCell?.end ?? row.end, actual: labelCell?.source ?? '', expected: instance.label });
      editor.setCell(i, col.label, escapeCell(instance.label));
      changed = true;
    }
    if (changed) plan.summary.updated++;
  });

  for (const instance of instances) {
    if (listed.has(String(instance.id))) continue;
    const cells = newJobCells(active.columnOf, editor.columnCount, instance, vocab, conv);
    report({ id: 'drift/unlisted-instance', severity: 'error', message: `Instance ${instance.id}${instance.label ? ` (${instance.label})` : ''} is ${jobStatus(instance)} on vastai${costText(instance) ? ` at ${costText(instance)}${billingJobStatuses.has(jobStatus(instance)) ? ` (${perDay(instance.dph_total!)})` : ''}` : ''} but no document lists it`, start: active.raw.header.start, end: active.raw.header.end, expected: cells.join(' | ') });
    editor.appendRow(cells);
    plan.summary.added++;
  }
  plan.edits.push(...editor.edits());
  if (archived.length) moveToPast(doc, active, past, archived, options.today, plan);
  destroyPending(model, byId, report);

  const burn = model.cost.burnRate;
  if (burn) {
    // An instance whose price vastai does not report counts at the price the table gives it.
    const rate = burnRate(instances.map((i) => (typeof i.dph_total === 'number' ? i : { ...i, dph_total: tableCost.get(String(i.id)) ?? null })));
    const expected = formatRate(rate);
    if (burn.amount === null || Math.abs(burn.amount - rate) >= 0.005) {
      const m = /\$\s*(?:\d+(?:\.\d+)?|X+\.X+)(?:\s*\/\s*(?:hr|h|hour))?/.exec(burn.value);
      const start = burn.position.start.offset + (m?.index ?? 0);
      const end = m ? start + m[0].length : burn.position.end.offset;
      report({ id: 'drift/burn-rate', severity: 'error', message: `The hourly burn rate is ${expected} on vastai, the tracker says ${m?.[0] ?? (burn.value || 'nothing')}`, start, end, actual: m?.[0] ?? burn.value, expected });
      plan.edits.push({ start, end, text: expected, expect: m?.[0] ?? burn.value });
    }
  }
}

/** Dollars per day at the hourly price the table shows (to the cent), so the two agree. */
const perDay = (dollarsPerHour: number) => `$${((Math.round(dollarsPerHour * 100) * 24) / 100).toFixed(2)}/day`;

/**
 * Instances named on the "Instances to destroy after completion" line that vastai still bills: each
 * is a warning with the command that stops the bill and what it costs meanwhile.
 */
function destroyPending(model: TrackerModel, byId: Map<string, Instance>, report: (r: DriftReport) => void): void {
  const line = model.cost.toDestroy;
  if (!line) return;
  for (const m of line.value.matchAll(/\b\d{5,}\b/g)) {
    const instance = byId.get(m[0]);
    if (!instance || !billingJobStatuses.has(jobStatus(instance))) continue;
    const start = line.position.start.offset + m.index!;
    const cost = typeof instance.dph_total === 'number' ? ` at ${formatRate(instance.dph_total)} (${perDay(instance.dph_total)})` : '';
    report({
      id: 'drift/destroy-pending',
      severity: 'warning',
      message: `Instance ${m[0]}${instance.label ? ` (${instance.label})` : ''} is to be destroyed after completion but is still ${jobStatus(instance)} on vastai${cost}; once its job is done, run \`vastai destroy instance ${m[0]}\``,
      start,
      end: start + m[0].length,
      actual: jobStatus(instance),
      expected: 'destroyed',
    });
  }
}

/** Whether a row has words in a column the sources do not own. */
function hasPeoplesWords(table: TypedTable, row: number): boolean {
  const cells = table.raw.rows[row]!.cells;
  return cells.some((cell, i) => {
    const name = table.columnOf[i];
    const owner = name ? table.spec?.columns.find((c) => c.name === name)?.owner : 'people';
    return owner !== 'source' && !isEmptyCell(cell.text) && !isPlaceholder(cell.source);
  });
}

/** A new row's cells, written the way the table already writes them. */
function newJobCells(columnOf: (string | null)[], count: number, instance: Instance, vocab: Vocabulary, conv: JobConventions): string[] {
  const gpu = gpuCell(instance, conv);
  const values: Record<string, string | undefined> = {
    instance: String(instance.id),
    label: instance.label ? escapeCell(instance.label) : undefined,
    gpu: gpu ? escapeCell(gpu) : undefined,
    status: formatStatus(jobStatus(instance), vocab, conv.status),
    cost: costCell(instance.dph_total, conv),
  };
  return Array.from({ length: count }, (_, i) => values[columnOf[i] ?? ''] ?? '—');
}

const jobHeader = ['Instance ID', 'Label', 'GPU', 'Status', 'W&B Run', 'Est. Cost', 'Notes'];
const jobColumns = ['instance', 'label', 'gpu', 'status', 'run', 'cost', 'notes'];

function addJobsSection(doc: ParsedDocument, instances: Instance[], vocab: Vocabulary, plan: SyncPlan): void {
  const focus = findSection(doc.sections, 'Current Focus');
  const at = focus?.end ?? doc.text.length;
  const rows = instances.map((i) => newJobCells(jobColumns, jobHeader.length, i, vocab, defaultConventions(vocab)));
  for (const i of instances) {
    plan.drift.push({ id: 'drift/unlisted-instance', severity: 'error', message: `Instance ${i.id}${i.label ? ` (${i.label})` : ''} is ${jobStatus(i)} on vastai but no document lists it (the tracker has no Active Remote Jobs table)`, start: 0, end: 0 });
  }
  plan.summary.added += instances.length;
  plan.edits.push(insertSection(doc.text, doc.lines, at, `## Active Remote Jobs\n\n${tableText(jobHeader, rows)}\n\n**Cost tracking**:\n- Current hourly burn rate: ${formatRate(burnRate(instances))}`));
}

function moveToPast(doc: ParsedDocument, active: TypedTable, past: TypedTable | undefined, archived: { row: number; cells: string[] }[], today: string, plan: SyncPlan): void {
  plan.edits.push(...archiveRows(doc, active, past, archived.map((a) => a.cells), today));
}

function syncState(doc: ParsedDocument, state: SystemState, plan: SyncPlan): void {
  const section = findSection(doc.sections, 'Local Training');
  const fields = stateFields(state);
  const warnAt = section ? { start: section.start, end: section.headingEnd } : { start: 0, end: 0 };
  for (const [category, message] of state.warnings) {
    plan.drift.push({ id: 'state/warning', severity: 'warning', message: `State tracker warning [${category}]: ${message}`, ...warnAt });
  }
  if (!section) {
    plan.drift.push({ id: 'state/section-missing', severity: 'error', message: 'The tracker has no Local Training section; sync adds it from the state tracker', start: 0, end: 0 });
    const fieldRows = fields.map(([k, v]) => [k, escapeCell(v)]);
    const versionRows = state.versions.map((v) => versionCells(v).map(escapeCell));
    const md = `## Local Training\n\n_Synced from the state tracker by \`trackdocs sync\`; add notes in extra columns._\n\n${tableText(['Field', 'Value'], fieldRows, '\n')}\n\n### Model Versions\n\n${tableText(versionHeader, versionRows, '\n')}`;
    const notes = findSection(doc.sections, 'Notes for Agents');
    plan.edits.push(insertSection(doc.text, doc.lines, notes?.start ?? doc.text.length, md));
    plan.summary.added += state.versions.length;
    return;
  }
  const tables = doc.tables.filter((t) => t.raw.start > section.start && t.raw.start < section.end);
  const fieldTable = tables.find((t) => t.raw.header.cells.some((c) => same(c.text, 'Field')));
  if (fieldTable) {
    const editor = new TableEditor(doc.text, doc.lines, fieldTable.raw);
    const valueAt = fieldTable.raw.header.cells.findIndex((c) => same(c.text, 'Value'));
    const seen = new Set<string>();
    fieldTable.raw.rows.forEach((row, i) => {
      const name = row.cells[0]?.text ?? '';
      const field = fields.find(([k]) => same(k, name));
      if (!field || valueAt < 0) return;
      seen.add(field[0]);
      const cell = row.cells[valueAt];
      if (cell && same(cell.text, field[1])) return;
      plan.drift.push({ id: fieldDriftIds[field[0]] ?? 'state/field-mismatch', severity: 'error', message: `${field[0]} is ${field[1]} in the state tracker, the tracker says ${cell?.source || 'nothing'}`, start: cell?.start ?? row.start, end: cell?.end ?? row.end, actual: cell?.source ?? '', expected: field[1] });
      editor.setCell(i, valueAt, escapeCell(field[1]));
      plan.summary.updated++;
    });
    for (const [k, v] of fields) {
      if (seen.has(k) || valueAt < 0) continue;
      const cells = fieldTable.raw.header.cells.map((_, c) => (c === 0 ? k : c === valueAt ? escapeCell(v) : ''));
      plan.drift.push({ id: fieldDriftIds[k] ?? 'state/field-mismatch', severity: 'error', message: `${k} (${v} in the state tracker) is missing from Local Training`, start: fieldTable.raw.header.start, end: fieldTable.raw.header.end, expected: v });
      editor.appendRow(cells);
    }
    plan.edits.push(...editor.edits());
  }
  const versionTable = tables.find((t) => t.raw.header.cells.some((c) => same(c.text, 'Version')));
  if (versionTable) {
    const editor = new TableEditor(doc.text, doc.lines, versionTable.raw);
    const idAt = versionTable.raw.header.cells.findIndex((c) => same(c.text, 'Version'));
    const listed = new Set<string>();
    versionTable.raw.rows.forEach((row) => {
      const id = row.cells[idAt]?.text.trim() ?? '';
      if (!id || isPlaceholder(id)) return;
      listed.add(id);
      if (!state.versions.some((v) => v.id === id)) {
        plan.drift.push({ id: 'state/version-missing', severity: 'error', message: `Model version ${id} is listed here but the state tracker no longer has it; the row is kept — check before anyone relies on it`, start: row.start, end: row.end, actual: id });
      }
    });
    for (const v of state.versions) {
      if (listed.has(v.id)) continue;
      const values = versionCells(v);
      const cells = versionTable.raw.header.cells.map((h) => {
        const k = versionHeader.findIndex((name) => same(name, h.text));
        return k >= 0 ? escapeCell(values[k]!) : '';
      });
      plan.drift.push({ id: 'state/version-unlisted', severity: 'error', message: `Model version ${v.id} (${v.description}) is in the state tracker but not listed`, start: versionTable.raw.header.start, end: versionTable.raw.header.end, expected: v.id });
      editor.appendRow(cells);
      plan.summary.added++;
    }
    plan.edits.push(...editor.edits());
  }
}
