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

export function mergeUnits(O: Unit[], A: Unit[], B: Unit[]): Merged[] {
  const mapO = new Map(O.map((u) => [u.key, u]));
  const mapA = new Map(A.map((u) => [u.key, u]));
  const mapB = new Map(B.map((u) => [u.key, u]));
  const done = new Set<string>();
  const out: Merged[] = [];
  const emit = (key: string) => {
    if (done.has(key)) return;
    done.add(key);
    const m = mergeUnit(mapO.get(key), mapA.get(key), mapB.get(key));
    if (m.kind === 'conflict' || m.lines.length || m.blanks.length) out.push(m);
  };
  /** Base units a side deleted (and did not move): merged against the other side's version. */
  const deletedBy = (units: Unit[], side: Map<string, Unit>) => {
    for (const u of units) if (!side.has(u.key)) emit(u.key);
  };
  for (const r of diff3Regions(O.map((u) => u.key), A.map((u) => u.key), B.map((u) => u.key), false)) {
    const oR = O.slice(r.oStart, r.oEnd);
    const aR = A.slice(r.aStart, r.aEnd);
    const bR = B.slice(r.bStart, r.bEnd);
    if (r.kind === 'same' || r.kind === 'ours') {
      for (const u of aR) emit(u.key);
      if (r.kind === 'ours') deletedBy(oR, mapA);
    } else if (r.kind === 'theirs') {
      for (const u of bR) emit(u.key);
      deletedBy(oR, mapB);
    } else if (aR.length === bR.length && aR.every((u, i) => u.key === bR[i]!.key && sameText(u, bR[i]!))) {
      // Both sides made the same change.
      for (const u of aR) emit(u.key);
      deletedBy(oR, mapA);
    } else {
      const order = unite(oR, aR, bR, mapO, mapA, mapB);
      if (!order) {
        // These units' words are inside the markers, except a unit the other side has elsewhere
        // in another version: that one is still merged where it stands (a repeat, never a loss).
        const inA = new Set(aR.map((u) => u.key));
        const inB = new Set(bR.map((u) => u.key));
        for (const u of [...oR, ...aR, ...bR]) {
          const elsewhere = (mapA.has(u.key) && !inA.has(u.key)) || (mapB.has(u.key) && !inB.has(u.key));
          if (!elsewhere) done.add(u.key);
        }
        const [ours, base, theirs] = [aR.flatMap(all), oR.flatMap(all), bR.flatMap(all)];
        // The blank lines every side starts with stand before the markers (diff3 style trims nothing).
        let lead = 0;
        const blankAt = (ls: Line[], i: number) => i < ls.length && ls[i]!.content.trim() === '';
        while (blankAt(ours, lead) && blankAt(theirs, lead) && (base.length === 0 || blankAt(base, lead))) lead++;
        out.push({ kind: 'conflict', ours: ours.slice(lead), base: base.slice(base.length ? lead : 0), theirs: theirs.slice(lead), blanks: ours.slice(0, lead), what: 'lines' });
        continue;
      }
      for (const key of order) emit(key);
      deletedBy(oR, mapA);
      deletedBy(oR, mapB);
    }
  }
  return out;
}

const all = (u: Unit): Line[] => [...u.blanks, ...u.lines];
const sameText = (x: Unit, y: Unit) => x.lines.length === y.lines.length && x.lines.every((l, i) => l.content === y.lines[i]!.content);

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
    // As the window has them (ours, which holds the base's order unless ours reordered it).
    const dates = [...mapA.values()].filter((u) => u.container === container && u.date).map((u) => u.date!);
    return !(dates.length >= 2 && dates[0]! < dates[dates.length - 1]!);
  };
  const place = (u: Unit, j: number) => {
    if (u.date) {
      // Among dated units of its kind (date headings, dated bullets): newest first (or oldest first,
      // as the document has them). Before the first older one; else after the last newer one and
      // what ours added under it.
      const desc = descending(u.container);
      const unitAt = (k: string) => mapA.get(k) ?? mapB.get(k);
      const dated = (k: string) => {
        const v = unitAt(k);
        return v !== undefined && v.container === u.container && v.date !== undefined ? v : undefined;
      };
      const older = order.findIndex((k) => {
        const v = dated(k);
        return v !== undefined && (desc ? v.date! < u.date! : v.date! > u.date!);
      });
      if (older !== -1) return void order.splice(older, 0, u.key);
      let last = -1;
      order.forEach((k, i) => {
        if (dated(k) && dated(k)!.date !== u.date) last = i;
      });
      if (last !== -1) {
        let at = last + 1;
        while (at < order.length && !dated(order[at]!) && !mapO.has(order[at]!)) at++;
        return void order.splice(at, 0, u.key);
      }
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
