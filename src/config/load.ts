/**
 * Finding and reading docs.config.yaml (IO). Discovery walks up from the working directory to the
 * repository root and stops there, as git, ESLint and Prettier users expect. Every problem becomes a
 * ConfigError that names the file, line and key, and the nearest valid value when there is one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { didYouMean } from '../core/suggest.js';
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

/**
 * The config file for `cwd`: the nearest docs.config.yaml (or .yml) from `cwd` up to the repository
 * root (the folder with .git), never above it. Both names in one folder is an error.
 */
export function findConfig(cwd: string): string | undefined {
  for (let d = resolve(cwd); ; d = dirname(d)) {
    const found = configNames.filter((n) => existsSync(join(d, n)));
    if (found.length > 1) throw new ConfigError(`${join(d, found[0]!)} and ${found[1]} are both in ${d}: keep one (trackdocs reads a single config per folder)`);
    if (found.length) return join(d, found[0]!);
    if (existsSync(join(d, '.git')) || dirname(d) === d) return undefined;
  }
}

type SchemaNode = { properties?: Record<string, SchemaNode>; additionalProperties?: SchemaNode | boolean; enum?: string[]; items?: SchemaNode };

/** The config schema's node at a key path, following properties and additionalProperties. */
function schemaAt(configSchema: SchemaNode, path: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = configSchema;
  for (const key of path) {
    const next: SchemaNode | boolean | undefined = node?.properties?.[key] ?? node?.additionalProperties ?? (/^\d+$/.test(key) ? node?.items : undefined);
    node = typeof next === 'object' ? next : undefined;
  }
  return node;
}

/** A located problem in the config: file:line:col, the key path, the message. */
class Problems {
  readonly list: string[] = [];
  constructor(
    private readonly shown: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}
  /** Where a key (or its value) is: the key's position when `onKey`, else the value's. */
  private where(path: string[], onKey: boolean): string {
    const parent = (path.length > 1 ? this.doc.getIn(path.slice(0, -1), true) : this.doc.contents) as { items?: { key?: { value?: unknown; range?: number[] }; value?: { range?: number[] } }[] } | null;
    const pair = parent?.items?.find((i) => String(i.key?.value) === path.at(-1));
    const range = (onKey ? pair?.key?.range : (pair?.value?.range ?? pair?.key?.range)) ?? (this.doc.contents as { range?: number[] } | null)?.range;
    const pos = this.lines.linePos(range?.[0] ?? 0);
    return `${this.shown}:${pos.line}:${pos.col}`;
  }
  add(path: string[], onKey: boolean, message: string): void {
    this.list.push(`${this.where(path, onKey)}: ${message}`);
  }
}

const keyPath = (path: string[]) => path.join('.');
const pointer = (p: string) => (p ? p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : []);

/** Ajv's findings, said as a person would: the key, what is wrong, the nearest valid value. */
async function schemaProblems(v: Validator, raw: unknown, problems: Problems): Promise<void> {
  // Read only when the config is wrong, so a good config costs nothing for it.
  const { default: configSchema } = await import('../../schemas/config.schema.json', { with: { type: 'json' } });
  for (const e of v.errors ?? []) {
    const path = pointer(e.instancePath);
    if (e.keyword === 'additionalProperty' || e.params.additionalProperty !== undefined) {
      const key = String(e.params.additionalProperty);
      const known = Object.keys(schemaAt(configSchema as SchemaNode, path)?.properties ?? {});
      problems.add([...path, key], true, `unknown key \`${key}\`${path.length ? ` under \`${keyPath(path)}\`` : ''}${didYouMean(key, known)}; expected ${known.map((k) => `\`${k}\``).join(', ')}`);
    } else if (e.params.allowedValues) {
      const allowed = e.params.allowedValues as string[];
      const value = path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], raw);
      problems.add(path, false, `\`${keyPath(path)}: ${String(value)}\` is not allowed${didYouMean(String(value), allowed)}; expected one of ${allowed.join(', ')}`);
    } else problems.add(path, false, `\`${keyPath(path) || '(top level)'}\` ${e.message}`);
  }
}

export async function loadConfig(cwd: string, explicit?: string): Promise<ResolvedConfig> {
  const path = explicit ? resolve(cwd, explicit) : findConfig(cwd);
  if (!path) return resolveConfig({}, repositoryRoot(cwd), undefined);
  if (!existsSync(path)) throw new ConfigError(`config file ${path} does not exist`);
  const shown = relative(cwd, path) || path;
  const { doc, lines } = parseYaml(await lazyImport<typeof import('yaml')>('yaml'), readFileSync(path, 'utf8'), shown);
  const raw: unknown = doc.toJS() ?? {};
  const problems = new Problems(shown, doc, lines);
  if (!validateConfig(raw)) await schemaProblems(validateConfig, raw, problems);
  const config = raw as RawConfig;
  const known = [...rules.map((r) => r.id), UNUSED_DISABLE, TABLE_REMOVED];
  const keys = (o: unknown) => (o && typeof o === 'object' ? Object.keys(o) : []);
  for (const id of keys(config?.rules)) {
    if (!known.includes(id)) problems.add(['rules', id], true, `unknown rule \`${id}\` under \`rules\`${didYouMean(id, known)}; the rules are listed in docs/rules.md`);
  }
  if (problems.list.length) throw new ConfigError(problems.list.join('\n'));
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
function parseYaml(yaml: typeof import('yaml'), text: string, shown: string): { doc: Document; lines: LineCounter } {
  // uniqueKeys: false keeps parsing linear; duplicate keys are found below, in one pass.
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { uniqueKeys: false, lineCounter: lines, prettyErrors: true });
  // The whole message: yaml's own text already carries the line, column and a code frame.
  if (doc.errors.length) throw new ConfigError(`${shown} is not valid YAML:\n${doc.errors.map((e) => e.message.trimEnd()).join('\n\n')}`);
  let duplicate: { key: string; at: number } | undefined;
  yaml.visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const item of map.items) {
        if (!yaml.isScalar(item.key)) continue;
        const key = String(item.key.value);
        if (seen.has(key)) {
          duplicate ??= { key, at: item.key.range?.[0] ?? 0 };
          return yaml.visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  if (duplicate !== undefined) {
    const pos = lines.linePos(duplicate.at);
    throw new ConfigError(`${shown} is not valid YAML: the key \`${duplicate.key}\` appears twice in one map (line ${pos.line}, column ${pos.col}); keep one`);
  }
  return { doc, lines };
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
