/**
 * `trackdocs lint --staged`: lint what will be committed — the staged content of the staged docs, read
 * from the git index — not the working tree, so a partially staged file is judged by its staged part.
 */
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { detectKind } from '../model/detect.js';
import { headText } from '../core/encoding.js';
import { markdownExtensions, isIgnored } from '../io/files.js';
import { stagedFiles } from '../io/git.js';
import { parseSource, isDiagnostic, forDocument } from '../store/documents.js';
import { lintDocument, type LintOptions } from './engine.js';
import { append } from '../core/arrays.js';

/**
 * The staged files trackdocs checks: the documents the config lists, or without a list, staged
 * markdown files that are a tracker, TODO list or roadmap (by name or headings).
 */
export function lintStaged(cwd: string, config: ResolvedConfig, options: LintOptions): { diagnostics: Diagnostic[]; files: number } {
  const listed = Object.keys(config.documents);
  const ignored = isIgnored(config);
  const fromRoot = (top: string, path: string) => relative(config.root, join(top, path)).split(sep).join('/');
  const { top, files: staged } = stagedFiles(cwd, (path, top) => markdownExtensions.test(path) && !ignored?.(fromRoot(top, path)) && (!listed.length || listed.includes(fromRoot(top, path))));
  const diagnostics: Diagnostic[] = [];
  let files = 0;
  for (const { path, content: bytes } of staged) {
    const display = relative(cwd, join(top, path)).split(sep).join('/');
    const rootPath = fromRoot(top, path);
    if (!listed.length && detectKind(rootPath, headText(bytes)) === 'markdown') continue;
    files++;
    const loaded = parseSource({ path: join(top, path), display, fromRoot: rootPath, bytes }, config);
    if (isDiagnostic(loaded)) diagnostics.push(loaded);
    else append(diagnostics, lintDocument(loaded.doc, forDocument(options, rootPath)));
  }
  return { diagnostics, files };
}
