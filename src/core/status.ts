/**
 * Status cells to enum values, read the way a person reads them. A vocabulary maps each status to
 * emoji and words. A cell such as `🟡 Running (v1)`, `**COMPLETE** (PR #113)`, `Done ✅`,
 * `:white_check_mark: Complete` or `✅ 100%` gives a status and a qualifier (the person's words
 * around it): the status comes from the first known emoji and the first known word or phrase
 * among the first words, in any case, bold or not; whatever is left is the qualifier. When the
 * emoji and the word disagree, the word wins (`🟡 Running` in a jobs table is running), unless
 * one of them says finished and the other does not (`✅ In Progress`): then nobody can tell, and
 * the reading is a conflict. Mojibake is repaired and GitHub shortcodes are
 * replaced by their emoji before reading.
 */
import { repairMojibake } from './mojibake.js';
import { shortcodeEmoji } from './shortcodes.js';

export interface StatusTerms {
  emoji: string[];
  words: string[];
}
/** status value → its emoji and words */
export type Vocabulary = Record<string, StatusTerms>;

/** Offsets in the cell's source, for a writer that replaces the status and keeps the rest. */
export interface Span {
  start: number;
  end: number;
}

/** The outcome of reading one status cell. */
export type StatusReading =
  | {
      ok: true;
      status: string;
      /** The person's words around the status: `v1` in `🟡 Running (v1)`. */
      qualifier?: string;
      /** The emoji and word as written (emoji without variation selectors). */
      emoji?: string;
      word?: string;
      /** Where the emoji and the word are in the source (absent when the source had to be repaired first). */
      emojiSpan?: Span;
      wordSpan?: Span;
    }
  | { ok: false; reason: 'empty' | 'unknown' | 'conflict'; emoji?: string; word?: string; candidates?: string[]; qualifier?: string };

const stripVs = (s: string) => s.replace(/[\uFE0E\uFE0F]/g, '');
/** Lower-case, with runs of spaces, hyphens and underscores folded to one space. */
export const normaliseWord = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ').trim();

export interface Token {
  kind: 'word' | 'symbol';
  text: string;
  start: number;
  end: number;
}

/*
 * Characters are classified by hand: a regular expression with `\p{L}` or
 * `\p{Extended_Pictographic}` costs milliseconds to compile, and every pre-commit run would pay it.
 */
/** A letter or digit: ASCII, cased letters of any script, and the uncased scripts (CJK, Hangul, Arabic, Indic…). */
export function isWordChar(cp: number): boolean {
  if (cp < 0x80) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  if (cp === 0xd7 || cp === 0xf7) return false;
  if (cp >= 0xc0 && cp <= 0x24f) return true;
  if (cp >= 0x370 && cp <= 0x1fff) return cp < 0x2000 && !(cp >= 0x37e && cp <= 0x387 && cp !== 0x386);
  if (cp >= 0x3040 && cp <= 0x9fff) return !(cp >= 0x3099 && cp <= 0x30a0 && cp !== 0x30a0) && cp !== 0x30fb;
  if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff5a)) return true;
  return cp >= 0x20000 && cp <= 0x3ffff;
}

/** A symbol that may be a status emoji: arrows, technical symbols, dingbats, emoji, check marks. */
export function isSymbolChar(cp: number): boolean {
  return (
    (cp >= 0x2190 && cp <= 0x2bff && !(cp >= 0x2460 && cp <= 0x24ff)) ||
    (cp >= 0x1f000 && cp <= 0x1faff) ||
    cp === 0xa9 || cp === 0xae || cp === 0x2122 || cp === 0x2139 || cp === 0x3030 || cp === 0x303d || cp === 0x3297 || cp === 0x3299
  );
}

/** Variation selectors, the zero-width joiner and keycap/skin-tone modifiers continue an emoji. */
const continuesEmoji = (cp: number) => cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d || cp === 0x20e3 || (cp >= 0x1f3fb && cp <= 0x1f3ff);

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    if (isWordChar(cp)) {
      let j = i + size;
      for (;;) {
        const c = text.codePointAt(j);
        if (c === undefined) break;
        if (isWordChar(c)) j += c > 0xffff ? 2 : 1;
        else if ((c === 39 || c === 0x2019) && j + 1 < text.length && isWordChar(text.codePointAt(j + 1)!) && !/\d/.test(text[j + 1]!)) j += 1;
        else break;
      }
      out.push({ kind: 'word', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (isSymbolChar(cp)) {
      let j = i + size;
      for (;;) {
        const c = text.codePointAt(j);
        if (c === undefined || !continuesEmoji(c)) break;
        j += c > 0xffff ? 2 : 1;
        if (c === 0x200d) {
          const next = text.codePointAt(j);
          if (next !== undefined && isSymbolChar(next)) j += next > 0xffff ? 2 : 1;
        }
      }
      out.push({ kind: 'symbol', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else i += size;
  }
  return out;
}

/** Replace `:shortcode:` by its emoji and repair mojibake; `changed` says whether offsets moved. */
function prepare(source: string): { text: string; changed: boolean } {
  let text = source;
  if (text.includes(':')) text = text.replace(/:([a-z0-9_+-]+):/g, (m, name: string) => shortcodeEmoji(name) ?? m);
  text = repairMojibake(text);
  return { text, changed: text !== source };
}

/** A vocabulary made ready for reading: phrases as word lists, emoji without selectors. */
interface Index {
  phrases: { words: string[]; status: string }[];
  /** Phrases by their first word, longest first. */
  byFirst: Map<string, { words: string[]; status: string }[]>;
  emoji: Map<string, string[]>;
  maxPhrase: number;
}
const indexes = new WeakMap<Vocabulary, Index>();

function indexOf(vocabulary: Vocabulary): Index {
  let index = indexes.get(vocabulary);
  if (index) return index;
  index = { phrases: [], byFirst: new Map(), emoji: new Map(), maxPhrase: 1 };
  for (const [status, terms] of Object.entries(vocabulary)) {
    for (const w of terms.words) {
      const words = tokenize(normaliseWord(w)).filter((t) => t.kind === 'word').map((t) => t.text.toLowerCase());
      if (words.length === 0) continue;
      index.phrases.push({ words, status });
      index.maxPhrase = Math.max(index.maxPhrase, words.length);
    }
    for (const e of terms.emoji) {
      const key = stripVs(e);
      const list = index.emoji.get(key) ?? [];
      if (!list.includes(status)) list.push(status);
      index.emoji.set(key, list);
    }
  }
  // Longer phrases first, so `not started` wins over a one-word match at the same place.
  index.phrases.sort((a, b) => b.words.length - a.words.length);
  for (const p of index.phrases) {
    const list = index.byFirst.get(p.words[0]!) ?? [];
    list.push(p);
    index.byFirst.set(p.words[0]!, list);
  }
  indexes.set(vocabulary, index);
  return index;
}

/** How many leading words may hold the status word: `Done`, `Not Started`, `v2 running`. */
const WORD_WINDOW = 3;
/** Between the words of one phrase: spaces, hyphens, underscores, emphasis. */
const phraseGap = /^[\s_*~-]*$/;

function findPhrase(text: string, words: Token[], index: Index): { statuses: string[]; from: number; to: number } | undefined {
  const lower = words.slice(0, WORD_WINDOW + index.maxPhrase).map((w) => w.text.toLowerCase());
  for (let i = 0; i < Math.min(words.length, WORD_WINDOW); i++) {
    for (const phrase of index.byFirst.get(lower[i]!) ?? []) {
      const n = phrase.words.length;
      if (i + n > words.length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = lower[i + k] === phrase.words[k] && phraseGap.test(text.slice(words[i + k - 1]!.end, words[i + k]!.start));
      if (!ok) continue;
      const same = index.byFirst.get(lower[i]!)!.filter((p) => p.words.length === n && p.words.every((w, k) => w === phrase.words[k]));
      return { statuses: [...new Set(same.map((p) => p.status))], from: i, to: i + n };
    }
  }
  return undefined;
}

/** Statuses that say the work is finished: `✅ In Progress` or `🟡 Complete` cannot be read. */
const success = new Set(['complete', 'done']);
const opposite = (a: string, b: string) => success.has(a) !== success.has(b);

/** The person's words left when the status emoji and word are taken out. */
function qualifierOf(text: string, cut: Span[]): string | undefined {
  let rest = '';
  let at = 0;
  for (const span of [...cut].sort((a, b) => a.start - b.start)) {
    rest += text.slice(at, span.start) + ' ';
    at = span.end;
  }
  rest += text.slice(at);
  rest = rest.replace(/\*\*|__|(?<!\w)[*_~`](?!\w)/g, ' ').replace(/\s+/g, ' ');
  rest = rest.replace(/^[\s\-–—:|/,;·.]+|[\s\-–—:|/,;·]+$/g, '');
  const wrapped = /^[([{]([^()[\]{}]*)[)\]}]$/.exec(rest);
  if (wrapped) rest = wrapped[1]!.trim();
  return rest ? rest : undefined;
}

/** Read a status cell against a vocabulary. */
export function readStatus(source: string, vocabulary: Vocabulary): StatusReading {
  const prepared = prepare(source);
  // HTML tags (`<span>`, `<br>`) are markup, not words: blank them, keeping every offset.
  const text = prepared.text.includes('<') ? prepared.text.replace(/<\/?[a-z][^<>]*>/gi, (m) => ' '.repeat(m.length)) : prepared.text;
  const changed = prepared.changed;
  const tokens = tokenize(text);
  const words = tokens.filter((t) => t.kind === 'word');
  const symbols = tokens.filter((t) => t.kind === 'symbol');
  if (tokens.length === 0) return text.trim() ? { ok: false, reason: 'unknown', word: normaliseWord(text) } : { ok: false, reason: 'empty' };
  const index = indexOf(vocabulary);
  const phrase = findPhrase(text, words, index);
  const symbol = symbols.find((s) => index.emoji.has(stripVs(s.text)));
  const byEmoji = symbol ? index.emoji.get(stripVs(symbol.text))! : [];
  const wordSpan = phrase ? { start: words[phrase.from]!.start, end: words[phrase.to - 1]!.end } : undefined;
  const emojiSpan = symbol ? { start: symbol.start, end: symbol.end } : undefined;
  const word = wordSpan ? normaliseWord(text.slice(wordSpan.start, wordSpan.end)) : undefined;
  const emoji = symbol ? stripVs(symbol.text) : undefined;
  const qualifier = qualifierOf(text, [wordSpan, emojiSpan].filter((s): s is Span => !!s));
  if (!phrase && !symbol) {
    return { ok: false, reason: 'unknown', emoji: symbols[0] ? stripVs(symbols[0].text) : undefined, word: words.length ? normaliseWord(words.map((w) => w.text).join(' ')) : undefined };
  }
  let status: string;
  if (phrase && symbol) {
    const both = phrase.statuses.filter((s) => byEmoji.includes(s));
    if (both.length) status = both[0]!;
    else if (byEmoji.some((e) => phrase.statuses.some((w) => opposite(e, w)))) {
      return { ok: false, reason: 'conflict', emoji, word, candidates: [...phrase.statuses, ...byEmoji], qualifier };
    } else status = phrase.statuses[0]!;
  } else status = phrase ? phrase.statuses[0]! : byEmoji[0]!;
  const reading: StatusReading = { ok: true, status };
  if (qualifier) reading.qualifier = qualifier;
  if (emoji) reading.emoji = emoji;
  if (word) reading.word = word;
  if (!changed) {
    if (emojiSpan) reading.emojiSpan = emojiSpan;
    if (wordSpan) reading.wordSpan = wordSpan;
  }
  return reading;
}

/** Kept for the legend reader: a cell's leading symbols and its words. */
export function splitStatus(cell: string): { emoji: string; word: string } {
  const text = prepare(cell).text.replace(/[*_`~]/g, '').trim();
  const m = /^([^\p{L}\p{N}]*)(.*)$/su.exec(text)!;
  return { emoji: stripVs(m[1]!).replace(/\s+/g, ''), word: normaliseWord(m[2]!) };
}

/**
 * How a table writes its statuses: the emoji and word it uses for each status it already holds,
 * whether it writes emoji at all, and the case of its words (`RUNNING`, `running`, `Running`).
 */
export interface StatusStyle {
  spelled: Record<string, { emoji?: string; word?: string }>;
  emoji: boolean;
  wordCase: 'upper' | 'lower' | 'as-is';
}

export function statusStyle(cells: string[], vocabulary: Vocabulary): StatusStyle {
  const style: StatusStyle = { spelled: {}, emoji: true, wordCase: 'as-is' };
  let withEmoji = 0;
  let withWord = 0;
  const cases = { upper: 0, lower: 0, other: 0 };
  const index = indexOf(vocabulary);
  const loose: Record<string, { emoji?: string; word?: string }> = {};
  for (const cell of cells) {
    const r = readStatus(cell, vocabulary);
    if (!r.ok) continue;
    const wordText = r.wordSpan ? cell.slice(r.wordSpan.start, r.wordSpan.end) : undefined;
    const emojiText = r.emojiSpan ? cell.slice(r.emojiSpan.start, r.emojiSpan.end) : undefined;
    // Only a cell read as written (no mojibake, no shortcode) shows how the table spells a status;
    // a spelling whose emoji means the status too (`🟢 Running`, not `🟡 Running`) is preferred.
    if (wordText || emojiText) {
      const agrees = !r.emoji || (index.emoji.get(r.emoji) ?? []).includes(r.status);
      (agrees ? style.spelled : loose)[r.status] ??= { emoji: emojiText, word: wordText };
    }
    if (r.emoji) withEmoji++;
    if (wordText) {
      withWord++;
      if (wordText !== wordText.toLowerCase() && wordText === wordText.toUpperCase()) cases.upper++;
      else if (wordText === wordText.toLowerCase()) cases.lower++;
      else cases.other++;
    }
  }
  for (const [status, spelled] of Object.entries(loose)) style.spelled[status] ??= spelled;
  const read = withEmoji + withWord > 0;
  if (read) style.emoji = withEmoji * 2 >= Math.max(withWord, 1);
  if (cases.upper > cases.lower + cases.other) style.wordCase = 'upper';
  else if (cases.lower > cases.upper + cases.other) style.wordCase = 'lower';
  return style;
}

const applyCase = (word: string, wordCase: StatusStyle['wordCase']) => (wordCase === 'upper' ? word.toUpperCase() : wordCase === 'lower' ? word.toLowerCase() : word);

/** How trackdocs writes a status: the table's own spelling when it has one, else the vocabulary's first emoji and word. */
export function formatStatus(status: string, vocabulary: Vocabulary, style?: StatusStyle): string {
  const { emoji, word } = statusParts(status, vocabulary, style);
  return [emoji, word].filter(Boolean).join(' ') || status;
}

function statusParts(status: string, vocabulary: Vocabulary, style?: StatusStyle): { emoji?: string; word?: string } {
  const terms = vocabulary[status];
  const seen = style?.spelled[status];
  if (seen) return seen;
  const emoji = style && !style.emoji ? undefined : terms?.emoji[0];
  const word = terms?.words[0] ? applyCase(terms.words[0], style?.wordCase ?? 'as-is') : terms ? undefined : status;
  return { emoji, word };
}

/**
 * A status cell rewritten to a new status, keeping the person's qualifier and markup:
 * `🟢 Running (v2)` → `⏹ Exited (v2)`, `**RUNNING**` → `**EXITED**`.
 */
export function rewriteStatus(source: string, status: string, vocabulary: Vocabulary, style?: StatusStyle): string {
  const reading = readStatus(source, vocabulary);
  const parts = statusParts(status, vocabulary, style);
  if (!reading.ok || (!reading.emojiSpan && !reading.wordSpan)) {
    const fresh = [parts.emoji, parts.word].filter(Boolean).join(' ') || status;
    const qualifier = reading.qualifier;
    return qualifier ? `${fresh} (${qualifier})` : fresh;
  }
  const fallbackWord = parts.word ?? vocabulary[status]?.words[0] ?? status;
  const edits: { span: Span; text: string }[] = [];
  if (reading.wordSpan) {
    const old = source.slice(reading.wordSpan.start, reading.wordSpan.end);
    const wordCase = old !== old.toLowerCase() && old === old.toUpperCase() ? 'upper' : old === old.toLowerCase() ? 'lower' : 'as-is';
    edits.push({ span: reading.wordSpan, text: style?.spelled[status]?.word ?? applyCase(fallbackWord, wordCase) });
  }
  if (reading.emojiSpan) {
    const emoji = parts.emoji ?? vocabulary[status]?.emoji[0];
    // A status without an emoji: the emoji's place takes the word, unless the word is already there.
    edits.push({ span: reading.emojiSpan, text: emoji ?? (reading.wordSpan ? '' : fallbackWord) });
  }
  let out = source;
  for (const e of edits.sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out.trim().replace(/ {2,}/g, ' ');
}

/** Every spelling a vocabulary accepts, for messages. */
export function describeVocabulary(vocabulary: Vocabulary): string {
  return Object.keys(vocabulary)
    .map((k) => formatStatus(k, vocabulary))
    .join(', ');
}

/** A copy of `base` with extra terms merged in (from the config). */
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

/**
 * A copy of `base` where a document's legend decides what its emoji mean: an emoji the legend
 * gives to one status is taken from every other status. `⏸️ Pending` makes ⏸ mean not-started.
 * A legend word the vocabulary does not know becomes a status of its own, named by the word.
 */
export function applyLegend(base: Vocabulary, entries: { emoji?: string; word?: string }[]): { vocabulary: Vocabulary; statuses: string[] } {
  if (entries.length === 0) return { vocabulary: base, statuses: [] };
  const out = extendVocabulary(base, {});
  const added: string[] = [];
  for (const e of entries) {
    const byWord = e.word ? readStatus(e.word, base) : undefined;
    let status: string | undefined = byWord?.ok ? byWord.status : undefined;
    if (!status && e.emoji && !e.word) {
      const byEmoji = readStatus(e.emoji, base);
      status = byEmoji.ok ? byEmoji.status : undefined;
    }
    if (!status) {
      if (!e.word) continue;
      status = normaliseWord(e.word).replace(/ /g, '-');
      if (!(status in out)) added.push(status);
    }
    const target = (out[status] ??= { emoji: [], words: [] });
    if (e.emoji) {
      const key = stripVs(e.emoji);
      for (const [other, terms] of Object.entries(out)) if (other !== status) terms.emoji = terms.emoji.filter((x) => stripVs(x) !== key);
      if (!target.emoji.some((x) => stripVs(x) === key)) target.emoji.unshift(e.emoji);
    }
    if (e.word && !target.words.some((w) => normaliseWord(w) === normaliseWord(e.word!))) target.words.push(e.word);
  }
  return { vocabulary: out, statuses: added };
}
