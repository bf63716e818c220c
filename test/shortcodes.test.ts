/**
 * src/core/shortcodes-table.ts is generated from the gemoji package (GitHub's emoji names). This
 * test fails when it is stale; UPDATE_SHORTCODES=1 rewrites it.
 */
import { expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gemoji } from 'gemoji';
import { shortcodeTable } from '../src/core/shortcodes-table.js';
import { shortcodeEmoji } from '../src/core/shortcodes.js';
import { projectRoot } from './helpers.js';

it('the shortcode table is gemoji', () => {
  const table = gemoji.flatMap((g) => g.names.map((n) => `${n}:${g.emoji}`)).join(',');
  if (process.env.UPDATE_SHORTCODES) {
    const file = join(projectRoot, 'src/core/shortcodes-table.ts');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/shortcodeTable =\n  ".*";/s, `shortcodeTable =\n  ${JSON.stringify(table)};`));
    return;
  }
  expect(shortcodeTable).toBe(table);
  expect(shortcodeEmoji('white_check_mark')).toBe('✅');
  expect(shortcodeEmoji('hourglass_flowing_sand')).toBe('⏳');
  expect(shortcodeEmoji('no_such_emoji')).toBeUndefined();
});
