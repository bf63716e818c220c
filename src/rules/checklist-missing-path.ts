import { defineRule, filledDocuments } from './define.js';
import { checklistTasks } from './checklist.js';

/** Does a backticked string look like a path inside the repository? */
export function looksLikeRepoPath(s: string): boolean {
  if (/\s|[=*?<>|{}$]|^[-/~.]{1,3}\.\.|^\.\.\.|^\/|^[a-z]+:\/\/|^[A-Za-z]:\\/.test(s)) return false;
  if (/^[\w.-]+:\d/.test(s)) return false; // cuda:0, host:port
  return s.includes('/') ? /^[\w.@+-]+(?:\/[\w.@+-]+)*\/?$/.test(s) : /^[\w.-]+\.[A-Za-z][\w]{0,7}$/.test(s) && !/^\d/.test(s);
}

export default defineRule({
  id: 'checklist/missing-path',
  description: 'A ticked task names a repository path in backticks that does not exist.',
  severity: 'warning',
  appliesTo: filledDocuments,
  fixable: false,
  check(ctx) {
    for (const task of checklistTasks(ctx.doc)) {
      if (!task.checked) continue;
      for (const path of task.paths) {
        if (!looksLikeRepoPath(path.value) || ctx.pathExists(path.value)) continue;
        ctx.report({
          message: `Missing path \`${path.value}\`: the task is ticked but the repository has no such file or directory`,
          start: path.position.start.offset,
          end: path.position.end.offset,
          actual: path.value,
        });
      }
    }
  },
});
