// Pathological markdown for the fuzz test (test/bounded.test.ts) and bench/pathological.mjs: the
// shapes that make a markdown parser's time grow faster than its input (deep nesting, delimiter
// runs, brackets, many short list items, wide tables, long lines), repeated and mixed up to 1 MB.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MAX_SIZE = 1024 * 1024;

/** A normal document of about `size` characters: the fixtures' tracker and TODO list, repeated under numbered headings. */
export function normalDocument(size) {
  const parts = [readFileSync(join(root, 'test/fixtures/status-tracker.example.md'), 'utf8'), readFileSync(join(root, 'test/fixtures/TODO.example.md'), 'utf8')];
  let text = '';
  for (let k = 0; text.length < size; k++) text += `\n## Part ${k}\n\n` + parts[k % 2].replace(/^# /gm, '### ');
  return text.slice(0, size);
}

/** One repeated unit of a pathological shape; `n` sets its depth or width. */
const shapes = {
  listMarkers: (n) => '- '.repeat(n) + 'x\n',
  indentedLists: (n) => Array.from({ length: n }, (_, i) => '  '.repeat(i) + '- a\n').join(''),
  quotes: (n) => '> '.repeat(n) + 'x\n',
  quoteLines: (n) => ('> '.repeat(Math.min(n, 40)) + 'x\n').repeat(50),
  emphasisOpeners: (n) => '*a '.repeat(n) + '\n',
  emphasisClosers: (n) => 'a* '.repeat(n) + '\n',
  emphasisNested: (n) => '*a **b '.repeat(n) + 'c' + '** d*'.repeat(n) + '\n',
  underscores: (n) => '_a '.repeat(n) + '\n',
  tildes: (n) => '~~a '.repeat(n) + '\n',
  delimiterRun: (n) => '*'.repeat(n) + 'x' + '*'.repeat(n) + '\n',
  bracketsOpen: (n) => '[a '.repeat(n) + '\n',
  bracketsNested: (n) => '['.repeat(n) + 'x' + '](y)'.repeat(n) + '\n',
  images: (n) => '![a '.repeat(n) + '\n',
  backticks: (n) => '`a ``b '.repeat(n) + '\n',
  html: (n) => '<a '.repeat(n) + '\n',
  entities: (n) => '&a '.repeat(n) + '\n',
  shortItems: (n) => '- a\n'.repeat(n),
  taskItems: (n) => Array.from({ length: n }, (_, i) => '  '.repeat(i % 6) + `- [${i % 2 ? 'x' : ' '}] t${i}\n`).join(''),
  orderedItems: (n) => Array.from({ length: n }, (_, i) => `${i + 1}. a\n`).join(''),
  wideTable: (n) => '|' + 'a|'.repeat(n) + '\n|' + '-|'.repeat(n) + '\n' + ('|' + 'b|'.repeat(n) + '\n').repeat(4),
  longTable: (n) => '| a | b |\n|---|---|\n' + '| *x* | [y](z) |\n'.repeat(n),
  longLine: (n) => 'word '.repeat(n * 10) + '\n',
  blankLines: (n) => '\n'.repeat(n),
  fences: (n) => '```\n'.repeat(n),
  headings: (n) => '#'.repeat(1 + (n % 6)) + ' h\n',
  setext: (n) => 'a\n' + '='.repeat(n) + '\n',
  htmlComment: (n) => '<!--' + ' x'.repeat(n) + '\n',
  links: (n) => '[a](b '.repeat(n) + '\n',
  references: (n) => Array.from({ length: n }, (_, i) => `[r${i}]: /u${i}\n`).join('') + '[r1] [r2]\n',
};
export const shapeNames = Object.keys(shapes);

/** Build a text from 1–3 shapes (depth or width `n`, separated by `sep`) repeated up to `size`. */
export function build(names, n, sep, size) {
  const units = names.map((name) => shapes[name](n) + sep);
  let text = '';
  for (let k = 0; text.length < size; k++) text += units[k % units.length];
  return text.slice(0, size);
}

/** A fast-check arbitrary of pathological documents up to 1 MB (most of them small). */
export function pathological(fc) {
  const size = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 100, max: 64 * 1024 }) }, { weight: 1, arbitrary: fc.integer({ min: 64 * 1024, max: MAX_SIZE }) });
  const depth = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 40, max: 5000 }));
  return fc
    .record({ names: fc.array(fc.constantFrom(...shapeNames), { minLength: 1, maxLength: 3 }), n: depth, sep: fc.constantFrom('', '\n', '\n\n', 'text\n'), size })
    .map(({ names, n, sep, size }) => build(names, n, sep, size));
}
