// The English layer the pipeline runs on: tokens, sentences, normal forms, lemmas and Universal
// POS tags, each token with its character offsets. Our own, fast parts (tokenize.ts,
// lemmatize.ts, tagger.ts) distilled from wink-nlp, which stays as the teacher they are trained
// and checked against (src/nlp/wink.ts, src/nlp/training/). Everything else talks to the Token
// and Sentence types of src/document/types.ts.
import type { Sentence, Token } from '../document/types.js';
import { segment } from './tokenize.js';
import { normalsAndLemmas } from './lemmatize.js';
import { preparedTypes, prepareSpans, tagPrepared, typesEpoch } from './tagger.js';

export interface Analysis {
  tokens: Token[];
  sentences: Sentence[];
  /**
   * Each token's word id, by token index: the tagger's number for the token's text (its word
   * type, src/nlp/tagger.ts). Every token with the same text has the same id, so an annotator can
   * keep what it knows of a word in arrays indexed by it instead of looking the text up. Not a
   * Token property: events.ts copies tokens as literals of exactly Token's properties, and a token
   * of another shape deoptimizes the compiled code that reads it. The tagger reuses ids once it
   * forgets its word types (after ~100k of them), so a memo by id must check that an entry was
   * made for the token's text.
   */
  wordIds: Int32Array;
}

/** Whether the character before `at` is whitespace (the common ASCII cases without a regex). */
function spaceBefore(text: string, at: number): boolean {
  if (at === 0) return false;
  const code = text.charCodeAt(at - 1);
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  if (code < 128) return false;
  return /\s/.test(text[at - 1]!);
}

/** Tokenize, split sentences, normalize, tag and lemmatize one text. */
export function analyze(text: string): Analysis {
  const { starts, ends, sentenceStarts } = segment(text);
  const count = starts.length;
  // the tagger's word types give each token its text without slicing it out (see tagger.ts)
  const texts = prepareSpans(text, starts, ends, sentenceStarts);
  // The arrays here and in the parts grow by push, not new Array(count): TurboFan allocates
  // new Array(n) inline only below ~16k elements and deoptimizes the whole compiled analyze()
  // when a longer text comes (one 104 KB article of the bench has 24k tokens), on every pass.
  const spaced: boolean[] = [];
  for (let i = 0; i < count; i++) spaced.push(spaceBefore(text, starts[i]!));
  const tags = tagPrepared(texts, spaced);
  // contractions expand only when written glued ("don't"), so the normals need the spacing
  const normals: string[] = [];
  const lemmas: string[] = [];
  const types = preparedTypes();
  normalsAndLemmas(texts, types, typesEpoch(), tags, spaced, normals, lemmas);
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  for (let s = 0; s < sentenceStarts.length; s++) {
    const firstToken = sentenceStarts[s]!;
    const endToken = s + 1 < sentenceStarts.length ? sentenceStarts[s + 1]! : count;
    for (let i = firstToken; i < endToken; i++) {
      tokens.push({
        index: i,
        text: texts[i]!,
        start: starts[i]!,
        end: ends[i]!,
        normal: normals[i]!,
        lemma: lemmas[i]!,
        pos: tags[i]!,
        sentence: s,
        spaceBefore: spaced[i]!,
      });
    }
    sentences.push({ index: s, start: starts[firstToken]!, end: ends[endToken - 1]!, firstToken, endToken });
  }
  // (a copy: the tagger reuses its array for the next text)
  return { tokens, sentences, wordIds: types.slice(0, count) };
}
