/**
 * Which kind of document a file is: from the config, else from its path, else from its headings.
 * A file under a `templates/` folder, named `*.template.md`, or titled Template is a template; a
 * file that is mostly checkboxes is a TODO list.
 */
import type { DocumentKind } from './types.js';
import { looksLikeChecklist } from './checklists.js';

export function detectKind(relativePath: string, text: string, configured?: DocumentKind): DocumentKind {
  if (configured) return configured;
  const path = relativePath.replace(/\\/g, '/').toLowerCase();
  const name = path.split('/').pop()!;
  const head = text.slice(0, 4000);
  if (/(?:^|\/)templates?\//.test(path) || /(?:^|[-_.])template\.[a-z]+$/.test(name) || /^#\s+(?:.*[\s(])?template\b(?![/\w-])/im.test(head)) return 'template';
  if (/status[-_ ]?tracker/.test(name)) return 'tracker';
  if (/^todos?(?:[-_.]|$)/.test(name)) return 'todo';
  if (/^roadmap(?:[-_.]|$)/.test(name)) return 'roadmap';
  if (/^#\s+.*status tracker/im.test(head) || (/^##\s+milestone status/im.test(text) && /^##\s+step status/im.test(text)) || /^##\s+active remote jobs/im.test(text)) return 'tracker';
  if (/^#\s+.*\btodos?\b/im.test(head)) return 'todo';
  if (/^#\s+.*\broadmap\b/im.test(head)) return 'roadmap';
  if (looksLikeChecklist(text)) return 'todo';
  return 'markdown';
}
