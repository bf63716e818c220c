/**
 * The mojibake repair must not touch correct text. Upper-case accented letters are Windows-1252's
 * UTF-8 lead bytes and typographic punctuation its continuation bytes, so `“CAFÉ”` looks like a
 * sequence (`É”` would decode to `ɔ`). A repair applies only when the repaired text is more
 * plausible than the original. The corpus in test/fixtures/field/languages/ (French, German,
 * Portuguese, Turkish, Spanish, Nordic) comes through `lint --fix` byte-identical.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { findMojibake, repairMojibake } from '../src/core/mojibake.js';
import { projectRoot, runCli, tempTree } from './helpers.js';

const corpusDir = join(projectRoot, 'test', 'fixtures', 'field', 'languages');
const corpus = readdirSync(corpusDir).sort();
const trees: ReturnType<typeof tempTree>[] = [];
afterAll(() => trees.forEach((t) => t.cleanup()));

describe('correct text is left alone', () => {
  it.each(['“CAFÉ”', 'NESCAFÉ™', 'JOSÉ…', '«NAÏ»', 'l’été…»', '“IRMÃ”', '“GÜÇ”', '“PÅ”', '“PÄÄ”', '“VOCÊ”', 'A IRMÃ—que', 'DAĞ”', '“NOËL”', 'ÉTÉ—HIVER'])('%s', (text) => {
    expect(findMojibake(text)).toEqual([]);
    expect(repairMojibake(text)).toBe(text);
  });

  it('the six-language corpus has six files', () => {
    expect(corpus).toEqual(['french.md', 'german.md', 'nordic.md', 'portuguese.md', 'spanish.md', 'turkish.md']);
  });

  it.each(corpus)('%s: no finding, and lint --fix leaves it byte-identical', (name) => {
    const bytes = readFileSync(join(corpusDir, name));
    expect(findMojibake(bytes.toString('utf8'))).toEqual([]);
    const t = tempTree({ [name]: bytes });
    trees.push(t);
    const found = JSON.parse(runCli(['lint', name, '--format', 'json'], { cwd: t.dir }).stdout) as { ruleId: string }[];
    expect(found.filter((d) => d.ruleId.startsWith('encoding/'))).toEqual([]);
    runCli(['lint', '--fix', name], { cwd: t.dir });
    expect(readFileSync(join(t.dir, name))).toEqual(bytes);
  });

  it('words in six languages, upper and lower case, in any typographic punctuation, are never repaired', () => {
    const words = fc.constantFrom(
      'CAFÉ', 'NESCAFÉ', 'JOSÉ', 'NAÏ', 'ÉTÉ', 'NOËL', 'CONNAÎT', 'FRÈRE', 'PÊCHÊ', 'GARÇ', 'été', 'déjà', 'naïve', 'élevé',
      'MÜNCHEN', 'STRAßE', 'GRÖßE', 'PÄÄ', 'ÄRGER', 'Übung', 'schön', 'Müller',
      'IRMÃ', 'SÃO', 'AÇÃO', 'VOCÊ', 'ATÉ', 'MAÇÃ', 'JOÃO', 'avó', 'você', 'não',
      'İSTANBUL', 'ŞİŞLİ', 'DAĞ', 'GÜÇ', 'AĞAÇ', 'ÇİĞ', 'GÜNEŞ', 'İÇ', 'ağ', 'güç',
      'ESPAÑA', 'NIÑO', 'ÁNGEL', 'QUÉ', 'ESTÁ', 'AQUÍ', 'JAMÁS', 'sí', 'año', 'así',
      'ÅRHUS', 'PÅ', 'SÅ', 'TRÆ', 'FÆRØ', 'BJØRN', 'ÖSTERSJÖN', 'TYÖ', 'blåbær', 'smørrebrød',
    );
    const wrapped = fc.tuple(words, fc.constantFrom('“%”', '«%»', '«\u00a0%\u00a0»', '„%“', '‘%’', '%…', '%™', '%®', '%’s', '%—', '%–', '(%)', '%…»', '%…”', '»%«', '›%‹', '%!', '¿%?', '%:', '%.'));
    fc.assert(
      fc.property(fc.array(wrapped, { minLength: 1, maxLength: 12 }), fc.constantFrom(' ', ' — ', ', ', '\n'), (parts, sep) => {
        const text = parts.map(([w, frame]) => frame.replace('%', w)).join(sep);
        expect(findMojibake(text)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('real mojibake is still repaired', () => {
  it.each([
    ['cafÃ©', 'café'],
    ['Ã©tÃ©', 'été'],
    ['L’Ã‰COLE', 'L’ÉCOLE'],
    ['Ã\u00a0 la', 'à la'],
    ['RÂ² 0.9', 'R² 0.9'],
    ['25Â°C', '25°C'],
    ['Î»=0.1', 'λ=0.1'],
    ['5æ—¥', '5日'],
    ['æ—¥æœ¬èªž', '日本語'],
    ['âœ… done', '✅ done'],
    ['aâ€”b', 'a—b'],
    ['modelsâ€™ scores', 'models’ scores'],
    ['Ãœber', 'Über'],
    ['MÃ¼ller', 'Müller'],
    ['SÃ£o Paulo', 'São Paulo'],
    ['Ã…RHUS', 'ÅRHUS'],
    ['HÃ…KON', 'HÅKON'],
    ['KÃ–LN', 'KÖLN'],
    ['okðŸŸ¡', 'ok🟡'],
    ['â¸ï¸ Paused', '⏸️ Paused'],
    ['âŒ blocked', '❌ blocked'],
  ])('%s → %s', (broken, clean) => {
    expect(repairMojibake(broken)).toBe(clean);
  });
});
