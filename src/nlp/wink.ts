// The one module that knows wink-nlp (with its English lite model): the TEACHER of our own English
// layer (src/nlp/english.ts). The pipeline does not run it; the training scripts
// (src/nlp/training/) and `sitrep eval nlp` do, so wink is a devDependency.
// Its output: our own Token and Sentence types with character offsets.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Sentence, Token } from '../document/types.js';

type WinkInstance = ReturnType<typeof winkNLP>;
let instance: WinkInstance | null = null;

function nlp(): WinkInstance {
  // Loading the model takes ~100 ms; do it once per process (or worker thread).
  // Only sentence splitting and POS tagging are used: wink's own entity recognizer, negation
  // and sentiment passes cost about a quarter of the time and change none of our outputs.
  if (!instance) instance = winkNLP(model, ['sbd', 'pos']);
  return instance;
}

const LETTERS = /^\p{L}+$/u;
const NON_ASCII = /[^\x00-\x7F]/;
const WHITESPACE = /\s/;

/** Whether a character code is whitespace; the common ASCII cases without a regex (hot path). */
function isSpaceCode(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  if (code < 128) return false;
  return WHITESPACE.test(String.fromCharCode(code));
}

/** Whether a string has a non-whitespace character (a token's value is all one or the other). */
function hasNonSpace(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isSpaceCode(value.charCodeAt(i))) return true;
  return false;
}

export interface Analysis {
  tokens: Token[];
  sentences: Sentence[];
}

/**
 * Tokenize, split sentences and tag parts of speech. Offsets are recovered by walking the
 * source text: wink keeps each token's surface form, so a forward search from the previous
 * token's end finds it; a token that cannot be found (never seen so far) is skipped rather
 * than given a wrong offset.
 */
export function analyze(text: string): Analysis {
  const engine = nlp();
  // wink's typings for `its.lemma` and sentence callbacks are looser than strict mode likes.
  const its = engine.its as unknown as Record<string, never>;
  const doc = engine.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const normals = doc.tokens().out(its.normal) as string[];
  const lemmas = doc.tokens().out(its.lemma) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  const tokenIndexByWink: number[] = new Array(values.length).fill(-1);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!hasNonSpace(value)) continue; // line-break tokens carry no words
    let at = text.startsWith(value, cursor) ? cursor : text.indexOf(value, cursor);
    if (at < 0) continue;
    // Guard against a far jump (the value occurring only much later): accept only if the
    // gap is whitespace, otherwise skip this token.
    if (at - cursor > 2 && hasNonSpace(text.slice(cursor, at))) {
      continue;
    }
    // wink splits words at some non-ASCII letters ("Brudziński" -> "Brudzi" "ń" "ski"):
    // glue letter runs that touch back into one token when either side has such a letter.
    const previous = tokens[tokens.length - 1];
    if (
      previous &&
      previous.end === at &&
      LETTERS.test(value) &&
      LETTERS.test(previous.text) &&
      (NON_ASCII.test(value) || NON_ASCII.test(previous.text))
    ) {
      previous.text += value;
      previous.end = at + value.length;
      previous.normal += normals[i]!;
      previous.lemma = previous.normal;
      // A lone letter is tagged X or SYM; the glued word is tagged by its longer part, and a
      // capitalized glued word the tagger could not place is taken for a name.
      if (previous.pos === 'X' || previous.pos === 'SYM' || tags[i] === 'PROPN') previous.pos = tags[i]!;
      if (['X', 'SYM', 'NOUN'].includes(previous.pos) && /^\p{Lu}/u.test(previous.text)) previous.pos = 'PROPN';
      tokenIndexByWink[i] = previous.index;
      cursor = previous.end;
      continue;
    }
    tokenIndexByWink[i] = tokens.length;
    tokens.push({
      index: tokens.length,
      text: value,
      start: at,
      end: at + value.length,
      normal: normals[i]!,
      lemma: lemmas[i] ?? normals[i]!,
      pos: tags[i]!,
      sentence: 0,
      spaceBefore: at > 0 && isSpaceCode(text.charCodeAt(at - 1)),
    });
    cursor = at + value.length;
  }
  const sentences: Sentence[] = [];
  doc.sentences().each((s: { out(f: unknown): unknown }) => {
    const [first, last] = s.out(its.span) as unknown as [number, number];
    let a = first;
    while (a <= last && tokenIndexByWink[a] === -1) a++;
    let b = last;
    while (b >= a && tokenIndexByWink[b] === -1) b--;
    if (a > b) return;
    const firstToken = tokenIndexByWink[a]!;
    const endToken = tokenIndexByWink[b]! + 1;
    const index = sentences.length;
    for (let t = firstToken; t < endToken; t++) tokens[t]!.sentence = index;
    sentences.push({ index, start: tokens[firstToken]!.start, end: tokens[endToken - 1]!.end, firstToken, endToken });
  });
  return { tokens, sentences };
}
