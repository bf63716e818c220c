import { defineRule } from './define.js';

export default defineRule({
  id: 'git/conflict-marker',
  description: 'A git merge conflict marker (<<<<<<<, =======, >>>>>>>) left in the document.',
  severity: 'error',
  appliesTo: 'all',
  fixable: false,
  check(ctx) {
    const { text } = ctx.doc;
    const re = /^(<{7}(?: .*)?|={7}|>{7}(?: .*)?|\|{7}(?: .*)?)\r?$/gm;
    let open = false;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const marker = m[1]!;
      const kind = marker[0];
      // `=======` alone is a setext heading underline; count it only inside a conflict.
      if (kind === '<') open = true;
      else if (kind === '=' && !open) continue;
      else if (kind === '>') open = false;
      ctx.report({ message: `Unexpected merge conflict marker \`${marker.slice(0, 7)}\`: resolve the conflict`, start: m.index, end: m.index + marker.length });
    }
  },
});
