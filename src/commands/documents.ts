/** Reading, decoding and parsing the documents a command works on. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { detectKind } from '../model/detect.js';
import { parseDocument, type ParsedDocument } from '../model/parse.js';
import { decodeText } from '../core/text.js';
import { expandTargets, readSource, type SourceFile } from '../io/files.js';

export interface LoadedDocument {
  source: SourceFile;
  bom: boolean;
  doc: ParsedDocument;
}

export interface Loaded {
  documents: LoadedDocument[];
  /** A diagnostic for each file that is not UTF-8 text. */
  unreadable: Diagnostic[];
  files: number;
}

export function unreadableDiagnostic(file: string, reason: string): Diagnostic {
  return { file, ruleId: 'file/unreadable', severity: 'error', message: `Cannot read this file as markdown: ${reason}`, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

export function loadDocuments(args: string[], cwd: string, config: ResolvedConfig): Loaded {
  const paths = expandTargets(args, cwd, config);
  const documents: LoadedDocument[] = [];
  const unreadable: Diagnostic[] = [];
  for (const path of paths) {
    let source: SourceFile;
    try {
      source = readSource(path, cwd, config);
    } catch (e) {
      unreadable.push(unreadableDiagnostic(path, (e as Error).message));
      continue;
    }
    const decoded = decodeText(source.bytes);
    if (!decoded.ok) {
      unreadable.push(unreadableDiagnostic(source.display, decoded.reason));
      continue;
    }
    const kind = detectKind(source.fromRoot, decoded.text, config.documents[source.fromRoot]);
    documents.push({ source, bom: decoded.bom, doc: parseDocument(decoded.text, source.display, kind, config.model) });
  }
  return { documents, unreadable, files: paths.length };
}

/** Whether a repository-relative path exists, for checklist/missing-path. */
export const pathExistsUnder = (root: string) => (p: string) => existsSync(resolve(root, p));
