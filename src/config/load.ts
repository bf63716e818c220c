/** Finding and reading docs.config.yaml (IO). Every problem becomes a ConfigError naming the fix. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { lazyImport } from '../core/lazy.js';
import { config as validateConfig } from '../generated/validators.js';
import { builtinTableKinds, type BuiltinTableKind, type RowSchema, type TableSpec } from '../core/schemas.js';
import type { Validator } from '../core/validator.js';
import { rules } from '../rules/index.js';
import { UNUSED_DISABLE } from '../lint/inline-config.js';
import { TABLE_REMOVED } from '../lint/check-findings.js';
import { resolveConfig, configVocabularies, type RawConfig, type ResolvedConfig } from './resolve.js';
import { collectionSchema, collectionSpec } from './collections.js';
import { findUp } from '../io/files.js';
import { jsonErrorMessage } from '../core/untrusted.js';

export const configNames = ['docs.config.yaml', 'docs.config.yml'];

/** The repository root: the directory of the nearest `.git`, or `cwd`. */
export function repositoryRoot(cwd: string): string {
  const git = findUp(cwd, ['.git']);
  return git ? dirname(git) : resolve(cwd);
}

function formatErrors(v: Validator): string {
  return (v.errors ?? []).map((e) => `${e.instancePath || '(top level)'} ${e.message}${e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}${e.params.allowedValues ? `: ${(e.params.allowedValues as string[]).join(', ')}` : ''}`).join('; ');
}

export async function loadConfig(cwd: string, explicit?: string): Promise<ResolvedConfig> {
  const path = explicit ? resolve(cwd, explicit) : findUp(cwd, configNames);
  if (!path) return resolveConfig({}, repositoryRoot(cwd), undefined);
  if (!existsSync(path)) throw new ConfigError(`config file ${path} does not exist`);
  const raw = parseYaml(await lazyImport<typeof import('yaml')>('yaml'), readFileSync(path, 'utf8'), path);
  if (!validateConfig(raw)) throw new ConfigError(`${path}: ${formatErrors(validateConfig)}. See docs/config.md`);
  const config = raw as RawConfig;
  const known = new Set([...rules.map((r) => r.id), UNUSED_DISABLE, TABLE_REMOVED]);
  for (const id of Object.keys(config.rules ?? {})) {
    if (!known.has(id)) throw new ConfigError(`${path}: unknown rule \`${id}\` under rules; known rules: ${[...known].join(', ')}`);
  }
  const root = dirname(path);
  const overrides: Partial<Record<BuiltinTableKind, { schema: RowSchema; validate: Validator }>> = {};
  const collections: TableSpec[] = [];
  for (const [kind, table] of Object.entries(config.tables ?? {})) {
    if (!builtinTableKinds.includes(kind as BuiltinTableKind)) {
      // A table kind of the user's own: its rows get a JSON Schema built from its columns.
      if (table.schema || table.aliases) throw new ConfigError(`${path}: tables.${kind}: \`schema\` and \`aliases\` are for the built-in kinds (milestones, steps, jobs); a kind of your own declares \`columns\``);
      try {
        const { schema, vocabulary } = collectionSchema(kind, table, configVocabularies(config));
        collections.push(collectionSpec(kind, table, await compileSchema(schema, `tables.${kind}`), vocabulary));
      } catch (e) {
        if (e instanceof ConfigError) throw new ConfigError(`${path}: ${e.message}`);
        throw e;
      }
      continue;
    }
    if (!table.schema) continue;
    const file = resolve(root, table.schema);
    let schema: RowSchema;
    let schemaText: string;
    try {
      schemaText = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(`${path}: cannot read the ${kind} schema ${file}: ${(e as Error).message}`);
    }
    try {
      schema = JSON.parse(schemaText);
    } catch (e) {
      // Never the file's text: the message says what and where, not what the file holds.
      throw new ConfigError(`${path}: the ${kind} schema ${file} is not JSON: ${jsonErrorMessage(e)}`);
    }
    if (!schema.properties || !schema['x-table']) {
      throw new ConfigError(`${file}: a row schema needs \`properties\` and \`x-table\` ({kind, headings, key}); start from schemas/${kind === 'milestones' ? 'milestone' : kind === 'steps' ? 'step' : 'job'}-row.schema.json`);
    }
    overrides[kind as BuiltinTableKind] = { schema, validate: await compileSchema(schema, file) };
  }
  return resolveConfig(config, root, path, overrides, collections);
}

/**
 * Parse the config's YAML in time linear in its size. The yaml library's own duplicate-key check
 * compares every key of a map with every other (a config listing tens of thousands of documents
 * took minutes), so it is off, and duplicates are found here with a set per map.
 */
function parseYaml(yaml: typeof import('yaml'), text: string, path: string): unknown {
  const doc = yaml.parseDocument(text, { uniqueKeys: false });
  const error = doc.errors[0];
  if (error) throw new ConfigError(`${path} is not valid YAML: ${error.message.split('\n')[0]}`);
  let duplicate: string | undefined;
  yaml.visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const item of map.items) {
        if (!yaml.isScalar(item.key)) continue;
        const key = String(item.key.value);
        if (seen.has(key)) {
          duplicate ??= key;
          return yaml.visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  if (duplicate !== undefined) throw new ConfigError(`${path} is not valid YAML: the key \`${duplicate}\` appears twice in one map`);
  return doc.toJS() ?? {};
}

/** Compile a user's schema at run time; Ajv is loaded only here. */
async function compileSchema(schema: object, file: string): Promise<Validator> {
  const { Ajv } = await lazyImport<typeof import('ajv')>('ajv');
  const ajv = new Ajv({ allErrors: true, strictTuples: false });
  ajv.addVocabulary(['x-table', 'x-aliases', 'x-owner', 'x-status', 'x-parse', 'x-format']);
  try {
    return ajv.compile(schema) as Validator;
  } catch (e) {
    throw new ConfigError(`${file} is not a valid JSON Schema: ${(e as Error).message}`);
  }
}
