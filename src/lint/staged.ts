/**
 * `docs lint --staged`: lint what will be committed — the staged content of the staged docs, read
 * from the git index — not the working tree, so a partially staged file is judged by its staged part.
 */
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { detectKind } from '../model/detect.js';
import { markdownExtensions } from '../io/files.js';
import { gitTopLevel, stagedPaths, stagedContents } from '../io/git.js';
import { parseSource, isDiagnostic } from '../commands/documents.js';
import { lintDocument, type LintOptions } from './engine.js';

/**
 * The staged files trackdocs checks: the documents the config lists, or without a list, staged
 * markdown files that are a tracker, TODO list or roadmap (by name or headings).
 */
export function lintStaged(cwd: string, config: ResolvedConfig, options: LintOptions): { diagnostics: Diagnostic[]; files: number } {
  const top = gitTopLevel(cwd);
  const staged = stagedPaths(top).filter((p) => markdownExtensions.test(p));
  const listed = Object.keys(config.documents);
  const candidates = staged.map((p) => ({ path: p, fromRoot: relative(config.root, join(top, p)).split(sep).join('/') }));
  const chosen = listed.length ? candidates.filter((c) => listed.includes(c.fromRoot)) : candidates;
  const contents = stagedContents(top, chosen.map((c) => c.path));
  const diagnostics: Diagnostic[] = [];
  let files = 0;
  for (const c of chosen) {
    const bytes = contents.get(c.path)!;
    const display = relative(cwd, join(top, c.path)).split(sep).join('/');
    if (!listed.length && detectKind(c.fromRoot, bytes.subarray(0, 4000).toString('utf8')) === 'markdown') continue;
    files++;
    const loaded = parseSource({ path: join(top, c.path), display, fromRoot: c.fromRoot, bytes }, config);
    if (isDiagnostic(loaded)) diagnostics.push(loaded);
    else diagnostics.push(...lintDocument(loaded.doc, options));
  }
  return { diagnostics, files };
}
