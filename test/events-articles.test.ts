// Hand-coded events of whole Wikinews articles (data/gold/events-wikinews.jsonl) and
// `sitrep eval events` on them (src/eval/events-articles.ts), run through the built CLI.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sitrep, tempDir } from './helpers/cli.js';

const goldPath = path.join(root, 'data', 'gold', 'events-wikinews.jsonl');
const cameoPath = path.join(root, 'data', 'ontology', 'cameo.tsv');

interface Span { start: number; end: number; text: string }
interface GoldEvent {
  trigger: Span;
  also?: Span[];
  code: string;
  plover: string;
  source: (Span & { code: string }) | null;
  target: (Span & { code: string }) | null;
  date: string | null;
}
interface GoldArticle { id: string; row: number; split: string; url: string; published: string; license: string; text: string; events: GoldEvent[] }

function readGold(): { header: string; articles: GoldArticle[] } {
  const lines = readFileSync(goldPath, 'utf8').split('\n').filter((l) => l.trim());
  return { header: lines[0]!, articles: lines.slice(1).map((l) => JSON.parse(l) as GoldArticle) };
}

function evalJson(args: string[]): Record<string, number> {
  const r = sitrep(['eval', 'events', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, number>;
}

describe('events-wikinews.jsonl gold', () => {
  const { header, articles } = readGold();

  it('parses: a // header, then articles with the required fields', () => {
    expect(header.startsWith('//')).toBe(true);
    expect(articles.length).toBeGreaterThanOrEqual(20);
    for (const a of articles) {
      expect(typeof a.id).toBe('string');
      expect(Number.isInteger(a.row)).toBe(true);
      expect(['dev', 'heldout']).toContain(a.split);
      expect(a.url).toMatch(/^https:\/\/en\.wikinews\.org\//);
      expect(a.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(a.license).toBe('CC BY 2.5, Wikinews');
      expect(a.events.length).toBeGreaterThan(0);
    }
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    const dev = articles.filter((a) => a.split === 'dev').length;
    expect(Math.abs(2 * dev - articles.length)).toBeLessThanOrEqual(4);
  });

  it('every trigger, also, source and target span slices its text', () => {
    const bad: string[] = [];
    for (const a of articles) {
      for (const e of a.events) {
        for (const s of [e.trigger, ...(e.also ?? []), e.source, e.target]) {
          if (s && a.text.slice(s.start, s.end) !== s.text) bad.push(`${a.id}: ${JSON.stringify(s)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('codes are CAMEO codes, the PLOVER type is the table\'s, actor codes are CAMEO-style', () => {
    const plover = new Map<string, string>();
    for (const line of readFileSync(cameoPath, 'utf8').split('\n')) {
      if (!line || line.startsWith('#') || line.startsWith('code\t')) continue;
      const f = line.split('\t');
      plover.set(f[0]!, f[4]!);
    }
    for (const a of articles) {
      for (const e of a.events) {
        expect(e.code).toMatch(/^\d{2,3}$/);
        expect(plover.get(e.code)).toBe(e.plover);
        expect(e.plover).not.toBe('NONE');
        for (const p of [e.source, e.target]) if (p) expect(p.code).toMatch(/^[A-Z]{3}([A-Z]{3})*$/);
        if (e.date !== null) expect(e.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      }
    }
  });

  it('holds the USA–Iran dyad over time (Soleimani articles)', () => {
    const pairs = articles.flatMap((a) => a.events)
      .filter((e) => e.source && e.target && [e.source.code.slice(0, 3), e.target.code.slice(0, 3)].sort().join('-') === 'IRN-USA');
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(pairs.map((e) => (e.date ?? '').slice(0, 4))).size).toBeGreaterThanOrEqual(2);
  });
});

describe('sitrep eval events on whole articles', () => {
  const all = evalJson(['--gold', goldPath]);

  it('scores detection, type, root and the triple above floors', () => {
    const { articles } = readGold();
    expect(all.articles).toBe(articles.length);
    expect(all.gold_events).toBe(articles.reduce((n, a) => n + a.events.length, 0));
    // measured (2026-11-25): detection F1 0.48, type 0.39, root 0.34, triple 0.17
    expect(all.detection_f1).toBeGreaterThan(0.3);
    expect(all.type_f1).toBeGreaterThan(0.25);
    expect(all.root_f1).toBeGreaterThan(0.2);
    expect(all.triple_f1).toBeGreaterThan(0.08);
    expect(all.type_f1).toBeLessThanOrEqual(all.detection_f1);
    expect(all.triple_f1).toBeLessThanOrEqual(all.type_f1);
    // per split, and the dyad view
    expect(all['dev.detection_f1']).toBeGreaterThan(0.25);
    expect(all['heldout.detection_f1']).toBeGreaterThan(0.25);
    expect(all['heldout.type_f1']).toBeGreaterThan(0.15);
    expect(all.dyads).toBeGreaterThanOrEqual(3);
    expect(all['dyad.IRN-USA.gold_events']).toBeGreaterThanOrEqual(3);
    expect(all['dyad.IRN-USA.gold_goldstein']).toBeLessThan(0);
  });

  it('--split keeps only that split\'s articles', () => {
    const heldout = evalJson(['--gold', goldPath, '--split', 'heldout']);
    const { articles } = readGold();
    expect(heldout.articles).toBe(articles.filter((a) => a.split === 'heldout').length);
    expect(heldout.detection_f1).toBeCloseTo(all['heldout.detection_f1']!, 6);
  });

  it('a copy with shifted offsets and swapped countries scores lower', () => {
    const { header, articles } = readGold();
    const shift = (s: Span, text: string): Span => {
      const start = (s.start + 180) % Math.max(1, text.length - s.text.length);
      return { start, end: start + (s.end - s.start), text: text.slice(start, start + (s.end - s.start)) };
    };
    const corrupted = articles.map((a) => ({
      ...a,
      events: a.events.map((e) => ({
        ...e,
        trigger: shift(e.trigger, a.text),
        also: (e.also ?? []).map((s) => shift(s, a.text)),
        source: e.source ? { ...e.source, code: 'ZZZ' } : null,
      })),
    }));
    const file = path.join(tempDir(), 'events-corrupted.jsonl');
    writeFileSync(file, [header, ...corrupted.map((a) => JSON.stringify(a))].join('\n') + '\n');
    const bad = evalJson(['--gold', file]);
    expect(bad.detection_f1).toBeLessThan(all.detection_f1! - 0.1);
    expect(bad.triple_f1).toBeLessThan(0.02);
  });

  it('--verbose lists misses and false alarms', () => {
    const r = sitrep(['eval', 'events', '--gold', goldPath, '--split', 'dev', '--limit', '3', '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/misses \(\d+\):/);
    expect(r.stdout).toMatch(/false alarms \(\d+\):/);
    expect(r.stdout).toMatch(/per PLOVER type/);
  });
});
