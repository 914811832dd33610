import { describe, expect, it } from 'vitest';
import { lemmasOf, normalsOf } from '../src/nlp/lemmatize.js';

describe('normalsOf', () => {
  it('expands glued contractions by context and keeps possessives', () => {
    const texts = ['It', "'s", 'Obama', "'s", 'call', ';', 'let', "'s", 'go', ',', 'we', 'ca', "n't", ',', 'they', 'wo', 'n’t'];
    expect(normalsOf(texts)).toEqual(['it', 'is', 'obama', "'s", 'call', ';', 'let', 'us', 'go', ',', 'we', 'can', 'not', ',', 'they', 'will', 'not']);
  });
  it('leaves clitics written apart (pre-tokenized text) unexpanded', () => {
    const texts = ['We', 'do', "n't", 'know'];
    expect(normalsOf(texts, [false, true, true, true])).toEqual(['we', 'do', "n't", 'know']);
    expect(normalsOf(texts, [false, true, false, true])).toEqual(['we', 'do', 'not', 'know']);
  });
  it('maps British spellings and wink quirks', () => {
    expect(normalsOf(['Organisation', 'centres', 'Defence', 'criticised', 'through', 'colour'])).toEqual([
      'organization', 'centers', 'defense', 'criticized', 'thru', 'color',
    ]);
  });
});

describe('lemmasOf', () => {
  const lemmas = (texts: string[], tags: string[]) => lemmasOf(texts, normalsOf(texts), tags);
  it('lemmatizes by tag', () => {
    expect(lemmas(['killed', 'went', 'hoped', 'forces', 'children', 'bigger', 'was'], ['VERB', 'VERB', 'VERB', 'NOUN', 'NOUN', 'ADJ', 'AUX'])).toEqual([
      'kill', 'go', 'hope', 'force', 'child', 'big', 'be',
    ]);
    // the same word under another tag keeps its form: wink lemmatized NOUN, VERB and ADJ only
    expect(lemmas(['forces', 'Forces'], ['VERB', 'PROPN'])).toEqual(['force', 'forces']);
  });
  it('gives contractions their lemma and keeps the capital of names wink kept', () => {
    expect(lemmas(['It', "'s", 'United', 'States', 'Uruguay'], ['PRON', 'AUX', 'PROPN', 'PROPN', 'PROPN'])).toEqual([
      'it', 'be', 'United', 'States', 'Uruguay',
    ]);
  });
  it('handles unseen regular verbs and leaves hyphenated compounds whole', () => {
    expect(lemmas(['blorfed', 'counter-protesters', 'zizzing'], ['VERB', 'NOUN', 'VERB'])[1]).toBe('counter-protesters');
    expect(lemmas(['tweeted', 'retweets'], ['VERB', 'VERB'])).toEqual(['tweet', 'retweet']);
  });
});
