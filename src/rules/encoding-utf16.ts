import { defineRule } from './define.js';

export default defineRule({
  id: 'encoding/utf16',
  description: 'A file stored as UTF-16 (with a byte-order mark). trackdocs reads it, but git diffs, grep and most tools expect UTF-8. Fix: re-save it as UTF-8.',
  severity: 'warning',
  appliesTo: 'all',
  fixable: true,
  code: 'Reads how the file is stored, everywhere: code is stored the same way.',
  check(ctx) {
    const storage = ctx.doc.storage;
    if (!storage || storage.encoding === 'utf-8') return;
    const name = storage.encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
    ctx.report({
      message: `Unexpected ${name} encoding, expected UTF-8 (git shows UTF-16 as binary and most tools cannot read it)`,
      start: 0,
      end: 0,
      actual: name,
      expected: 'UTF-8',
      resave: true,
    });
  },
});
