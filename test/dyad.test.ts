// The dyad view over a small stored corpus whose relation turns from cooperation to conflict.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { Store } from '../src/store/sqlite.js';
import { dyadTrend, periodOf } from '../src/analysis/dyad.js';
import type { AnnotatedDocument, Event } from '../src/document/types.js';
import { sitrep, tempDir } from './helpers/cli.js';

function event(id: string, code: string, goldstein: number, quad: number, date: string, source: string, target: string): Event {
  const part = (code: string) => ({ actor: null, code, country: code.slice(0, 3), start: 0, end: 3, text: 'abc' });
  return {
    id,
    code,
    root: code.slice(0, 2),
    label: code,
    quad_class: quad,
    goldstein,
    plover: { type: 'X', mode: null },
    source: part(source),
    target: part(target),
    date: { value: date, precision: 'day', start: -1, end: -1, text: '' },
    place: null,
    fatalities: null,
    modality: 'asserted',
    attribution: null,
    evidence: { start: 0, end: 3 },
    trigger: { start: 0, end: 3, text: 'abc' },
  };
}

function doc(id: string, published: string, events: Event[]): AnnotatedDocument {
  return {
    document: { id, title: id, url: null, source: null, published, language: 'en', text: 'abc def' },
    actors: [],
    events,
    quotes: [],
    places: [],
    times: [],
  };
}

describe('dyad trends', () => {
  it('places dates in periods', () => {
    expect(periodOf('2021-09-22', 'month')).toBe('2021-09');
    expect(periodOf('2021-09-22', 'quarter')).toBe('2021-Q3');
    expect(periodOf('2021-09', 'year')).toBe('2021');
    expect(periodOf('2021', 'month')).toBeNull();
  });

  it('shows a relation whose mean Goldstein turns from positive to negative', () => {
    const dir = tempDir();
    const db = path.join(dir, 'dyad.db');
    const store = new Store(db);
    store.putMany([
      doc('d1', '2021-09-20', [event('e1', '036', 4, 1, '2021-09-20', 'PAKGOV', 'AFGGOV'), event('e2', '057', 8, 1, '2021-09-21', 'AFGGOV', 'PAKGOV')]),
      doc('d2', '2022-01-18', [event('e1', '073', 7.4, 2, '2022-01-17', 'PAKGOV', 'AFGGOV')]),
      doc('d3', '2023-02-08', [event('e1', '112', -2, 3, '2023-02-08', 'PAKGOV', 'AFGGOV'), event('e2', '138', -7, 3, '2023-02-08', 'PAKGOV', 'AFGGOV')]),
      doc('d4', '2024-03-18', [event('e1', '195', -10, 4, '2024-03-18', 'PAKMIL', 'AFGINS'), event('e2', '036', 4, 1, '2024-03-18', 'USAGOV', 'PAKGOV')]),
    ]);
    const trend = dyadTrend(store.dyadEvents('PAK', 'AFG'), 'year');
    store.close();
    expect(trend.map((p) => p.period)).toEqual(['2021', '2022', '2023', '2024']);
    expect(trend[0]!.mean_goldstein).toBe(6);
    expect(trend[2]!.mean_goldstein).toBe(-4.5);
    expect(trend[2]!.turn).toBe('toward-conflict');
    expect(trend[3]!.events).toBe(1); // the USA–PAK event is not in this dyad
    expect(trend[3]!.quad[4]).toBe(1);

    const table = sitrep(['dyad', 'PAK', 'AFG', '--by', 'year', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/2023\s+2\s+0\s+0\s+2\s+0\s+-4\.50\s+toward-conflict/);
    const json = JSON.parse(sitrep(['dyad', 'pak', 'afg', '--by', 'quarter', '--db', db, '--json']).stdout);
    expect(json.periods[0].period).toBe('2021-Q3');
    expect(json.events).toBe(6);
    const bad = sitrep(['dyad', 'PAK', '--db', db]);
    expect(bad.code).toBe(2);
  });
});

describe('dyad on the bundled samples', () => {
  it('shows Pakistan and Afghanistan turning from cooperation to conflict', () => {
    const db = path.join(tempDir(), 'samples.db');
    expect(sitrep(['ingest', path.join(__dirname, '..', 'samples', 'articles'), '--db', db]).code).toBe(0);
    const r = sitrep(['dyad', 'PAK', 'AFG', '--by', 'quarter', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const { periods } = JSON.parse(r.stdout) as { periods: { period: string; mean_goldstein: number; turn: string | null }[] };
    const first = periods.find((p) => p.period.startsWith('2021'));
    const late = periods.filter((p) => p.period >= '2023');
    expect(first?.mean_goldstein).toBeGreaterThan(0);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((p) => p.mean_goldstein < 0)).toBe(true);
    expect(periods.some((p) => p.turn === 'toward-conflict')).toBe(true);
  });
});
