/** What counts as an empty table cell: nothing, a dash, `n/a`, `none` (and a mojibake em dash). */
const emptyCell = /^(?:|—|–|-|n\/?a|none|\u00e2\u20ac\u201d)$/i;
export const isEmptyCell = (text: string) => emptyCell.test(text.trim());

/** Two header or cell texts that say the same: case and runs of spaces do not matter. */
export const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();
