// The time recognizer runs most rules only near their anchor words (RULE_ANCHORS in
// src/annotators/times/recognizer.ts, the matching in times/anchors.ts). That is only an
// optimization if it finds exactly the matches a scan of the whole text finds: checked here on
// hand-written phrasings (also upper-cased, hyphenated and spread over lines) and on the
// evaluation texts.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { internals } from '../src/annotators/times/recognizer.js';
import { sharedDataPath } from '../src/util/paths.js';

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
    const decade = internals.RULES.find((r) => r.name === 'decade')!;
    if (new RegExp(decade.re.source, decade.re.flags).test(text) && !internals.decadeGate(text)) out.push('decade: gate misses a match');
    return out;
  }

  it('the decade rule runs whenever it can match', () => {
    const decade = internals.RULES.find((r) => r.name === 'decade')!;
    for (const text of ["the 1990s", "in the '90s", "the 80's", "THE NINETIES", "mid-1960s", "the 20s"]) {
      expect(new RegExp(decade.re.source, decade.re.flags).test(text), text).toBe(true);
      expect(internals.decadeGate(text), text).toBe(true);
    }
    expect(internals.decadeGate('In 1990, 20 people and the authorities')).toBe(false);
  });

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
