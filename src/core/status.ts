/**
 * Status cells to enum values. A vocabulary maps each status to emoji and words; a cell matches by
 * emoji + word, bare emoji, or bare word in any case, after mojibake is repaired.
 */
import { repairMojibake } from './mojibake.js';

export interface StatusTerms {
  emoji: string[];
  words: string[];
}
/** status value → its emoji and words */
export type Vocabulary = Record<string, StatusTerms>;

/** The outcome of reading one status cell. */
export type StatusReading =
  | { ok: true; status: string }
  | { ok: false; reason: 'empty' | 'unknown' | 'conflict'; emoji?: string; word?: string; candidates?: string[] };

const stripVs = (s: string) => s.replace(/[\uFE0E\uFE0F]/g, '');
/** Lower-case, with runs of spaces, hyphens and underscores folded to one space. */
export const normaliseWord = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ').trim();

/** Split a status cell into its leading symbols and its words. */
export function splitStatus(cell: string): { emoji: string; word: string } {
  const text = repairMojibake(cell).replace(/[*_`~]/g, '').trim();
  const m = /^([^\p{L}\p{N}]*)(.*)$/su.exec(text)!;
  return { emoji: stripVs(m[1]!).replace(/\s+/g, ''), word: normaliseWord(m[2]!) };
}

/** Read a status cell against a vocabulary. */
export function readStatus(cell: string, vocabulary: Vocabulary): StatusReading {
  const { emoji, word } = splitStatus(cell);
  if (!emoji && !word) return { ok: false, reason: 'empty' };
  const byWord: string[] = [];
  const byEmoji: string[] = [];
  for (const [status, terms] of Object.entries(vocabulary)) {
    if (word && terms.words.some((w) => normaliseWord(w) === word)) byWord.push(status);
    if (emoji && terms.emoji.some((e) => stripVs(e) === emoji)) byEmoji.push(status);
  }
  if (word && emoji) {
    const both = byWord.filter((s) => byEmoji.includes(s));
    if (both.length > 0) return { ok: true, status: both[0]! };
    if (byWord.length > 0 && byEmoji.length > 0) return { ok: false, reason: 'conflict', emoji, word, candidates: [...byWord, ...byEmoji] };
    // One half known: an unfamiliar emoji before a known word (or the reverse) is still readable.
    if (byWord.length > 0) return { ok: true, status: byWord[0]! };
    if (byEmoji.length > 0 && byWord.length === 0) return { ok: false, reason: 'unknown', emoji, word };
  }
  if (word && !emoji && byWord.length > 0) return { ok: true, status: byWord[0]! };
  if (emoji && !word && byEmoji.length > 0) return { ok: true, status: byEmoji[0]! };
  return { ok: false, reason: 'unknown', emoji: emoji || undefined, word: word || undefined };
}

/** How trackdocs writes a status: its first emoji and first word. */
export function formatStatus(status: string, vocabulary: Vocabulary): string {
  const terms = vocabulary[status];
  if (!terms) return status;
  return [terms.emoji[0], terms.words[0]].filter(Boolean).join(' ');
}

/** Every spelling a vocabulary accepts, for messages. */
export function describeVocabulary(vocabulary: Vocabulary): string {
  return Object.values(vocabulary)
    .map((t) => formatStatus(Object.keys(vocabulary).find((k) => vocabulary[k] === t)!, vocabulary))
    .join(', ');
}

/** A copy of `base` with extra terms merged in (from a legend or the config). */
export function extendVocabulary(base: Vocabulary, extra: Record<string, Partial<StatusTerms>>): Vocabulary {
  const out: Vocabulary = {};
  for (const [k, v] of Object.entries(base)) out[k] = { emoji: [...v.emoji], words: [...v.words] };
  for (const [k, v] of Object.entries(extra)) {
    const target = (out[k] ??= { emoji: [], words: [] });
    for (const e of v.emoji ?? []) if (!target.emoji.includes(e)) target.emoji.push(e);
    for (const w of v.words ?? []) if (!target.words.includes(w)) target.words.push(w);
  }
  return out;
}
