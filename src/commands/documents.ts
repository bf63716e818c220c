/** Reading, decoding and parsing the documents a command works on. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { detectKind } from '../model/detect.js';
import { parseDocument, type ParsedDocument } from '../model/parse.js';
import { decodeText, type Storage } from '../core/encoding.js';
import { checkComplexity, type TooComplex } from '../core/complexity.js';
import { expandTargets, readSource, type SourceFile } from '../io/files.js';

export interface LoadedDocument {
  source: SourceFile;
  /** How the file was stored (encoding, BOM): a writer puts back what it does not fix. */
  storage: Storage;
  doc: ParsedDocument;
}

export interface Loaded {
  documents: LoadedDocument[];
  /** A diagnostic for each file that cannot be read as text. */
  unreadable: Diagnostic[];
  files: number;
}

export function unreadableDiagnostic(file: string, reason: string): Diagnostic {
  return { file, ruleId: 'file/unreadable', severity: 'error', message: `Cannot read this file as markdown: ${reason}`, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** Read, decode and parse one file: a document, or the diagnostic saying why it is not one. */
export function loadDocument(path: string, cwd: string, config: ResolvedConfig): LoadedDocument | Diagnostic {
  let source: SourceFile;
  try {
    source = readSource(path, cwd, config);
  } catch (e) {
    return unreadableDiagnostic(path, (e as Error).message);
  }
  return parseSource(source, config);
}

/** Decode and parse a file's bytes (from disk, or from the git index). */
export function parseSource(source: SourceFile, config: ResolvedConfig): LoadedDocument | Diagnostic {
  const decoded = decodeText(source.bytes);
  if (!decoded.ok) return unreadableDiagnostic(source.display, decoded.reason);
  const complex = checkComplexity(decoded.text);
  if (complex) return tooComplexDiagnostic(source.display, complex);
  const kind = detectKind(source.fromRoot, decoded.text, config.documents[source.fromRoot]);
  const doc = parseDocument(decoded.text, source.display, kind, config.model);
  doc.storage = decoded.storage;
  return { source, storage: decoded.storage, doc };
}

/** `file/too-complex`: the file passes one of the pre-scan's limits and is not parsed. */
export function tooComplexDiagnostic(file: string, complex: TooComplex): Diagnostic {
  return {
    file,
    ruleId: 'file/too-complex',
    severity: 'error',
    message: `Unexpected ${complex.reason}: this file is too complex to check, and trackdocs skipped it (limits: docs/README.md#limits)`,
    line: complex.line,
    column: 1,
    endLine: complex.line,
    endColumn: 1,
  };
}

export const isDiagnostic = (x: LoadedDocument | Diagnostic): x is Diagnostic => 'ruleId' in x;

/** Load every document a command was pointed at (for commands that need them all at once). */
export function loadDocuments(args: string[], cwd: string, config: ResolvedConfig): Loaded {
  const paths = expandTargets(args, cwd, config);
  const documents: LoadedDocument[] = [];
  const unreadable: Diagnostic[] = [];
  for (const path of paths) {
    const loaded = loadDocument(path, cwd, config);
    if (isDiagnostic(loaded)) unreadable.push(loaded);
    else documents.push(loaded);
  }
  return { documents, unreadable, files: paths.length };
}

/** Whether a repository-relative path exists, for checklist/missing-path. */
export const pathExistsUnder = (root: string) => (p: string) => existsSync(resolve(root, p));
