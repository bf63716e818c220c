/**
 * Mojibake: UTF-8 bytes that a Windows tool decoded as Windows-1252 (or its Turkish sibling 1254)
 * and saved again as UTF-8, so `✅` became `âœ…` and `🟡` became `ğŸŸ¡`. Five byte values are
 * undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D); tools drop them, so some sequences
 * lost a byte (`âŒ` was `❌`, `â¸ï¸` was `⏸️`). Repair maps each character back to its byte and
 * decodes; where a byte is missing it tries each dropped value and keeps the one that yields an
 * emoji (or a variation selector), which is what these documents hold.
 */

/** Windows-1252 0x80–0x9F, plus the Windows-1254 letters that differ from Latin-1 in 0xD0–0xFE. */
const byteOf = new Map<string, number>();
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
for (let i = 0; i < 32; i++) byteOf.set(cp1252High[i]!, 0x80 + i);
for (let b = 0xa0; b <= 0xff; b++) byteOf.set(String.fromCharCode(b), b);
// Latin-1 decoders (Node's 'windows-1252' among them) leave 0x80–0x9F as C1 control characters.
for (let b = 0x80; b <= 0x9f; b++) byteOf.set(String.fromCharCode(b), b);
for (const [ch, b] of [['Ğ', 0xd0], ['İ', 0xdd], ['Ş', 0xde], ['ğ', 0xf0], ['ı', 0xfd], ['ş', 0xfe]] as const) byteOf.set(ch, b);

/** Bytes undefined in Windows-1252 or Windows-1254, which a lossy round trip drops. */
const droppedBytes = [0x81, 0x8d, 0x8e, 0x8f, 0x90, 0x9d, 0x9e];
const wanted = /^(?:\p{Extended_Pictographic}|\uFE0F|\u200D|[\u2000-\u2BFF\u00A0-\u02FF\u0370-\u03FF])$/u;
/** What a lost byte may restore: an emoji, a joiner or selector, or box drawing. */
const restorable = /^(?:\p{Extended_Pictographic}|\uFE0F|\u200D|[\u2500-\u257F])$/u;
/**
 * Where a lost byte leaves two emoji possible (`ğŸ“` is 📝 or 🏓), prefer the ones tracking
 * documents use. A choice outside this set is still reported, but not fixed automatically.
 */
const preferred = /^(?:[✅❌❎⏸⏹⏺▶⚠⚡⭐✓✔✗✘❗❓🎯📝📌📊📈📉📋📦📚🔄🔥💡💾💻🚀🚧🚨🛑🛠🟢🟡🔴🟠🟣🔵⚪⚫⏳⌛🏁🐛🧪🔒]|\uFE0F|\u200D|[\u2500-\u257F])$/u;

/** A run of mojibake found in a text, with its repaired form. */
export interface MojibakeRun {
  start: number;
  end: number;
  original: string;
  repaired: string;
  /** False when a lost byte left more than one plausible character: report, do not fix. */
  certain: boolean;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const isContinuation = (b: number | undefined): b is number => b !== undefined && b >= 0x80 && b <= 0xbf;

const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeSequence(bytes: number[]): string | undefined {
  try {
    const s = strictUtf8.decode(Uint8Array.from(bytes));
    return [...s].length === 1 ? s : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Try to read one UTF-8 sequence from mis-decoded characters starting at `i`. Returns the repaired
 * character and how many source characters it consumed, or undefined.
 */
function readSequence(text: string, i: number): { char: string; length: number; certain: boolean } | undefined {
  const lead = byteOf.get(text[i]!);
  if (lead === undefined) return undefined;
  const need = sequenceLength(lead);
  if (need === 0) return undefined;
  const conts: number[] = [];
  for (let k = 1; k < need; k++) {
    const b = byteOf.get(text[i + k] ?? '');
    if (!isContinuation(b)) break;
    conts.push(b);
  }
  if (conts.length === need - 1) {
    const char = decodeSequence([lead, ...conts]);
    // A complete sequence is trusted only when it decodes to a character of the kind these
    // documents hold; `Ã©` in real French text would otherwise be "repaired".
    if (char && (need > 2 || wanted.test(char) || /[\u00C0-\u024F\u0370-\u03FF]/u.test(char))) return { char, length: need, certain: true };
  }
  if (conts.length === need - 2) {
    // One byte was dropped: try every undefined byte at every position.
    const found = new Set<string>();
    for (let gap = 0; gap <= conts.length; gap++) {
      for (const dropped of droppedBytes) {
        const char = decodeSequence([lead, ...conts.slice(0, gap), dropped, ...conts.slice(gap)]);
        if (char && restorable.test(char)) found.add(char);
      }
    }
    const candidates = [...found];
    const liked = candidates.filter((c) => preferred.test(c));
    if (liked.length === 1) return { char: liked[0]!, length: need - 1, certain: true };
    if (candidates.length > 0) return { char: (liked[0] ?? candidates[0])!, length: need - 1, certain: candidates.length === 1 };
  }
  return undefined;
}

/** One repaired sequence: where its characters start, how many there are, and the bytes it had. */
interface Sequence {
  start: number;
  length: number;
  bytes: number;
  char: string;
}

const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
const caseOf = (c: string) => (c !== c.toLowerCase() ? 'upper' : c !== c.toUpperCase() || c === 'ß' ? 'lower' : 'none');
/** What a person types after a word: quotes, ellipsis, dashes, ™ ® ©, guillemets, a no-break space. */
const afterWord = /^[\p{P}\p{S}\u00A0]+$/u;
/** Punctuation that may join two words with no space (`IRMÃ—que`, `IRMÃ’S`). */
const joining = /[—’]$/;
/** A symbol, emoji or punctuation mark: what a mis-decoded sequence usually stood for. */
const symbol = /^(?:\p{Extended_Pictographic}|\p{P}|\p{S}|\p{No}|\u00A0|\uFE0F|\u200D)$/u;
/** Letters a lone two-byte sequence may stand for: Latin-1 and Latin Extended-A, basic Greek and Cyrillic. */
const commonLetter = /^[\u00C0-\u017F\u0386-\u03CE\u0400-\u045F]$/u;

/**
 * Whether a sequence reads as correct text as it stands: a word's last letter, in the case of the
 * letters before it, then punctuation a person types after a word (`“CAFÉ”`, `NESCAFÉ™`, `JOSÉ…`,
 * `«NAÏ»`, `l’été…»`). Upper-case accented letters are Windows-1252's UTF-8 lead bytes and
 * typographic punctuation its continuation bytes, so such text looks like a sequence.
 */
function readsAsText(text: string, seq: Sequence): boolean {
  const lead = text[seq.start]!;
  const prev = text[seq.start - 1];
  const after = text[seq.start + seq.length];
  const rest = text.slice(seq.start + 1, seq.start + seq.length);
  if (!isLetter(prev) || caseOf(prev!) !== caseOf(lead) || caseOf(lead) === 'none') return false;
  return afterWord.test(rest) && (!isLetter(after) || joining.test(rest));
}

/**
 * Whether a run is surely mojibake, before looking at its neighbours: more plausible repaired than
 * as it stands. A run of several sequences is (correct text does not chain them); so is one that
 * stood for an emoji or a symbol in three or four bytes (`âœ…`, `â€”`). A two-byte sequence, or
 * one that stood for a letter, must stand for a common character and not read as text already.
 */
function surelyMojibake(text: string, seqs: Sequence[]): boolean {
  if (seqs.length > 1) return true;
  const seq = seqs[0]!;
  if (seq.bytes > 2 && symbol.test(seq.char)) return true;
  if (seq.bytes === 2 && !symbol.test(seq.char) && !commonLetter.test(seq.char)) return false;
  return !readsAsText(text, seq);
}

/** The whitespace-delimited word around [start, end). */
function wordAround(text: string, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  while (a > 0 && !/\s/.test(text[a - 1]!)) a--;
  while (b < text.length && !/\s/.test(text[b]!)) b++;
  return [a, b];
}

/**
 * Find runs of mojibake in `text`. A run is a maximal stretch of repairable sequences; a run must
 * contain at least one character from Windows-1252's 0x80–0x9F block or be a multi-byte emoji, so
 * ordinary accented Latin text is left alone, and it must be more plausible repaired than as it
 * stands (see surelyMojibake), or sit in a word with a run that is.
 */
export function findMojibake(text: string): MojibakeRun[] {
  // Fast path: every mojibake lead byte maps to U+00C2–U+00F4 or ğ.
  if (!/[\u00C2-\u00F4ğ]/.test(text)) return [];
  const candidates: (MojibakeRun & { sure: boolean })[] = [];
  const leadPattern = /[\u00C2-\u00F4ğ]/g;
  let match: RegExpExecArray | null;
  while ((match = leadPattern.exec(text))) {
    const start = match.index;
    let i = start;
    let repaired = '';
    let certain = true;
    const seqs: Sequence[] = [];
    while (i < text.length) {
      const seq = readSequence(text, i);
      if (!seq) break;
      seqs.push({ start: i, length: seq.length, bytes: encoder.encode(seq.char).length, char: seq.char });
      repaired += seq.char;
      certain &&= seq.certain;
      i += seq.length;
    }
    if (i === start) continue;
    const original = text.slice(start, i);
    const suspicious =
      /[\u0080-\u009F€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/.test(original) || /\p{Extended_Pictographic}/u.test(repaired);
    // Two-byte sequences that decode to Greek or Latin letters (Î» is λ, Â² is ²) count only when
    // their second character is not a plain letter: "Ãœber" is German, not mojibake.
    const twoByteOk = /^(?:[ÂÃÎÏ][\u00A0-\u00BF])+$/.test(original);
    if (!suspicious && !twoByteOk) continue;
    candidates.push({ start, end: i, original, repaired, certain, sure: surelyMojibake(text, seqs) });
    leadPattern.lastIndex = i;
  }
  const runs: MojibakeRun[] = [];
  for (const c of candidates) {
    const [a, b] = wordAround(text, c.start, c.end);
    if (c.sure || candidates.some((o) => o.sure && o.start >= a && o.end <= b)) runs.push({ start: c.start, end: c.end, original: c.original, repaired: c.repaired, certain: c.certain });
  }
  return runs;
}

/** Repair every mojibake run in `text` whose original is certain. */
export function repairMojibake(text: string): string {
  let out = '';
  let last = 0;
  for (const run of findMojibake(text)) {
    if (!run.certain) continue;
    out += text.slice(last, run.start) + run.repaired;
    last = run.end;
  }
  return out + text.slice(last);
}
