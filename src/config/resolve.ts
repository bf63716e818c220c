/**
 * A validated config object to the options the core uses. Pure: schema files named by the config
 * arrive already loaded and compiled (see load.ts).
 */
import type { Severity } from '../core/diagnostic.js';
import { builtinTableSpecs, builtinVocabularies, tableSpec, type RowSchema, type BuiltinTableKind, type TableSpec } from '../core/schemas.js';
import { extendVocabulary, type StatusTerms, type Vocabulary } from '../core/status.js';
import type { CollectionConfig } from './collections.js';
import type { Validator } from '../core/validator.js';
import type { ModelOptions } from '../model/parse.js';
import type { DocumentKind } from '../model/types.js';

export interface RawConfig {
  documents?: Record<string, DocumentKind>;
  rules?: Record<string, Severity | 'off'>;
  tables?: Record<string, { schema?: string; aliases?: Record<string, string[]> } & CollectionConfig>;
  statuses?: Record<string, Record<string, Partial<StatusTerms>>>;
  sources?: {
    vastai?: { enabled?: boolean; command?: string; args?: string[]; timeout?: number; maxOutputMiB?: number };
    state?: { enabled?: boolean; path?: string; command?: string[]; timeout?: number; maxOutputMiB?: number };
  };
  sync?: { archive?: 'move' | 'mark' | 'remove' };
}

export interface ResolvedConfig {
  /** The config file's path, or undefined when running on defaults. */
  path?: string;
  /** Directory paths in the config are relative to (the repository root by default). */
  root: string;
  raw: RawConfig;
  model: ModelOptions;
  severities: Record<string, Severity | 'off'>;
  /** Configured document paths (relative to root) and their kinds. */
  documents: Record<string, DocumentKind>;
}

export function resolveConfig(
  raw: RawConfig,
  root: string,
  path: string | undefined,
  overrides: Partial<Record<BuiltinTableKind, { schema: RowSchema; validate: Validator }>> = {},
  collections: TableSpec[] = [],
): ResolvedConfig {
  const tableSpecs: TableSpec[] = builtinTableSpecs().map((spec) => {
    const table = raw.tables?.[spec.kind];
    const override = overrides[spec.kind as BuiltinTableKind];
    if (!table && !override) return spec;
    const base = override ? tableSpec(override.schema, override.validate) : spec;
    const aliases = table?.aliases ?? {};
    return { ...base, columns: base.columns.map((c) => ({ ...c, aliases: [...c.aliases, ...(aliases[c.name] ?? [])] })) };
  });
  return { path, root, raw, model: { tableSpecs, collections, vocabularies: configVocabularies(raw) }, severities: raw.rules ?? {}, documents: raw.documents ?? {} };
}

/** The built-in vocabularies with the config's `statuses` added. */
export function configVocabularies(raw: RawConfig): Record<'progress' | 'job', Vocabulary> {
  return {
    progress: extendVocabulary(builtinVocabularies.progress, raw.statuses?.progress ?? {}),
    job: extendVocabulary(builtinVocabularies.job, raw.statuses?.job ?? {}),
  };
}
