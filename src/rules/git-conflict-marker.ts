import { defineRule } from './define.js';

/**
 * A conflict is what git writes: a `<<<<<<<` line, then (after an optional `|||||||` base section)
 * a `=======` line, then a `>>>>>>>` line, each at the start of its line. Anything less is not one:
 * a lone `=======` under a line of text is a setext heading underline.
 */
export default defineRule({
  id: 'git/conflict-marker',
  description: 'A git merge conflict left in the document: a `<<<<<<<` line, a `=======` line and a `>>>>>>>` line, in that order, at the start of lines.',
  severity: 'error',
  appliesTo: 'all',
  fixable: false,
  code: 'Counts anywhere, code blocks included: git writes its markers wherever the conflict is. Only the full sequence counts, so a lone `=======` (a setext heading) or a `<<<<<<<` in an example is not reported.',
  check(ctx) {
    const { text } = ctx.doc;
    if (!text.includes('<<<<<<<')) return;
    const re = /^(<{7}(?: .*)?|={7}|>{7}(?: .*)?|\|{7}(?: .*)?)(?=\r|\n|$)/gm;
    let open: { start: number; end: number } | undefined;
    let middle: { start: number; end: number } | undefined;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const marker = m[1]!;
      const at = { start: m.index, end: m.index + marker.length };
      if (marker[0] === '<') {
        open = at;
        middle = undefined;
      } else if (marker[0] === '=' && open) middle = at;
      else if (marker[0] === '>' && open && middle) {
        for (const [r, name] of [[open, '<<<<<<<'], [middle, '======='], [at, '>>>>>>>']] as const) {
          ctx.report({ message: `Unexpected merge conflict marker \`${name}\`: resolve the conflict`, start: r.start, end: r.end });
        }
        open = middle = undefined;
      }
    }
  },
});
