/**
 * Table specs from the row schemas in `schemas/`: which headings and header names identify a
 * table, each column's aliases and owner, and the validator that checks a normalised row. The
 * built-in schemas are bundled and precompiled; a config may replace a schema or add aliases.
 */
import milestoneRow from '../../schemas/milestone-row.schema.json' with { type: 'json' };
import stepRow from '../../schemas/step-row.schema.json' with { type: 'json' };
import jobRow from '../../schemas/job-row.schema.json' with { type: 'json' };
import statuses from '../../schemas/statuses.json' with { type: 'json' };
import * as validators from '../generated/validators.js';
import type { Validator } from './validator.js';
import type { Vocabulary } from './status.js';

/** The built-in table kinds. A config may declare more (collections); their kind is any name. */
export type BuiltinTableKind = 'milestones' | 'steps' | 'jobs';
export type TableKind = BuiltinTableKind | (string & {});
export const builtinTableKinds: BuiltinTableKind[] = ['milestones', 'steps', 'jobs'];

export interface ColumnSpec {
  /** Canonical column name, the key in a row object. */
  name: string;
  /** Header names that mean this column (the first is how trackdocs writes it). */
  aliases: string[];
  /** `source` cells may be written by a sync; everything else belongs to people. */
  owner: 'source' | 'people';
  /** How the cell is read before validation (text when absent). */
  parse?: 'percent' | 'number';
  /** Which status vocabulary the cell uses: a built-in one, or the table's own (`vocabulary`). */
  status?: 'progress' | 'job' | 'own';
  /** A human description of the expected format, for messages. */
  format?: string;
}

export interface TableSpec {
  kind: TableKind;
  title: string;
  /** Headings that identify the table (folded comparison); a collection may give regular expressions. */
  headings: (string | RegExp)[];
  /** A collection's header names that must all be present (any alias counts). */
  headers?: string[];
  /** A collection's own status vocabulary. */
  vocabulary?: Vocabulary;
  /** Canonical name of the column that identifies a row. */
  key: string;
  columns: ColumnSpec[];
  required: string[];
  validate: Validator;
}

/** The raw row-schema JSON with trackdocs' `x-` annotations. */
export interface RowSchema {
  title?: string;
  'x-table': { kind: string; headings: string[]; key: string };
  properties: Record<string, { 'x-aliases'?: string[]; 'x-owner'?: string; 'x-parse'?: string; 'x-status'?: string; 'x-format'?: string }>;
  required?: string[];
}

export const builtinRowSchemas: Record<BuiltinTableKind, RowSchema> = {
  milestones: milestoneRow as RowSchema,
  steps: stepRow as RowSchema,
  jobs: jobRow as RowSchema,
};
const builtinValidators: Record<BuiltinTableKind, Validator> = {
  milestones: validators.milestoneRow,
  steps: validators.stepRow,
  jobs: validators.jobRow,
};

export const builtinVocabularies = statuses as unknown as Record<'progress' | 'job', Vocabulary>;

/** Build a table spec from a row schema, a validator for it and extra aliases. */
export function tableSpec(schema: RowSchema, validate: Validator, extraAliases: Record<string, string[]> = {}): TableSpec {
  const columns = Object.entries(schema.properties).map(([name, p]): ColumnSpec => ({
    name,
    aliases: [...(p['x-aliases'] ?? [name]), ...(extraAliases[name] ?? [])],
    owner: p['x-owner'] === 'source' ? 'source' : 'people',
    parse: p['x-parse'] === 'percent' ? 'percent' : undefined,
    status: p['x-status'] === 'progress' || p['x-status'] === 'job' ? p['x-status'] : undefined,
    format: p['x-format'],
  }));
  return {
    kind: schema['x-table'].kind as TableKind,
    title: schema.title ?? schema['x-table'].kind,
    headings: schema['x-table'].headings,
    key: schema['x-table'].key,
    columns,
    required: schema.required ?? [],
    validate,
  };
}

/** The built-in table specs. */
export function builtinTableSpecs(): TableSpec[] {
  return builtinTableKinds.map((k) => tableSpec(builtinRowSchemas[k], builtinValidators[k]));
}

/** Header text folded for alias matching: case, punctuation and spacing do not matter. */
export const foldHeader = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}%$&]+/gu, '');
