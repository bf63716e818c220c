/**
 * Linting files one at a time: each document is read, parsed, linted (and fixed) and dropped before
 * the next, so memory stays flat however many files there are. Many files are spread over worker
 * threads (see pool.ts); each worker runs this same function on its share.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { lintDocument, fixDocument, type LintOptions } from './engine.js';
import { loadDocument, isDiagnostic, parseSource } from '../commands/documents.js';
import { encodeText } from '../core/encoding.js';
import { append } from '../core/arrays.js';

export interface FilesResult {
  diagnostics: Diagnostic[];
  fixed: number;
  /** Messages for stderr (a file that kept changing while it was being fixed, a refused write). */
  notes: string[];
  /** Whether a write was refused (read-only file, permissions, full disk, outside the repository): exit 2. */
  refused?: boolean;
}

export interface FixWrite {
  /** Directories a fix may write inside (the repository root, the config's folder). */
  roots: string[];
  /** Replace read-only files. */
  force: boolean;
}

export async function lintFiles(paths: string[], cwd: string, config: ResolvedConfig, options: LintOptions, fix: FixWrite | false): Promise<FilesResult> {
  const result: FilesResult = { diagnostics: [], fixed: 0, notes: [] };
  for (const path of paths) {
    const loaded = loadDocument(path, cwd, config);
    if (isDiagnostic(loaded)) {
      result.diagnostics.push(loaded);
      continue;
    }
    const { source, doc } = loaded;
    if (!fix) {
      append(result.diagnostics, lintDocument(doc, options));
      continue;
    }
    const { writeIntent } = await import('../io/guarded-write.js');
    // Fix the bytes on disk; when they changed meanwhile, fix the new ones.
    const outcome = await writeIntent<{ diagnostics: Diagnostic[]; aborted?: string }>(
      source.path,
      (bytes) => {
        const now = bytes === source.bytes ? loaded : parseSource({ ...source, bytes }, config);
        if (isDiagnostic(now)) return { data: null, result: { diagnostics: [now] } };
        const fixed = fixDocument(now.doc, config.model, options);
        if (fixed.aborted || (fixed.text === now.doc.text && fixed.storage === now.storage)) return { data: null, result: fixed };
        return { data: encodeText(fixed.text, fixed.storage), result: fixed };
      },
      { roots: fix.roots, force: fix.force, display: source.display, first: source.bytes },
    );
    if (outcome.status === 'written' || outcome.status === 'unchanged') {
      if (outcome.result.aborted) result.notes.push(`${source.display}: ${outcome.result.aborted}`);
      if (outcome.status === 'written') result.fixed++;
      append(result.diagnostics, outcome.result.diagnostics);
      continue;
    }
    if (outcome.status === 'refused') result.refused = true;
    result.notes.push(outcome.message);
    append(result.diagnostics, lintDocument(doc, options));
  }
  return result;
}
