/** GitHub emoji shortcodes: `white_check_mark` → ✅. The table is split into a map on first use. */
import { shortcodeTable } from './shortcodes-table.js';

let map: Map<string, string> | undefined;

export function shortcodeEmoji(name: string): string | undefined {
  if (!map) {
    map = new Map();
    for (const pair of shortcodeTable.split(',')) {
      const at = pair.indexOf(':');
      map.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  return map.get(name);
}
