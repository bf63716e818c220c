/**
 * Linting files one at a time: each document is read, parsed, linted (and fixed) and dropped before
 * the next, so memory stays flat however many files there are. Many files are spread over worker
 * threads (see pool.ts); each worker runs this same function on its share.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { lintDocument, fixDocument, type LintOptions } from './engine.js';
import { atomicWrite, ChangedOnDiskError } from '../io/atomic-write.js';
import { loadDocument, isDiagnostic } from '../commands/documents.js';
import { encodeText } from '../core/encoding.js';

export interface FilesResult {
  diagnostics: Diagnostic[];
  fixed: number;
  /** Messages for stderr (a file that changed while it was being fixed). */
  notes: string[];
}

export function lintFiles(paths: string[], cwd: string, config: ResolvedConfig, options: LintOptions, fix: boolean): FilesResult {
  const result: FilesResult = { diagnostics: [], fixed: 0, notes: [] };
  for (const path of paths) {
    const loaded = loadDocument(path, cwd, config);
    if (isDiagnostic(loaded)) {
      result.diagnostics.push(loaded);
      continue;
    }
    const { source, storage, doc } = loaded;
    if (!fix) {
      result.diagnostics.push(...lintDocument(doc, options));
      continue;
    }
    const fixed = fixDocument(doc, config.model, options);
    if (fixed.text !== doc.text || fixed.storage !== storage) {
      try {
        atomicWrite(source.path, encodeText(fixed.text, fixed.storage), source.bytes);
        result.fixed++;
      } catch (e) {
        if (!(e instanceof ChangedOnDiskError)) throw e;
        result.notes.push(`${source.display} changed while it was being fixed; left as it is. Run trackdocs lint --fix again.`);
        result.diagnostics.push(...lintDocument(doc, options));
        continue;
      }
    }
    result.diagnostics.push(...fixed.diagnostics);
  }
  return result;
}
