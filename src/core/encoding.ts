/**
 * Bytes to text and back. A document is read as UTF-8 (with or without a BOM), as UTF-16 with a
 * BOM (LE or BE), or as UTF-8 in which a character beyond U+FFFF was written as two UTF-16
 * surrogate halves encoded one by one (CESU-8: `ED A0 BD ED B8 80` for 😀). The last two are read,
 * and the way the file was stored (`Storage`) goes with the text, so that a rule can say the file
 * should be UTF-8 and a writer can put back what it does not fix. Anything else that is not UTF-8
 * is refused, naming the first byte the UTF-8 decoder stops at and its offset.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** How a document's text was stored in its file. */
export interface Storage {
  encoding: Encoding;
  /** Whether the file starts with a byte-order mark (always, for UTF-16). */
  bom: boolean;
  /**
   * Characters beyond U+FFFF that the file held as two 3-byte surrogate halves (CESU-8), each at
   * its offset in the text (the character is two UTF-16 code units long) and in the file.
   */
  surrogatePairs: readonly { offset: number; byteOffset: number }[];
}

/** Plain UTF-8 without a BOM: what trackdocs writes when it re-saves a file. */
export const UTF8: Storage = { encoding: 'utf-8', bom: false, surrogatePairs: [] };

/** The result of decoding a file's bytes: text and how it was stored, or why it is not text. */
export type Decoded = { ok: true; text: string; storage: Storage } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const hex = (b: number) => '0x' + b.toString(16).padStart(2, '0');

/**
 * Decode a file's bytes. UTF-8 and UTF-16 with a BOM are read (the BOM is stripped and noted in
 * `storage`), and so are surrogate halves in UTF-8; binary data, UTF-16 without a BOM, UTF-32 and
 * broken byte sequences are refused with a reason a person can act on.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 4 && ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff))) {
    return { ok: false, reason: 'the file is UTF-32 text (it starts with a UTF-32 byte-order mark); save it as UTF-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  const probe = bytes.subarray(0, 8000);
  const nul = probe.indexOf(0);
  if (nul !== -1) {
    // UTF-16 without a BOM has a NUL in every other byte of ASCII text.
    const looksUtf16 = probe.length >= 4 && (probe[1] === 0 || probe[0] === 0) && (probe[3] === 0 || probe[2] === 0);
    return {
      ok: false,
      reason: looksUtf16
        ? 'the file looks like UTF-16 text without a byte-order mark (NUL bytes between characters); save it as UTF-8'
        : `the file is binary, not text (NUL byte at offset ${nul})`,
    };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const decoded = decodeUtf8Repairing(body, bom ? 3 : 0);
  if (!decoded.ok) return decoded;
  return { ok: true, text: decoded.text, storage: { encoding: 'utf-8', bom, surrogatePairs: decoded.surrogatePairs } };
}

const utf16 = { 'utf-16le': new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false }), 'utf-16be': new TextDecoder('utf-16be', { fatal: true, ignoreBOM: false }) };

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  const name = encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  if (bytes.length % 2 !== 0) return { ok: false, reason: `the file starts with a ${name} byte-order mark but has an odd number of bytes (${bytes.length}); save it as UTF-8` };
  let text: string;
  try {
    // The decoder drops the BOM (ignoreBOM: false means "do not keep it").
    text = utf16[encoding].decode(bytes);
  } catch {
    const at = firstUnpairedSurrogate(bytes, encoding);
    return { ok: false, reason: `the file is not valid ${name} (an unpaired surrogate half at byte offset ${at}); save it as UTF-8` };
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) return { ok: false, reason: `the file is binary, not text (a NUL character in this ${name} file)` };
  return { ok: true, text, storage: { encoding, bom: true, surrogatePairs: [] } };
}

/** The byte offset of the first UTF-16 code unit that is half of a surrogate pair without its other half. */
function firstUnpairedSurrogate(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): number {
  const unit = (i: number) => (encoding === 'utf-16le' ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
  for (let i = 2; i < bytes.length; i += 2) {
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) return i;
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 2 < bytes.length ? unit(i + 2) : -1;
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
      i += 2;
    }
  }
  return bytes.length;
}

/** Where UTF-8 decoding fails: the byte it stops at, and the start of the sequence it was in. */
export interface Utf8Error {
  /** Offset of the first byte that cannot be read (`bytes.length` when the input ends mid-sequence). */
  offset: number;
  /** Offset of the sequence that byte breaks (equal to `offset` for a byte that cannot start one). */
  sequenceStart: number;
}

/**
 * The first place where a fatal UTF-8 decoder (the WHATWG one that TextDecoder implements) fails,
 * from `from` on, or undefined when the bytes are valid UTF-8. It rejects what that decoder
 * rejects: stray continuation bytes, overlong forms, surrogates (ED A0–BF), code points above
 * U+10FFFF and sequences cut short.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): Utf8Error | undefined {
  const n = bytes.length;
  for (let i = from; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else return { offset: i, sequenceStart: i };
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { offset: n, sequenceStart: i };
      const c = bytes[i + k]!;
      if (c < lower || c > upper) return { offset: i + k, sequenceStart: i };
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return undefined;
}

/** Whether `bytes[i..i+6)` is a high and a low surrogate half, each written as 3-byte UTF-8. */
function isSurrogatePair(bytes: Uint8Array, i: number): boolean {
  const cont = (b: number | undefined) => b !== undefined && b >= 0x80 && b <= 0xbf;
  return (
    bytes[i] === 0xed && bytes[i + 1]! >= 0xa0 && bytes[i + 1]! <= 0xaf && cont(bytes[i + 2]) &&
    bytes[i + 3] === 0xed && bytes[i + 4]! >= 0xb0 && bytes[i + 4]! <= 0xbf && cont(bytes[i + 5])
  );
}

/**
 * The message for bytes that are not UTF-8. It names the first bad byte — the first one a
 * replacing decoder would turn into U+FFFD, where the broken sequence starts — with its offset in
 * the file, and says what is wrong with the sequence.
 */
export function describeUtf8Error(bytes: Uint8Array, error: Utf8Error, base = 0): string {
  const { offset, sequenceStart: start } = error;
  const lead = bytes[start]!;
  const next = bytes[offset];
  let why: string;
  if (offset === start) why = lead >= 0x80 && lead <= 0xbf ? 'a continuation byte with no lead byte before it' : 'a byte that never appears in UTF-8';
  else if (next === undefined) why = 'the file ends inside the sequence it starts';
  else if (offset > start + 1 || next < 0x80 || next > 0xbf) why = `it starts a sequence that ${hex(next)} at offset ${base + offset} does not continue`;
  else if (lead === 0xed) why = `${hex(lead)} ${hex(next)} is half of a UTF-16 surrogate pair, without its other half`;
  else if (lead === 0xf4) why = `${hex(lead)} ${hex(next)} would be a code point above U+10FFFF`;
  else why = `${hex(lead)} ${hex(next)} would be an overlong encoding`;
  return `the file is not valid UTF-8 (invalid byte ${hex(lead)} at offset ${base + start}: ${why}); re-save it as UTF-8`;
}

/** Decode UTF-8, reading CESU-8 surrogate pairs as the characters they stand for. */
function decodeUtf8Repairing(bytes: Uint8Array, base: number): { ok: true; text: string; surrogatePairs: Storage['surrogatePairs'] } | { ok: false; reason: string } {
  try {
    // The native decoder first: valid files (nearly all) never pay for the byte-by-byte scan.
    return { ok: true, text: utf8.decode(bytes), surrogatePairs: [] };
  } catch {
    /* find out where, below */
  }
  let error = firstInvalidUtf8(bytes);
  let text = '';
  const surrogatePairs: { offset: number; byteOffset: number }[] = [];
  let done = 0;
  while (error) {
    const at = error.sequenceStart;
    if (!isSurrogatePair(bytes, at)) return { ok: false, reason: describeUtf8Error(bytes, error, base) };
    text += utf8.decode(bytes.subarray(done, at));
    const high = 0xd000 | ((bytes[at + 1]! & 0x3f) << 6) | (bytes[at + 2]! & 0x3f);
    const low = 0xd000 | ((bytes[at + 4]! & 0x3f) << 6) | (bytes[at + 5]! & 0x3f);
    surrogatePairs.push({ offset: text.length, byteOffset: base + at });
    text += String.fromCharCode(high, low);
    done = at + 6;
    error = firstInvalidUtf8(bytes, done);
  }
  return { ok: true, text: text + utf8.decode(bytes.subarray(done)), surrogatePairs };
}

/**
 * Encode a text as a file stored this way: UTF-8 (with the BOM when it had one) or UTF-16 with
 * its BOM. Characters that were surrogate halves are written as proper UTF-8: nobody wants them
 * back broken.
 */
export function encodeText(text: string, storage: Pick<Storage, 'encoding' | 'bom'>): Uint8Array {
  if (storage.encoding === 'utf-8') return Buffer.from((storage.bom ? '\ufeff' : '') + text, 'utf8');
  const out = Buffer.from('\ufeff' + text, 'utf16le');
  if (storage.encoding === 'utf-16be') out.swap16();
  return out;
}

/**
 * The text of a file's first bytes, for a quick look (which kind of document is it?) before the
 * whole file is decoded: UTF-16 by its BOM, else UTF-8; never throws (bad bytes become U+FFFD).
 */
export function headText(bytes: Uint8Array, length = 4000): string {
  const head = bytes.subarray(0, length);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head);
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head);
  return new TextDecoder('utf-8').decode(head);
}

/** Whether the file should be re-saved as UTF-8 for its text to be stored right. */
export const needsResave = (storage: Storage): boolean => storage.encoding !== 'utf-8' || storage.surrogatePairs.length > 0;
