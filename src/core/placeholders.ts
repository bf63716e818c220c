/**
 * Template placeholders: values a person was meant to replace.
 *
 * `isPlaceholder` is the loose test for a cell or line value (any template token, any bracketed
 * prompt): rules and sync use it to leave such values alone rather than validate them.
 *
 * `findPlaceholders` is what `template/placeholder` reports, and it is strict: a template token
 * only where the template expects a value (a table cell, a `Key: value` line, a heading such as a
 * dated one, a list item that is nothing but the token). The tokens are the generic ones
 * (`YYYY-MM-DD`, `XX%`, `X.XX`, `$X.XX/hr`, `NNNNNN`, `Step N`, `[label](link)`) and the bracketed
 * prompts of the templates `docs init` writes (templateTokens, kept equal to templates/ by a test).
 * A bracketed tag (`[P1]`), a record field, a link label or a file reference is none of these.
 */
export const placeholderSource =
  String.raw`\bYYYY-MM-DD\b|\bX+(?:\.X+)?%|\$X+\.X+(?:\/hr)?|\bX\.XX\b|\bN{4,}\b|\bStep N\b|\[[A-Za-z][\w ,'&/.-]{1,80}\](?![(\[])|\[[^\]\n]*\]\((?:link|url)\)`;

const anywhere = new RegExp(placeholderSource);

export function isPlaceholder(text: string): boolean {
  return anywhere.test(text);
}

/** The bracketed prompts of trackdocs' templates (templates/*.md); a digit stands for any number. */
export const templateTokens = [
  '[Step Name]', '[What comes after current work]', '[list]', '[current state]', '[blocker if any]', '[Major accomplishment]',
  '[summary]', '[if remote, note instance ID and whether destroyed]', '[Other work]', "[Previous day's work]", '[Blocker 1]',
  '[Priority 1]', '[Stage Name]', '[Work Area]', '[Task]', '[Project]', '[Phase Name]', '[Capability]', '[Step]', '[Idea]',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const tokenSource = templateTokens.map((t) => escape(t).replace(/\d+/g, '\\d+')).join('|');
const genericSource = String.raw`\bYYYY-MM-DD\b|\bX+(?:\.X+)?%|\$X+\.X+(?:\/hr)?|\bX\.XX\b|\bN{4,}\b|\bStep N\b|\[[^\]\n]*\]\((?:link|url)\)`;
/** A template token, not followed by a link target (`[Task](…)` is a link whose label is a word). */
const tokenPattern = new RegExp(String.raw`(?:${genericSource})|(?:${tokenSource})(?![(\[])`, 'g');
/** A list item that is nothing but a bracketed prompt (optionally bold, then a colon or a status note). */
const promptItem = new RegExp(String.raw`^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[^\]\n]\][ \t]+)?(\*\*|__)?(?:${tokenSource})\1?[ \t]*(?:$|:|\*\(|_\()`, 'i');
/** A `Key: value` line (a list item or a paragraph line, the key maybe bold); not a URL's colon. */
const keyValueLine = /^[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+(?:\[[^\]\n]\][ \t]+)?)?(?:\*\*|__)?[^:\n/`]{1,60}?(?:\*\*|__)?[ \t]*:(?:[ \t]|$)/;

export interface Placeholder {
  start: number;
  end: number;
  value: string;
}

/** Where a value is expected: table body cells and headings, as [start, end) ranges. */
export interface ValueSlots {
  cells: { start: number; end: number }[];
  headings: { start: number; end: number }[];
}

const within = (ranges: { start: number; end: number }[], at: number) => ranges.some((r) => at >= r.start && at < r.end);

/** Every placeholder in `text` that stands where a value is expected (see the module comment). */
export function findPlaceholders(text: string, slots: ValueSlots): Placeholder[] {
  const out: Placeholder[] = [];
  tokenPattern.lastIndex = 0;
  for (let m = tokenPattern.exec(text); m; m = tokenPattern.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const value = m[0];
    if (within(slots.cells, start) || within(slots.headings, start)) {
      out.push({ start, end, value });
      continue;
    }
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const crAt = text.lastIndexOf('\r', start - 1) + 1;
    const from = Math.max(lineStart, crAt);
    const nl = /[\r\n]/.exec(text.slice(end));
    const line = text.slice(from, nl ? end + nl.index : text.length);
    // A format described in prose, `(YYYY-MM-DD)`, is not a value left out.
    const described = text[start - 1] === '(' && text[end] === ')';
    if ((keyValueLine.test(line) && !described) || promptItem.test(line)) out.push({ start, end, value });
  }
  return out;
}
