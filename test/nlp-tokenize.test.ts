import { describe, expect, it } from 'vitest';
import { segment } from '../src/nlp/tokenize.js';

/** Token texts of a segmentation, with "|" before each sentence start after the first. */
function show(text: string): string {
  const s = segment(text);
  const firsts = new Set(s.sentenceStarts);
  return s.starts.map((a, i) => (i > 0 && firsts.has(i) ? '| ' : '') + text.slice(a, s.ends[i])).join(' ');
}

describe('segment (wink-compatible tokenizer)', () => {
  it('splits contractions and possessives as wink does', () => {
    // wink keeps "Trump's" whole before a comma (its recursive word pass) but splits it before a space.
    expect(show("I can't say it's Trump's, and they're sure I'm right about Trump's plan.")).toBe(
      "I ca n't say it 's Trump's , and they 're sure I'm right about Trump 's plan .",
    );
    expect(show('We don’t know.')).toBe('We do n’t know .');
  });

  it('keeps abbreviations, initials and numbers whole', () => {
    expect(show('Dr. Smith of the U.S. Army paid US$1,000 at 6.4% in the 1970s on Oct. 14th.')).toBe(
      'Dr. Smith of the U.S. Army paid US$ 1,000 at 6.4 % in the 1970s on Oct. 14th .',
    );
    expect(show('John E. Smith met Gen. Lee at 5 p.m. today.')).toBe('John E. Smith met Gen. Lee at 5 p.m. today .');
  });

  it('keeps hyphenated words with a listed prefix or a digit, splits the rest', () => {
    expect(show('A co-author of the anti-war COVID-19 well-known report.')).toBe(
      'A co-author of the anti-war COVID-19 well - known report .',
    );
  });

  it('splits sentences after marks, with closing quotes, and at blank lines', () => {
    expect(show('He left. "Why?" she asked.\n\nNew paragraph')).toBe('He left . | " Why ? " | she asked . | New paragraph');
    expect(show('Acme Inc. The firm grew. Mr. Jones left.')).toBe('Acme Inc. | The firm grew . | Mr. Jones left .');
  });

  it('glues letter runs wink splits at non-ASCII letters, and gives offsets into the text', () => {
    const text = 'Brudziński said ... www.bbc.com';
    const s = segment(text);
    expect(s.starts.map((a, i) => text.slice(a, s.ends[i]))).toEqual(['Brudziński', 'said', '...', 'www', '.', 'bbc', '.', 'com']);
    expect(segment('').sentenceStarts).toEqual([]);
  });
});
