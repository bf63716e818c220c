/**
 * The three-way merge of one window's units (see units.ts). The units are aligned by key, diff3
 * style; every unit is then merged by key with its versions wherever they stand (unit-content.ts).
 * Where both sides changed the same stretch, the stretch is united by key: rows and tasks added on
 * both sides are all kept (ours first, among their own kind), dated ones newest first; what one
 * side deleted and the other changed, or prose both sides rewrote, is a conflict of that stretch.
 */
import type { Line } from './lines.js';
import type { Unit } from './units.js';
import { diff3Regions } from './diff3.js';
import { mergeUnit, type Merged } from './unit-content.js';

/** A merged unit, with what the spacing fix-up below needs to know of it. */
export type Piece = Merged & { container?: string; lastOfRun?: boolean; table?: boolean };

export function mergeUnits(O: Unit[], A: Unit[], B: Unit[]): Piece[] {
  const mapO = new Map(O.map((u) => [u.key, u]));
  const mapA = new Map(A.map((u) => [u.key, u]));
  const mapB = new Map(B.map((u) => [u.key, u]));
  const done = new Set<string>();
  const out: Piece[] = [];
  const emit = (key: string) => {
    if (done.has(key)) return;
    done.add(key);
    const m = mergeUnit(mapO.get(key), mapA.get(key), mapB.get(key));
    const from = mapA.get(key) ?? mapB.get(key) ?? mapO.get(key)!;
    const table = from.kind === 'row' || from.kind === 'table-head';
    if (m.kind === 'conflict' || m.lines.length) out.push({ ...m, container: from.container, lastOfRun: from.lastOfRun, table });
  };
  /** Base units a side deleted (and did not move): merged against the other side's version. */
  const deletedBy = (units: Unit[], side: Map<string, Unit>) => {
    for (const u of units) if (!side.has(u.key)) emit(u.key);
  };
  for (const r of diff3Regions(O.map((u) => u.key), A.map((u) => u.key), B.map((u) => u.key))) {
    const oR = O.slice(r.oStart, r.oEnd);
    const aR = A.slice(r.aStart, r.aEnd);
    const bR = B.slice(r.bStart, r.bEnd);
    if (r.kind === 'same' || r.kind === 'ours') {
      for (const u of aR) emit(u.key);
      if (r.kind === 'ours') deletedBy(oR, mapA);
    } else if (r.kind === 'theirs') {
      for (const u of bR) emit(u.key);
      deletedBy(oR, mapB);
    } else {
      const order = unite(oR, aR, bR, mapO, mapA, mapB);
      if (!order) {
        // Mark these units done: their words are inside the markers.
        for (const u of [...aR, ...bR, ...oR]) done.add(u.key);
        out.push({ kind: 'conflict', ours: aR.flatMap(all), base: oR.flatMap(all), theirs: bR.flatMap(all), blanks: [], what: 'lines' });
        continue;
      }
      for (const key of order) emit(key);
      deletedBy(oR, mapA);
      deletedBy(oR, mapB);
    }
  }
  return respace(out);
}

/**
 * The blank lines that ended a run (after a table's last row, a list's last item) go after the
 * run's new last unit: a row the other side added after it must not be parted from the table.
 * Within a table no blank line may stand between rows; a list keeps its blank lines between
 * items (a loose list) unless they were the list's end.
 */
function respace(pieces: Piece[]): Piece[] {
  for (let i = 0; i + 1 < pieces.length; i++) {
    const p = pieces[i]!;
    const next = pieces[i + 1]!;
    if (!p.container || next.container !== p.container || !p.blanks.length) continue;
    if (!p.table && !p.lastOfRun) continue;
    if (!next.blanks.length) pieces[i + 1] = { ...next, blanks: p.blanks, lastOfRun: true } as Piece;
    pieces[i] = { ...p, blanks: [], lastOfRun: false } as Piece;
  }
  return pieces;
}

const all = (u: Unit): Line[] => [...u.lines, ...u.blanks];

/**
 * The order of a stretch both sides changed: ours' units, with theirs' additions placed after the
 * unit they follow in theirs (past ours' additions of the same kind), or by date among dated
 * units. Undefined when the stretch cannot be united: prose rewritten on both sides, or the same
 * task or line replaced by different text on each side.
 */
function unite(oR: Unit[], aR: Unit[], bR: Unit[], mapO: Map<string, Unit>, mapA: Map<string, Unit>, mapB: Map<string, Unit>): string[] | undefined {
  const proseChanged = (side: Unit[], map: Map<string, Unit>) =>
    side.some((u) => u.kind === 'prose' && !mapO.has(u.key)) || oR.some((u) => u.kind === 'prose' && !map.has(u.key));
  if (proseChanged(aR, mapA) && proseChanged(bR, mapB)) return undefined;
  const removedBoth = new Set(oR.filter((u) => u.textKeyed && !mapA.has(u.key) && !mapB.has(u.key)).map((u) => u.container));
  const addedIn = (side: Unit[]) => new Set(side.filter((u) => u.textKeyed && !mapO.has(u.key)).map((u) => u.container));
  const addedA = addedIn(aR);
  const addedB = addedIn(bR);
  for (const c of removedBoth) if (addedA.has(c) && addedB.has(c)) return undefined;

  const order = aR.map((u) => u.key);
  const descending = (container: string) => {
    const dates = [...aR, ...oR].filter((u) => u.container === container && u.date).map((u) => u.date!);
    return !(dates.length >= 2 && dates[0]! < dates[dates.length - 1]!);
  };
  const place = (u: Unit, j: number) => {
    if (u.date) {
      const desc = descending(u.container);
      const at = order.findIndex((k) => {
        const v = mapA.get(k) ?? mapB.get(k);
        return v !== undefined && v.container === u.container && v.date !== undefined && (desc ? v.date < u.date! : v.date > u.date!);
      });
      if (at !== -1) return void order.splice(at, 0, u.key);
    }
    // After the unit it follows in theirs, past ours' additions of the same kind.
    let at = 0;
    for (let p = j - 1; p >= 0; p--) {
      const i = order.indexOf(bR[p]!.key);
      if (i !== -1) {
        at = i + 1;
        break;
      }
    }
    while (at < order.length) {
      const next = mapA.get(order[at]!) ?? mapB.get(order[at]!)!;
      if (mapO.has(next.key) || next.container !== u.container) break;
      at++;
    }
    order.splice(at, 0, u.key);
  };
  bR.forEach((u, j) => {
    if (mapA.has(u.key)) return; // ours has it: merged where ours put it
    if (mapO.has(u.key) && !oR.some((o) => o.key === u.key)) return; // moved here by theirs, deleted by ours elsewhere
    place(u, j);
  });
  return order;
}
