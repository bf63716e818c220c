/**
 * Table kinds of a user's own (collections), declared under `tables:` in docs.config.yaml: how a
 * table is recognised, its key, and its typed columns. Each becomes a table spec with a JSON Schema
 * for its rows, validated with Ajv like the built-in kinds, so the same rules apply to it.
 */
import { ConfigError } from '../core/errors.js';
import type { ColumnSpec, TableSpec } from '../core/schemas.js';
import { extendVocabulary, type StatusTerms, type Vocabulary } from '../core/status.js';
import type { Validator } from '../core/validator.js';

export type ColumnType = 'text' | 'number' | 'percent' | 'date' | 'money-per-hour' | 'link' | 'enum' | 'status';

export interface CollectionColumn {
  aliases?: string[];
  type?: ColumnType;
  required?: boolean;
  pattern?: string;
  values?: string[];
  vocabulary?: 'progress' | 'job' | Record<string, Partial<StatusTerms>>;
  owner?: 'people' | 'source';
}

export interface CollectionConfig {
  title?: string;
  headings?: string[];
  headers?: string[];
  key?: string;
  columns?: Record<string, CollectionColumn>;
}

const formats: Record<ColumnType, string | undefined> = {
  text: undefined,
  number: 'a number (e.g. 12 or 0.5)',
  percent: 'a percentage (e.g. 40%)',
  date: 'date (YYYY-MM-DD)',
  'money-per-hour': 'cost per hour (e.g. $0.35/hr)',
  link: 'link',
  enum: undefined,
  status: undefined,
};

/** A heading pattern: `/regex/flags`, or a heading compared with case, emoji and punctuation folded. */
function headingPattern(kind: string, text: string): string | RegExp {
  const m = /^\/(.+)\/([a-z]*)$/.exec(text);
  if (!m) return text;
  try {
    return new RegExp(m[1]!, m[2]);
  } catch (e) {
    throw new ConfigError(`tables.${kind}.headings: \`${text}\` is not a valid regular expression (${(e as Error).message})`);
  }
}

/** The JSON Schema of a collection's rows, as the row objects of src/rules/row-checks.ts are built. */
export function collectionSchema(kind: string, config: CollectionConfig, vocabularies: Record<'progress' | 'job', Vocabulary>): { schema: object; vocabulary?: Vocabulary } {
  const properties: Record<string, object> = {};
  const required: string[] = [];
  let vocabulary: Vocabulary | undefined;
  for (const [name, col] of Object.entries(config.columns ?? {})) {
    const type = col.type ?? 'text';
    if (col.required || name === config.key) required.push(name);
    switch (type) {
      case 'number':
        properties[name] = { type: 'number' };
        break;
      case 'percent':
        properties[name] = { type: 'number', minimum: 0, maximum: 100 };
        break;
      case 'date':
        properties[name] = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' };
        break;
      case 'money-per-hour':
        properties[name] = { type: 'string', pattern: '^\\$[0-9]+(\\.[0-9]+)?\\s*/\\s*(hr|h|hour)$' };
        break;
      case 'enum':
        if (!col.values?.length) throw new ConfigError(`tables.${kind}.columns.${name}: an enum column needs \`values\``);
        properties[name] = { enum: col.values };
        break;
      case 'status': {
        const v = col.vocabulary ?? 'progress';
        vocabulary = typeof v === 'string' ? vocabularies[v] : extendVocabulary({}, v);
        properties[name] = { enum: Object.keys(vocabulary) };
        break;
      }
      default:
        properties[name] = col.pattern ? { type: 'string', pattern: col.pattern } : { type: 'string' };
    }
  }
  return { schema: { type: 'object', properties, required }, vocabulary };
}

/** Check a collection's declaration and build its table spec. */
export function collectionSpec(kind: string, config: CollectionConfig, validate: Validator, vocabulary: Vocabulary | undefined): TableSpec {
  const columns = Object.entries(config.columns ?? {});
  if (columns.length === 0) throw new ConfigError(`tables.${kind}: a table kind of your own needs \`columns\` (built-in kinds are milestones, steps and jobs; see docs/config.md)`);
  if (!config.key) throw new ConfigError(`tables.${kind}: a table kind of your own needs a \`key\`, the column that identifies a row`);
  if (!config.columns![config.key]) throw new ConfigError(`tables.${kind}.key: \`${config.key}\` is not one of its columns (${columns.map(([n]) => n).join(', ')})`);
  if (!config.headings?.length && !config.headers?.length) throw new ConfigError(`tables.${kind}: say how the table is recognised, with \`headings\` and/or \`headers\``);
  const statusColumns = columns.filter(([, c]) => c.type === 'status');
  if (statusColumns.length > 1) throw new ConfigError(`tables.${kind}: only one column can have type status`);
  return {
    kind,
    title: config.title ?? kind,
    headings: (config.headings ?? []).map((h) => headingPattern(kind, h)),
    headers: config.headers ?? [],
    key: config.key,
    vocabulary,
    columns: columns.map(([name, c]): ColumnSpec => {
      const type = c.type ?? 'text';
      return {
        name,
        aliases: c.aliases?.length ? c.aliases : [name],
        owner: c.owner ?? 'people',
        parse: type === 'percent' ? 'percent' : type === 'number' ? 'number' : undefined,
        status: type === 'status' ? (typeof c.vocabulary === 'string' ? c.vocabulary : c.vocabulary ? 'own' : 'progress') : undefined,
        format: type === 'enum' ? `one of ${c.values!.join(', ')}` : type === 'text' && c.pattern ? `a value matching ${c.pattern}` : formats[type],
      };
    }),
    required: [...new Set([config.key, ...columns.filter(([, c]) => c.required).map(([n]) => n)])],
    validate,
  };
}
