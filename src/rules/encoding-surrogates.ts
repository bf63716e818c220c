import { defineRule } from './define.js';

const hex = (bytes: Iterable<number>) => [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/** A UTF-16 code unit as the 3-byte UTF-8 form a surrogate half gets when encoded on its own. */
const halfBytes = (unit: number) => [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)];

export default defineRule({
  id: 'encoding/surrogates',
  description: 'A character beyond U+FFFF (most emoji) written as two UTF-16 surrogate halves, each encoded on its own (CESU-8), which is not valid UTF-8. trackdocs reads the character it stands for. Fix: write it as UTF-8.',
  severity: 'error',
  appliesTo: 'all',
  fixable: true,
  code: 'Reads how the file is stored, everywhere: code is stored the same way.',
  check(ctx) {
    const { storage, text } = ctx.doc;
    for (const pair of storage?.surrogatePairs ?? []) {
      const char = text.slice(pair.offset, pair.offset + 2);
      ctx.report({
        message: `Unexpected ${char} written as two surrogate halves (${hex([...halfBytes(char.charCodeAt(0)), ...halfBytes(char.charCodeAt(1))])} at byte ${pair.byteOffset}), expected UTF-8 (${hex(new TextEncoder().encode(char))})`,
        start: pair.offset,
        end: pair.offset + 2,
        actual: 'CESU-8',
        expected: 'UTF-8',
        resave: true,
      });
    }
  },
});
