/**
 * YAML front matter: a `---` line at the very top, YAML, then a `---` (or `...`) line. It is
 * metadata, not markdown: the parser sees it blanked out (same length, so every offset stays), and
 * the model gets its data and the position of each top-level scalar value. The `yaml` library is
 * loaded only for documents that have front matter.
 */
import { requireSync } from '../core/lazy.js';
import type { LineIndex } from '../core/text.js';
import type { FrontMatterModel, Located } from './types.js';

const open = /^---[ \t]*(?:\r\n|\r|\n)/;
const close = /(?:\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)/g;

/** Where the front matter is: the whole block, and its YAML content. */
export function findFrontMatter(text: string): { start: number; end: number; contentStart: number; contentEnd: number } | undefined {
  const m = open.exec(text);
  if (!m) return undefined;
  close.lastIndex = m[0].length - 1;
  const c = close.exec(text);
  if (!c) return undefined;
  // A document may open with a thematic break (`---`) and have another below: that is front
  // matter only when what lies between starts like YAML (`key:`, a comment, or nothing).
  const content = text.slice(m[0].length, c.index);
  const first = /^[ \t]*\S.*$/m.exec(content)?.[0].trim();
  if (first !== undefined && !/^(?:#(?!#)|[\w"'$@.-][^:\r\n]*:(?:\s|$))/.test(first)) return undefined;
  if (first?.startsWith('#') && /^#{1,6}\s/.test(first)) return undefined;
  return { start: 0, end: c.index + c[0].length, contentStart: m[0].length, contentEnd: c.index };
}

/** The text with the front matter's characters replaced by spaces (line endings kept). */
export function blankFrontMatter(text: string, fm: { end: number }): string {
  return text.slice(0, fm.end).replace(/[^\r\n]/g, ' ') + text.slice(fm.end);
}

interface YamlNode {
  range?: [number, number, number];
  value?: unknown;
  type?: string;
}
interface YamlPair {
  key: YamlNode | null;
  value: YamlNode | null;
}

export function readFrontMatter(text: string, fm: { start: number; end: number; contentStart: number; contentEnd: number }, lines: LineIndex): FrontMatterModel {
  const { parseDocument, isMap, isScalar } = requireSync<typeof import('yaml')>('yaml');
  // YAML knows no lone-CR line endings; a CR → LF swap keeps every offset.
  const source = text.slice(fm.contentStart, fm.contentEnd).replace(/\r(?!\n)/g, '\n');
  const model: FrontMatterModel = { data: null, fields: {}, position: lines.range(fm.start, fm.end) };
  const doc = parseDocument(source, { prettyErrors: false });
  if (doc.errors.length) {
    model.error = doc.errors[0]!.message.split('\n')[0];
    return model;
  }
  model.data = doc.toJS();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items as YamlPair[]) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || !pair.value.range) continue;
      let [start, end] = pair.value.range;
      const raw = source.slice(start, end);
      if (/^["']/.test(raw) && raw.length >= 2) {
        start++;
        end--;
      }
      const field: Located<string> = { value: source.slice(start, end), position: lines.range(fm.contentStart + start, fm.contentStart + end) };
      model.fields[String(pair.key.value)] = field;
    }
  }
  return model;
}

/** The front matter's Last updated: `last_updated`, `updated`, `last-updated` or `lastUpdated`. */
export function frontMatterLastUpdated(fm: FrontMatterModel | undefined): Located<string> | undefined {
  if (!fm) return undefined;
  for (const key of ['last_updated', 'last-updated', 'lastUpdated', 'updated', 'last_modified']) if (fm.fields[key]) return fm.fields[key];
  return undefined;
}
