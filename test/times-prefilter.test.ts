// The time recognizer skips a rule when the text lacks the words every match of that rule
// holds (RULE_NEEDS in src/annotators/times/recognizer.ts). That is only an optimization if
// it never hides a match: here every match of every rule, on hand-written phrasings and on
// the evaluation texts, must hold one word of each of its groups (the match and the few
// characters after it, which a lookahead may read).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { internals } from '../src/annotators/times/recognizer.js';
import { sharedDataPath } from '../src/util/paths.js';

const LOOKAHEAD = 80;

/** the matches of rules whose words are missing from the match (and what follows it) */
function violations(text: string): string[] {
  const out: string[] = [];
  for (const rule of internals.RULES) {
    const needs = internals.RULE_NEEDS[rule.name];
    if (!needs) continue;
    const re = new RegExp(rule.re.source, rule.re.flags);
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const around = text.slice(m.index, m.index + m[0].length + LOOKAHEAD).toLowerCase();
      for (const group of needs) {
        if (!group.some((w) => around.includes(w))) out.push(`${rule.name}: "${m[0]}" lacks all of ${group.join('|')}`);
      }
    }
  }
  return out;
}

describe('time rule pre-checks', () => {
  it('every rule with pre-check words is a known rule', () => {
    const names = new Set(internals.RULES.map((r) => r.name));
    for (const name of Object.keys(internals.RULE_NEEDS)) expect(names.has(name), name).toBe(true);
  });

  it('hides no match in hand-written phrasings', () => {
    const text = [
      'In the 1990s and the mid-80s, in the early twenties, the 21st century and the nineteenth century.',
      'The second quarter, the first half of 1998, Q3 2001, the quarter, the year-ago quarter, a year earlier.',
      "Last spring, in autumn 1999, this winter, New Year's Day, New Year’s Eve, Christmas, Thanksgiving Day, Election Day.",
      'Three years ago, two days later, a week earlier, 5 years from now, 2 1/2 centuries hence, a decade before.',
      'Eight months, a fortnight, five-year, twenty-four hours, the past few weeks, for years, for a while, for some time.',
      'Decades-long, multi-year, several-week, the weeks ahead, every other week, each Thursday, daily, semi-annually.',
      'Twice a year, once a month, three times per week, midmorning Tuesday, mid-afternoon yesterday, this morning.',
      'Late in the year, earlier in the day, the year that ended, the fiscal year ending, at year-end, the latest quarter.',
      'The day before yesterday, over the weekend, for the year, the third straight year, the 10th consecutive month.',
      'On Monday, the following Friday, today, tonight, last month, next week, this century, March 3, 3 March 2001.',
      'Sept. 4, Aug 2009, last May, early January, nineteen ninety-six, 2001-05-04, 5/4/2001, at 5 p.m. Monday.',
    ].join('\n');
    expect(violations(text)).toEqual([]);
  });

  const files = [
    'news/wikinews-en.jsonl',
    'times/timebank-aquaint.jsonl',
    'times/meantime-en.jsonl',
    'events/osorio-multicoder.jsonl',
    'events/plover-gsr-dev.jsonl',
    'quotes/polnear-dev.jsonl',
  ].map((f) => sharedDataPath(...f.split('/')));
  const present = files.filter((f) => existsSync(f));
  describe.skipIf(present.length === 0)('evaluation texts (skipped: /work/shared/data is absent)', () => {
    it('hides no match in the evaluation texts', () => {
      const found: string[] = [];
      for (const file of present) {
        for (const line of readFileSync(file, 'utf8').split('\n')) {
          if (!line.trim()) continue;
          const record = JSON.parse(line) as { text?: unknown };
          if (typeof record.text === 'string') found.push(...violations(record.text));
        }
      }
      expect(found.slice(0, 20)).toEqual([]);
    });
  });
});

// Anchored rules (RULE_ANCHORS) are run only near their anchor words; that must find exactly
// the matches a scan of the whole text finds, also in spellings the corpora rarely hold.
describe('anchored rules', () => {
  /** the rules whose anchored matches differ from a full scan of the text */
  function differences(text: string): string[] {
    const out: string[] = [];
    internals.RULES.forEach((rule, i) => {
      const anchored = internals.anchoredMatches(i, text);
      if (!anchored) return;
      const re = new RegExp(rule.re.source, rule.re.flags);
      const full: [number, number][] = [];
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        full.push([m.index, m.index + m[0].length]);
      }
      const got = anchored.filter(([s, e]) => e > s);
      if (JSON.stringify(got) !== JSON.stringify(full)) out.push(`${rule.name}: ${JSON.stringify(full.slice(0, 3))} vs ${JSON.stringify(got.slice(0, 3))}`);
    });
    return out;
  }

  it('every anchored rule is a known rule', () => {
    const names = new Set(internals.RULES.map((r) => r.name));
    for (const name of Object.keys(internals.RULE_ANCHORS)) expect(names.has(name), name).toBe(true);
  });

  it('find the matches of a full scan in hand-written phrasings', () => {
    const text = [
      'Friday , the March 3, 2001. the better part of two to three more years. a couple of dozen years.',
      'fiscal-nineteen ninety-six, FYnineteen ninety, the year2008, 3tofive years, twenty-four and a half hours ago.',
      'around 10:30 p.m. Tuesday, noontime, midnight UTC, 1800 GMT, 12:30 Friday, mid - - 1990, early - - March.',
      'the last -  year, this past  week, over ten-day, 5-year, ten - year, the 2nd - consecutive  week in a row.',
      'twice   a   year, three\ttimes per week, the year-ago quarter, the comparable prior-year period, the days ahead.',
      'the last 59 days, about a year or two ago, 10-20 years, more than six months, the first half of 1998, this spring.',
    ].join('\n');
    expect(differences(text)).toEqual([]);
    expect(differences(text.toUpperCase())).toEqual([]);
    expect(differences(text.replace(/ /g, '-'))).toEqual([]);
    expect(differences(text.replace(/ /g, ' \n '))).toEqual([]);
  });

  const files = ['news/wikinews-en.jsonl', 'times/timebank-aquaint.jsonl', 'times/meantime-en.jsonl', 'events/osorio-multicoder.jsonl']
    .map((f) => sharedDataPath(...f.split('/')))
    .filter((f) => existsSync(f));
  describe.skipIf(files.length === 0)('evaluation texts (skipped: /work/shared/data is absent)', () => {
    it('find the matches of a full scan in the evaluation texts', () => {
      const found: string[] = [];
      for (const file of files) {
        for (const line of readFileSync(file, 'utf8').split('\n')) {
          if (!line.trim()) continue;
          const record = JSON.parse(line) as { text?: unknown };
          if (typeof record.text === 'string') found.push(...differences(record.text));
        }
      }
      expect(found.slice(0, 20)).toEqual([]);
    });
  });
});
