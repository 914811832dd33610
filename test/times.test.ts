import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { annotateTimes } from '../src/annotators/times.js';
import { recognizeTimes } from '../src/annotators/times/recognizer.js';
import { evaluateTimes } from '../src/eval/times.js';
import type { AnnotationContext } from '../src/pipeline/context.js';
import { sharedDataPath } from '../src/util/paths.js';

function times(text: string, published: string) {
  const ctx: AnnotationContext = {
    doc: { id: 't', title: null, url: null, source: null, published, language: 'en', text },
    tokens: [],
    sentences: [],
    referenceDate: published,
    times: [],
    places: [],
    actors: [],
    quotes: [],
    events: [],
  };
  const found = annotateTimes(ctx);
  for (const t of found) expect(text.slice(t.start, t.end)).toBe(t.text);
  return found;
}

function one(text: string, published: string, phrase: string) {
  const t = times(text, published).find((x) => x.text === phrase);
  expect(t, `"${phrase}" should be found in: ${text}`).toBeDefined();
  return t!;
}

describe('deictic expressions (anchored at the publication date, past preferred)', () => {
  it('"last September" in May 2022 is September 2021', () => {
    const t = one('The rebels took the town last September.', '2022-05-10', 'last September');
    expect(t).toMatchObject({ value: '2021-09', precision: 'month', anchor: 'publication', type: 'DATE' });
  });
  it('"March last year" is one expression', () => {
    const found = times('Talks collapsed in March last year, officials said.', '2022-05-10');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ text: 'March last year', value: '2021-03', precision: 'month' });
  });
  it('a bare month still ahead of publication is last year\'s', () => {
    expect(one('Prices fell in October.', '2022-05-10', 'October').value).toBe('2021-10');
  });
  it('"yesterday" is the day before publication', () => {
    expect(one('Troops crossed the border yesterday.', '2022-03-01', 'yesterday')).toMatchObject({
      value: '2022-02-28',
      precision: 'day',
      anchor: 'publication',
    });
  });
  it('a weekday is the last one before publication, or the next one when the clause is future', () => {
    // 2022-05-12 is a Thursday
    expect(one('The army said on Tuesday that it had withdrawn.', '2022-05-12', 'Tuesday').value).toBe('2022-05-10');
    expect(one('The ministers will meet on Tuesday in Geneva.', '2022-05-12', 'Tuesday').value).toBe('2022-05-17');
    expect(one('Police said Thursday the road was open.', '2022-05-12', 'Thursday').value).toBe('2022-05-12');
  });
  it('seasons', () => {
    expect(one('Fighting resumed last fall.', '2022-05-10', 'last fall')).toMatchObject({ value: '2021-FA', precision: 'season' });
    expect(one('Elections are due this summer.', '2022-05-10', 'this summer').value).toBe('2022-SU');
  });
  it('"now" is the present reference', () => {
    expect(one('The city is now under curfew.', '2022-05-10', 'now')).toMatchObject({ value: 'PRESENT_REF', precision: 'ref' });
  });
  it('weeks, quarters and parts of day', () => {
    expect(one('Clashes erupted this week.', '2021-11-24', 'this week').value).toBe('2021-W47');
    expect(one('Profit rose in the third quarter.', '2021-11-24', 'the third quarter').value).toBe('2021-Q3');
    expect(one('Shelling resumed this morning.', '2021-03-03', 'this morning')).toMatchObject({ value: '2021-03-03TMO', type: 'TIME' });
  });
});

describe('anaphoric expressions (anchored at the narrative time)', () => {
  it('"two weeks later" after 3 March 2021 is week 11 of 2021', () => {
    const t = one('The army seized the airport on 3 March 2021. Two weeks later, the rebels retook it.', '2021-06-01', 'Two weeks later');
    expect(t).toMatchObject({ value: '2021-W11', precision: 'week', anchor: 'narrative' });
  });
  it('"the following year" counts from the last year mentioned', () => {
    const t = one('He was arrested in 1996 and the following year he was released.', '2021-06-01', 'the following year');
    expect(t).toMatchObject({ value: '1997', anchor: 'narrative' });
  });
  it('"the next day" counts from the last day mentioned', () => {
    expect(one('Talks began on March 3, 2021. The next day, they failed.', '2021-06-01', 'The next day').value).toBe('2021-03-04');
  });
});

describe('absolute dates, durations and sets', () => {
  it('full dates keep their own year', () => {
    expect(one('The accord was signed on Aug. 7, 1998, in Nairobi.', '2021-06-01', 'Aug. 7, 1998')).toMatchObject({
      value: '1998-08-07',
      anchor: 'absolute',
    });
  });
  it('"eight months" is P8M', () => {
    expect(one('The siege lasted eight months.', '2022-05-10', 'eight months')).toMatchObject({
      value: 'P8M',
      type: 'DURATION',
      precision: 'duration',
    });
  });
  it('"every week" is a set P1W', () => {
    expect(one('Protesters gather every week in the square.', '2022-05-10', 'every week')).toMatchObject({ value: 'P1W', type: 'SET' });
  });
  it('decades and clock times', () => {
    expect(one('The group was founded in the 1990s.', '2022-05-10', 'the 1990s').value).toBe('199');
    expect(one('The blast came at 10 p.m. Wednesday.', '2022-05-12', '10 p.m. Wednesday').value).toBe('2022-05-11T22:00');
  });
  it('offsets hold on a longer text, and ages and prices are not times', () => {
    const text = 'A 6-year-old boy and a 52-year-old man were hurt. Shares rose to $2,000 on Monday, March 7, 2022. 1,990 people fled.';
    const found = recognizeTimes(text, '2022-03-08');
    for (const t of found) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(found.map((t) => t.text)).toEqual(['Monday, March 7, 2022']);
  });
});

const timebank = sharedDataPath('times', 'timebank-aquaint.jsonl');
const meantime = sharedDataPath('times', 'meantime-en.jsonl');

describe.skipIf(!existsSync(timebank))('TimeBank-AQUAINT floors (needs ../shared/data/times)', () => {
  it('relaxed span F1 and value accuracy stay well above the floors', async () => {
    const { metrics } = await evaluateTimes({ gold: timebank });
    expect(metrics.relaxedF1).toBeGreaterThan(0.85);
    expect(metrics.strictF1).toBeGreaterThan(0.75);
    expect(metrics.valueAccuracy).toBeGreaterThan(0.75);
  });
});

describe.skipIf(!existsSync(meantime))('MEANTIME floors (needs ../shared/data/times)', () => {
  it('relaxed span F1 and value accuracy stay well above the floors', async () => {
    const { metrics } = await evaluateTimes({ gold: meantime });
    expect(metrics.relaxedF1).toBeGreaterThan(0.83);
    expect(metrics.valueAccuracy).toBeGreaterThan(0.75);
  });
});
