import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { annotateTimes } from '../src/annotators/times.js';
import { recognizeTimes } from '../src/annotators/times/recognizer.js';
import { evaluateTimes } from '../src/eval/times.js';
import type { AnnotationContext } from '../src/pipeline/context.js';
import { sharedDataPath } from '../src/util/paths.js';
import { analyze } from '../src/nlp/wink.js';
import { clauseTense } from '../src/annotators/times/tense.js';

/** Recognize with the part-of-speech tokens the pipeline gives the annotator. */
function tagged(text: string, published: string, phrase: string) {
  const found = recognizeTimes(text, published, analyze(text).tokens);
  for (const t of found) expect(text.slice(t.start, t.end)).toBe(t.text);
  const t = found.find((x) => x.text === phrase);
  expect(t, `"${phrase}" should be found in: ${text}`).toBeDefined();
  return t!;
}

function tenseOf(text: string, phrase: string) {
  const at = text.indexOf(phrase);
  return clauseTense(analyze(text).tokens, at, at + phrase.length);
}

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

describe('the tense of the governing verb places bare dates', () => {
  it('reads the verb group before the expression, or the first verb after it', () => {
    expect(tenseOf('The army attacked the town on Tuesday.', 'Tuesday')).toBe('past');
    expect(tenseOf('The ministers will meet on Tuesday in Geneva.', 'Tuesday')).toBe('future');
    expect(tenseOf('The delegation planned to leave Lusaka on Thursday.', 'Thursday')).toBe('future');
    expect(tenseOf('The envoy would be traveling to Cairo Thursday.', 'Thursday')).toBe('future');
    expect(tenseOf('The rebels are meeting Friday in Doha.', 'Friday')).toBe('future');
    expect(tenseOf('On Friday, Saddam Hussein tried to scare the Arab leaders.', 'Friday')).toBe('past');
    expect(tenseOf('Apple announced Friday that it will give owners free cases.', 'Friday')).toBe('past');
    expect(tenseOf('The offer had been due to expire Friday evening.', 'Friday')).toBe('past');
    expect(tenseOf('Officials postponed until Tuesday any action on the case.', 'Tuesday')).toBe('future');
    // an infinitive takes its governor's tense unless the governor looks ahead
    expect(tenseOf("When he didn't come to work on Monday, his coworkers called the police.", 'Monday')).toBe('past');
    expect(tenseOf('On the night of May 25, attendees could catch the show.', 'May 25')).not.toBe('future');
  });
  it('a weekday after a past verb is the last one, even with "will" later in the sentence', () => {
    // 2010-07-17 is a Saturday
    expect(tagged('The carmaker announced Friday that it will offer buyers of the model free repairs.', '2010-07-17', 'Friday').value).toBe('2010-07-16');
  });
  it('a weekday after an infinitive of intent or a modal is the next one', () => {
    // 1998-09-30 is a Wednesday
    expect(tagged('The delegation planned to leave Lusaka on Thursday for Harare.', '1998-09-30', 'Thursday').value).toBe('1998-10-01');
    expect(tagged('He said the group might come to the U.S. as soon as Tuesday.', '2000-04-03', 'Tuesday').value).toBe('2000-04-04');
  });
  it('a month after a past verb is the last one, but a near deadline stays ahead', () => {
    expect(tagged('In January, American Medical brought in new managers.', '1989-10-27', 'January').value).toBe('1989-01');
    expect(tagged('The company extended to Nov. 20 its offer for all shares.', '1989-11-02', 'Nov. 20').value).toBe('1989-11-20');
    expect(tagged('The merger should be completed in October.', '2009-06-05', 'October').value).toBe('2009-10');
  });
  it('without tokens the cue words still decide', () => {
    expect(one('The ministers will meet on Tuesday in Geneva.', '2022-05-12', 'Tuesday').value).toBe('2022-05-17');
  });
});

describe('round-2 expressions', () => {
  it('"the previous Friday" counts from the day in focus; an ordinal day is the day in focus', () => {
    // 1989-10-27 is a Friday
    expect(one('On Oct. 27, 1989, the index was down 4.5% from the previous Friday.', '1989-10-30', 'the previous Friday')).toMatchObject({ value: '1989-10-20', anchor: 'narrative' });
    expect(one('In Saudi Arabia, today is the eighth day of the operation.', '1990-08-15', 'the eighth day').value).toBe('1990-08-15');
    expect(one('Trading was suspended for a second consecutive day.', '2008-09-17', 'a second consecutive day').value).toBe('2008-09-17');
    // "the first week of April" is not the week in focus
    expect(times('The prize was awarded in the first week of April.', '2019-05-06').map((t) => t.text)).not.toContain('the first week');
  });
  it('"currently" and the adjective "current" are the present, not "current account"', () => {
    expect(one('The company currently holds 4.2 million shares.', '1989-10-30', 'currently')).toMatchObject({ value: 'PRESENT_REF', type: 'DATE' });
    expect(one('He cited current market conditions.', '1989-10-30', 'current').value).toBe('PRESENT_REF');
    expect(times('The current account deficit widened.', '1989-10-30')).toHaveLength(0);
    expect(one('Sales rose in the current quarter.', '1989-10-30', 'the current quarter').value).toBe('1989-Q4');
  });
  it('"the near term", "the long term" and "a later date" are the future', () => {
    expect(one('The challenges of the near term are large.', '1989-10-30', 'the near term').value).toBe('FUTURE_REF');
    expect(one('It will stay open for the long term.', '2006-05-05', 'the long term').value).toBe('FUTURE_REF');
    expect(one('The bonds will be sold at a later date.', '1989-10-26', 'a later date').value).toBe('FUTURE_REF');
  });
  it('adjectival "daily" and "weekly" are sets', () => {
    expect(one('The mayor spoke in her weekly radio address.', '1998-08-08', 'weekly')).toMatchObject({ value: 'P1W', type: 'SET' });
    expect(one('The agency gives the daily tally of inspections.', '1998-03-06', 'daily')).toMatchObject({ value: 'P1D', type: 'SET' });
  });
  it('clock times in UTC or GMT carry Z, offsets converted', () => {
    expect(one('The jet took off at 18:00 UTC on Tuesday.', '2009-12-16', '18:00 UTC on Tuesday').value).toBe('2009-12-15T18:00Z');
    expect(one('It landed at 6:40 p.m. (GMT +8) after the flight.', '2007-10-17', '6:40 p.m. (GMT +8)').value).toBe('2007-10-17T10:40Z');
    expect(one('The blast came at 10 p.m. Wednesday.', '2022-05-12', '10 p.m. Wednesday').value).toBe('2022-05-11T22:00');
  });
  it('a range of counts is one duration valued at its lower bound', () => {
    expect(one('Shipments resume within two to three weeks.', '1989-10-30', 'two to three weeks')).toMatchObject({ value: 'P2W', type: 'DURATION' });
    expect(one('Purchases are due during the next 12 to 18 months.', '1989-10-30', 'the next 12 to 18 months').value).toBe('P12M');
    expect(times('Prices rose 2 to 3 percent.', '1989-10-30')).toHaveLength(0);
  });
  it('vague durations', () => {
    expect(one('We will have to live without it for a while.', '1998-01-11', 'a while')).toMatchObject({ value: 'PXX', type: 'DURATION' });
    expect(one('Forces could stay in the region for some time.', '1990-08-15', 'some time').type).toBe('DURATION');
    expect(one('Funds may sell junk in the weeks ahead.', '1989-10-27', 'the weeks ahead').value).toBe('PXW');
    expect(one('It settled its decades-long dispute.', '2007-02-06', 'decades-long').value).toBe('PXY');
    expect(one('The rate was the lowest for almost two decades.', '1998-02-06', 'almost two decades').value).toBe('P20Y');
  });
  it('midday, mid-afternoon, Election Day and a month\'s figures', () => {
    expect(one('He appeared before a judge at midday.', '1999-10-08', 'midday').value).toBe('1999-10-08T12:00');
    expect(one('At mid-afternoon yesterday, shares were up.', '1989-11-02', 'mid-afternoon yesterday').value).toBe('1989-11-01TAF');
    expect(one('It is the theme of our campaign until Election Day.', '1998-10-26', 'Election Day').value).toBe('1998-11-03');
    expect(one('Revisions to December\'s figures were small.', '1998-02-06', 'December').value).toBe('1997-12');
  });
});

const timebank = sharedDataPath('times', 'timebank-aquaint.jsonl');
const meantime = sharedDataPath('times', 'meantime-en.jsonl');

describe.skipIf(!existsSync(timebank))('TimeBank-AQUAINT floors (needs ../shared/data/times)', () => {
  it('relaxed span F1 and value accuracy stay well above the floors', async () => {
    const { metrics } = await evaluateTimes({ gold: timebank });
    expect(metrics.relaxedF1).toBeGreaterThan(0.88);
    expect(metrics.strictF1).toBeGreaterThan(0.8);
    expect(metrics.valueAccuracy).toBeGreaterThan(0.8);
  });
});

describe.skipIf(!existsSync(timebank))('TimeBank by parts (rules should hold on every fifth of the documents)', () => {
  it('each fold and the WSJ / non-WSJ halves stay above the floors', async () => {
    for (const part of ['fold:0/5', 'fold:3/5', '^(wsj|WSJ)', '^(?!wsj|WSJ)']) {
      const { metrics } = await evaluateTimes({ gold: timebank, part });
      expect(metrics.relaxedF1, part).toBeGreaterThan(0.87);
      expect(metrics.valueAccuracy, part).toBeGreaterThan(0.78);
    }
  });
});

describe.skipIf(!existsSync(meantime))('MEANTIME floors (needs ../shared/data/times)', () => {
  it('relaxed span F1 and value accuracy stay well above the floors', async () => {
    const { metrics } = await evaluateTimes({ gold: meantime });
    expect(metrics.relaxedF1).toBeGreaterThan(0.87);
    expect(metrics.valueAccuracy).toBeGreaterThan(0.82);
  });
});
