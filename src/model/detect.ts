/** Which kind of document a file is: from the config, else from its name, else from its headings. */
import type { DocumentKind } from './types.js';

export function detectKind(relativePath: string, text: string, configured?: DocumentKind): DocumentKind {
  if (configured) return configured;
  const name = relativePath.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  if (/status[-_ ]?tracker/.test(name)) return 'tracker';
  if (/^todos?(?:[-_.]|$)/.test(name)) return 'todo';
  if (/^roadmap(?:[-_.]|$)/.test(name)) return 'roadmap';
  const head = text.slice(0, 4000);
  if (/^#\s+.*status tracker/im.test(head) || (/^##\s+milestone status/im.test(text) && /^##\s+step status/im.test(text)) || /^##\s+active remote jobs/im.test(text)) return 'tracker';
  if (/^#\s+.*\btodos?\b/im.test(head)) return 'todo';
  if (/^#\s+.*\broadmap\b/im.test(head)) return 'roadmap';
  return 'markdown';
}
