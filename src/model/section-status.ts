/**
 * Statuses people write outside tables: in headings (`### Phase 0: Foundation (2 weeks) ✅ 100%`,
 * `## Phase 1 (MVP) — ✅ COMPLETED`, `### 3.1 Stage Selection (3/7 complete - 43%)`, `### Completed`)
 * and in key/value lines (`- **Status**: 🟡 Running`, `**Progress:** 40%`).
 *
 * A heading is not a status cell: `## Active Remote Jobs` holds the word "active" and is no status.
 * So a word counts only when it is the whole heading, or ends it after a separator (`—`, `:`, `|`,
 * ` - `, an opening bracket) or a status emoji; an emoji counts anywhere.
 */
import { readStatus, normaliseWord, tokenize, type Vocabulary } from '../core/status.js';
import type { SectionStatus } from './types.js';

/** What a heading or a line says; the caller adds where it was read. */
export type StatusFields = Omit<SectionStatus, 'source' | 'position'>;

const percentRe = /(?<![\w.])(\d{1,3}(?:\.\d+)?)\s*%/g;
/** `3/7`, `3 / 7`, `3 of 7`, with an optional count word after it (`3/7 complete`, `6/6 done`). */
const fractionRe = /(?<![\w./-])(\d{1,4})\s*(?:\/|\bof\b)\s*(\d{1,4})(?![\w./-])(?:\s+(?:tasks?|items?|steps?)?\s*(?:complete|completed|done|finished)\b)?/gi;
const numbering = /^\s*(?:(?:phase|stage|step|part|milestone|m)\s*)?[\d.]+[:.)]?\s+|^\s*[A-Z][.)]\s+/i;

function counts(source: string): { progress?: number; done?: number; total?: number; rest: string } {
  const out: { progress?: number; done?: number; total?: number; rest: string } = { rest: source };
  const percents = [...source.matchAll(percentRe)];
  if (percents.length) out.progress = Number(percents[percents.length - 1]![1]);
  for (const m of source.matchAll(fractionRe)) {
    const done = Number(m[1]);
    const total = Number(m[2]);
    if (total > 0 && done <= total) {
      out.done = done;
      out.total = total;
    }
  }
  out.rest = source.replace(fractionRe, ' ').replace(percentRe, ' ');
  return out;
}

/** The words that end a heading after a separator (`—`, `–`, ` - `, `:`, `|`, a bracket) or an emoji: at most four. */
function tailWords(text: string): string | undefined {
  const tokens = tokenize(text);
  const last = tokens[tokens.length - 1];
  if (!last || last.kind !== 'word' || !/^[\s)\]!.,;]*$/.test(text.slice(last.end))) return undefined;
  let first = tokens.length - 1;
  for (;;) {
    if (first === 0) return undefined;
    const before = tokens[first - 1]!;
    const gap = text.slice(before.end, tokens[first]!.start);
    if (before.kind === 'symbol' || /—|–|\s-\s|:|\||\(|\[/.test(gap)) break;
    if (!/^[\s'’-]*$/.test(gap)) return undefined;
    first--;
  }
  if (tokens.length - first > 4) return undefined;
  return text.slice(tokens[first]!.start, last.end);
}

/** The status, percentage and counts a heading's source text carries, if any. */
export function readHeadingStatus(source: string, vocabulary: Vocabulary): StatusFields | undefined {
  const { progress, done, total, rest } = counts(source);
  const fields: StatusFields = {};
  if (progress !== undefined) fields.progress = progress;
  if (total !== undefined) {
    fields.done = done;
    fields.total = total;
  }
  const bare = rest.replace(numbering, '').replace(/[*_`~]/g, ' ');
  // The whole heading is a status: `### Completed`, `### 🚧 In Progress`, `### 已完成 ✅`.
  const whole = readStatus(bare, vocabulary);
  if (whole.ok && !whole.qualifier) {
    fields.status = whole.status;
    fields.group = true;
    return fields;
  }
  // An emoji anywhere, or a status word ending the heading after a separator.
  const emoji = whole.ok && whole.emoji ? whole : undefined;
  const tail = tailWords(bare);
  const byWord = tail ? readStatus(tail, vocabulary) : undefined;
  const word = byWord?.ok && !byWord.qualifier ? byWord : undefined;
  if (word) fields.status = word.status;
  else if (emoji) fields.status = emoji.status;
  if (fields.status === undefined && fields.progress === undefined && fields.total === undefined) return undefined;
  return fields;
}

/** `Status: 🟡 Running (v1)` or `Progress: 40%` as a line's label and value. */
const labelled = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(status|state|progress)(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*(.*?)[ \t]*$/gim;

/** Key/value lines in a section's own text. Offsets are relative to `text`. */
export function readLabelledStatus(text: string, vocabulary: Vocabulary): (StatusFields & { start: number; end: number }) | undefined {
  let out: (StatusFields & { start: number; end: number }) | undefined;
  for (const m of text.matchAll(labelled)) {
    const value = m[2]!;
    if (!value) continue;
    const start = m.index! + m[0].length - value.length;
    const fields = (out ??= { start, end: start + value.length });
    if (normaliseWord(m[1]!) === 'progress') {
      const c = counts(value);
      if (c.progress !== undefined) fields.progress = c.progress;
      if (c.total !== undefined) {
        fields.done = c.done;
        fields.total = c.total;
      }
    } else {
      const reading = readStatus(value, vocabulary);
      if (!reading.ok) continue;
      fields.status = reading.status;
      if (reading.qualifier) fields.qualifier = reading.qualifier;
      const c = counts(value);
      if (c.progress !== undefined) fields.progress ??= c.progress;
      fields.start = start;
      fields.end = start + value.length;
    }
  }
  return out;
}
