import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { tagTokens } from '../src/nlp/tagger.js';
import { analyze } from '../src/nlp/wink.js';
import { sharedDataPath } from '../src/util/paths.js';

/** Tokens and sentence starts as wink's analyze() gives them, with wink's tags. */
function teacher(text: string) {
  const a = analyze(text);
  return { words: a.tokens.map((t) => t.text), starts: a.sentences.map((s) => s.firstToken), tags: a.tokens.map((t) => t.pos) };
}

describe('POS tagger distilled from wink', () => {
  it('tags plain news sentences like the teacher', () => {
    const text =
      'Police in Paris arrested three men on Tuesday after a protest turned violent. ' +
      'The government said it would not negotiate with the rebels, who control 40% of the region.';
    const { words, starts, tags } = teacher(text);
    const got = tagTokens(words, starts);
    expect(got).toHaveLength(words.length);
    const at = (w: string) => got[words.indexOf(w)];
    expect(at('Police')).toBe('PROPN'); // wink's choice for a capitalized sentence opener
    expect(at('men')).toBe('NOUN');
    expect(at('Paris')).toBe('PROPN');
    expect(at('arrested')).toBe('VERB');
    expect(at('three')).toBe('NUM');
    expect(at('would')).toBe('AUX');
    expect(at(',')).toBe('PUNCT');
    expect(at('%')).toBe('SYM');
    const agree = got.filter((t, i) => t === tags[i]).length;
    expect(agree / words.length).toBeGreaterThanOrEqual(0.95);
  });

  it('reads the context: the same word as noun and as verb', () => {
    const got = tagTokens(['They', 'will', 'attack', 'the', 'town', '.', 'The', 'attack', 'killed', 'five', '.'], [0, 6]);
    expect(got[2]).toBe('VERB');
    expect(got[7]).toBe('NOUN');
    expect(got[3]).toBe('DET');
  });

  it('tags a detached \'s as wink does (PART), an attached one by context', () => {
    for (const text of ["It 's fine and that 's all.", "It's fine and that's all."]) {
      const a = analyze(text);
      const words = a.tokens.map((t) => t.text);
      const got = tagTokens(words, [0], a.tokens.map((t) => t.spaceBefore));
      expect(got).toEqual(a.tokens.map((t) => t.pos));
    }
  });

  it('gives the same tags whatever was tagged before (cached word types)', () => {
    const words = ['Unheard-of', 'Zorblatt', 'Industries', 'announced', 'layoffs', 'yesterday', '.'];
    const first = tagTokens(words, [0]);
    tagTokens(['Something', 'else', 'entirely', ',', 'Zorblatt', 'said', '.'], [0]);
    expect(tagTokens(words, [0])).toEqual(first);
    expect(tagTokens([], [])).toEqual([]);
  });

  const news = sharedDataPath('news', 'wikinews-en.jsonl');
  it.skipIf(!existsSync(news))('agrees with wink on >= 98.5 % of the tokens of 20 Wikinews articles', () => {
    const lines = readFileSync(news, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('//'));
    let right = 0;
    let total = 0;
    for (const line of lines.slice(0, 20)) {
      const { words, starts, tags } = teacher(JSON.parse(line).text as string);
      const got = tagTokens(words, starts);
      for (let i = 0; i < got.length; i++) if (got[i] === tags[i]) right++;
      total += got.length;
    }
    expect(total).toBeGreaterThan(5000);
    expect(right / total).toBeGreaterThanOrEqual(0.985);
  });
});
