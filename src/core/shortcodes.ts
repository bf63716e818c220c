/**
 * GitHub emoji shortcodes: `white_check_mark` → ✅. The table (schemas/emoji-shortcodes.json,
 * generated from the gemoji package; test/shortcodes.test.ts keeps it current) is read on first
 * use only: a document without a `:shortcode:` never loads it, and the bundle the pre-commit hook
 * loads stays 50 KB smaller (about 2% of a one-file lint run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../io/package-root.js';

let table: Record<string, string> | undefined;

export const shortcodesFile = () => join(packageRoot(), 'schemas', 'emoji-shortcodes.json');

export function shortcodeEmoji(name: string): string | undefined {
  table ??= JSON.parse(readFileSync(shortcodesFile(), 'utf8')) as Record<string, string>;
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
