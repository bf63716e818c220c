/**
 * schemas/emoji-shortcodes.json is generated from the gemoji package (GitHub's emoji names). This
 * test fails when it is stale; UPDATE_SHORTCODES=1 rewrites it.
 */
import { expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { gemoji } from 'gemoji';
import { shortcodeEmoji, shortcodesFile } from '../src/core/shortcodes.js';

it('the shortcode table is gemoji', () => {
  const table: Record<string, string> = {};
  for (const g of gemoji) for (const name of g.names) table[name] = g.emoji;
  if (process.env.UPDATE_SHORTCODES) {
    writeFileSync(shortcodesFile(), JSON.stringify(table) + '\n');
    return;
  }
  expect(JSON.parse(readFileSync(shortcodesFile(), 'utf8'))).toEqual(table);
  expect(shortcodeEmoji('white_check_mark')).toBe('✅');
  expect(shortcodeEmoji('hourglass_flowing_sand')).toBe('⏳');
  expect(shortcodeEmoji('constructor')).toBeUndefined();
  expect(shortcodeEmoji('no_such_emoji')).toBeUndefined();
});
