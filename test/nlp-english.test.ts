import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../src/nlp/english.js';
import { evaluateNlp } from '../src/eval/nlp.js';
import { projectRoot, sharedDataPath } from '../src/util/paths.js';

describe('English layer (tokens, sentences, normal, lemma, POS with offsets)', () => {
  it('gives every token its offsets, sentence and tags', () => {
    const text = 'Pakistan’s army said it had killed 12 militants. The Taliban didn\'t respond.\n\nTalks resumed in Doha.';
    const { tokens, sentences } = analyze(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Pakistan’s army said it had killed 12 militants.',
      "The Taliban didn't respond.",
      'Talks resumed in Doha.',
    ]);
    const byText = (w: string) => tokens.find((t) => t.text === w)!;
    expect(byText('killed')).toMatchObject({ pos: 'VERB', lemma: 'kill', sentence: 0 });
    expect(byText('militants')).toMatchObject({ pos: 'NOUN', lemma: 'militant' });
    expect(byText("n't")).toMatchObject({ normal: 'not', sentence: 1 });
    expect(byText('resumed')).toMatchObject({ lemma: 'resume', sentence: 2, spaceBefore: true });
    expect(byText('12').pos).toBe('NUM');
  });

  it('treats words that name Object properties as plain words', () => {
    const { tokens } = analyze("The constructor's toString said hasOwnProperty.");
    for (const t of tokens) {
      expect(typeof t.normal).toBe('string');
      expect(typeof t.lemma).toBe('string');
    }
    expect(tokens.find((t) => t.text === 'constructor')!.lemma).toBe('constructor');
  });

  it('agrees with its teacher on the bundled sample wire', async () => {
    const r = await evaluateNlp({ gold: path.join(projectRoot, 'samples', 'articles', 'wire-2023.jsonl') });
    expect(r.metrics.tokenF1).toBeGreaterThan(0.995);
    expect(r.metrics.sentenceF1).toBeGreaterThan(0.97);
    expect(r.metrics.posAgreement).toBeGreaterThan(0.96);
    expect(r.metrics.lemmaAgreement).toBeGreaterThan(0.98);
  });
});

const meantime = sharedDataPath('times', 'meantime-en.jsonl');
describe.skipIf(!existsSync(meantime))('English layer against wink on MEANTIME (needs ../shared/data/times)', () => {
  it('keeps token, sentence, POS and lemma agreement above the floors', async () => {
    // measured 2026-11-25: tokens F1 100.00, sentences 99.81, POS 98.88, normal 99.99, lemma 99.68
    const r = await evaluateNlp({ gold: meantime });
    expect(r.metrics.tokenF1).toBeGreaterThan(0.995);
    expect(r.metrics.sentenceF1).toBeGreaterThan(0.985);
    expect(r.metrics.posAgreement).toBeGreaterThan(0.975);
    expect(r.metrics.normalAgreement).toBeGreaterThan(0.995);
    expect(r.metrics.lemmaAgreement).toBeGreaterThan(0.99);
  });
});
