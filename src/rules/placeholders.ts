/**
 * Template placeholders: values a person was meant to replace, as the reference template writes
 * them: `YYYY-MM-DD`, `XX%`, `$X.XX/hr`, `NNNNNN`, `Step N`, a bracketed prompt such as
 * `[Step Name]` or `[current state]` that is not a link, and a link to `(link)`.
 */
export const placeholderSource =
  String.raw`\bYYYY-MM-DD\b|\bX+(?:\.X+)?%|\$X+\.X+(?:\/hr)?|\bX\.XX\b|\bN{4,}\b|\bStep N\b|\[[A-Za-z][\w ,'&/.-]{1,80}\](?![(\[])|\[[^\]\n]*\]\((?:link|url)\)`;

const anywhere = new RegExp(placeholderSource);

export function isPlaceholder(text: string): boolean {
  return anywhere.test(text);
}

/** Every placeholder in `text`, as [start, end) offsets. */
export function findPlaceholders(text: string): { start: number; end: number; value: string }[] {
  const re = new RegExp(placeholderSource, 'g');
  const out: { start: number; end: number; value: string }[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, value: m[0] });
  return out;
}
