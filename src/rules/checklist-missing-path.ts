import { posix } from 'node:path';
import { defineRule, filledDocuments } from './define.js';
import { checklistTasks } from './checklist.js';

/** Does a backticked string look like a path inside the repository? */
export function looksLikeRepoPath(s: string): boolean {
  if (/\s|[=*?<>|{}$]|^[-/~.]{1,3}\.\.|^\.\.\.|^\/|^[a-z]+:\/\/|^[A-Za-z]:\\/.test(s)) return false;
  if (/^[\w.-]+:\d/.test(s)) return false; // cuda:0, host:port
  return s.includes('/') ? /^[\w.@+-]+(?:\/[\w.@+-]+)*\/?$/.test(s) : /^[\w.-]+\.[A-Za-z][\w]{0,7}$/.test(s) && !/^\d/.test(s);
}

/** A task about making the path go away: it is right that the path is gone. */
const removal = /\b(?:remov(?:e|ed|es|ing)|delet(?:e|ed|es|ing)|renam(?:e|ed|es|ing)|mov(?:e|ed|es|ing)|drop(?:ped|s)?|retir(?:e|ed)|deprecat(?:e|ed)|clean(?:ed)? up|get rid of|archiv(?:e|ed))\b/i;

export default defineRule({
  id: 'checklist/missing-path',
  description: "A ticked task names a path in backticks that does not exist: not next to the document, not from the repository root, and (for a bare file name) not anywhere git tracks a file of that name.",
  severity: 'warning',
  appliesTo: filledDocuments,
  fixable: false,
  code: 'Reads the inline code spans of ticked tasks: that is where paths are written. Code blocks and HTML comments are not read.',
  check(ctx) {
    for (const task of checklistTasks(ctx.doc)) {
      if (!task.checked || removal.test(task.text)) continue;
      for (const path of task.paths) {
        const p = path.value.replace(/^\.\//, '');
        if (!looksLikeRepoPath(p)) continue;
        const nextToDoc = posix.normalize(posix.join(ctx.docDir, p));
        if (!nextToDoc.startsWith('../') && ctx.pathExists(nextToDoc)) continue;
        if (ctx.pathExists(p)) continue;
        // Outside a git repository there is no telling where paths live: say nothing.
        const tracked = ctx.trackedNames();
        if (tracked === null) return;
        const bare = !p.replace(/\/$/, '').includes('/');
        if (bare && tracked?.has(p)) continue;
        ctx.report({
          message: `Missing path \`${path.value}\`: the task is ticked but there is no such file or directory next to the document or from the repository root${bare && tracked ? ', and git tracks no file of that name' : ''}`,
          start: path.position.start.offset,
          end: path.position.end.offset,
          actual: path.value,
        });
      }
    }
  },
});
