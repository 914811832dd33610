// End-to-end tests of the command line over the bundled samples and bad inputs.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Ajv from 'ajv';
import Database from 'better-sqlite3';
import { cliPath, offsetViolations, root, samples, sitrep, tempDir } from './helpers/cli.js';

const schema = JSON.parse(readFileSync(path.join(root, 'schema', 'sitrep.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function lines(stdout: string) {
  return stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

describe('sitrep extract', () => {
  const run = sitrep(['extract', samples]);
  const docs = lines(run.stdout);

  it('annotates every sample document and exits 0', () => {
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(run.code).toBe(0);
    expect(docs.length).toBeGreaterThanOrEqual(8);
  });

  it('prints output that validates against the JSON Schema', () => {
    for (const d of docs) {
      const ok = validate(d);
      expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });

  it('keeps every offset: text.slice(start, end) === text', () => {
    for (const d of docs) expect(offsetViolations(d)).toEqual([]);
  });

  it('finds actors, events, places and times in the samples', () => {
    const all = (k: string) => docs.reduce((n: number, d: Record<string, unknown[]>) => n + d[k]!.length, 0);
    expect(all('actors')).toBeGreaterThan(10);
    expect(all('events')).toBeGreaterThan(5);
    expect(all('places')).toBeGreaterThan(5);
    expect(all('times')).toBeGreaterThan(5);
  });

  it('pretty-prints one document with --format json and omits text with --no-text', () => {
    const one = sitrep(['extract', path.join(samples, '2021-09-kabul-talks.md'), '--format', 'json', '--no-text']);
    expect(one.code).toBe(0);
    expect(one.stdout.startsWith('{\n')).toBe(true);
    const parsed = JSON.parse(one.stdout);
    expect(parsed.document.text).toBeUndefined();
    expect(parsed.document.published).toBe('2021-09-22');
  });

  it('reads JSON Lines on stdin when no input is given, and applies --published', () => {
    const input = JSON.stringify({ id: 'x1', text: 'Pakistani troops attacked militants in North Waziristan on Monday.' }) + '\n';
    const r = sitrep(['extract', '--published', '2023-05-10'], { input });
    expect(r.code).toBe(0);
    const [d] = lines(r.stdout);
    expect(d.document.id).toBe('x1');
    expect(d.document.published).toBe('2023-05-10');
  });

  it('gives the same output in the same order with --workers 2', () => {
    const two = sitrep(['extract', samples, '--workers', '2']);
    expect(two.code).toBe(0);
    const a = docs.map((d: { document: { id: string } }) => d.document.id);
    const b = lines(two.stdout).map((d: { document: { id: string } }) => d.document.id);
    expect(b).toEqual(a);
    expect(two.stdout).toBe(run.stdout);
  });

  it('flags non-English text and does not annotate it', () => {
    const fr =
      "Le gouvernement pakistanais a annoncé mardi la réouverture du poste frontière de Torkham après des discussions avec les autorités afghanes, selon un communiqué du ministère des affaires étrangères publié dans la soirée.";
    const r = sitrep(['extract'], { input: JSON.stringify({ id: 'fr1', text: fr }) + '\n' });
    const [d] = lines(r.stdout);
    expect(d.document.language).toBe('fr');
    expect(d.events).toEqual([]);
    expect(d.skipped).toMatch(/not annotated/);
    expect(r.stderr).toMatch(/fr/);
  });
});

describe('bad input', () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'good.txt'), 'Kenyan police arrested ten protesters in Nairobi on Friday, officials said.');
  writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0x00, 0x10]));
  writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6c, 0xe9, 0xff, 0xfe, 0x20, 0x61]));
  writeFileSync(path.join(dir, 'empty.md'), '---\ntitle: Nothing\n---\n   \n');
  writeFileSync(
    path.join(dir, 'broken.jsonl'),
    '{"id":"ok1","text":"Russia and Ukraine exchanged prisoners on Tuesday."}\n{"id": "bad", "text": \n{"id":"ok2","text":"Iran condemned the sanctions."}\n',
  );
  const missing = path.join(dir, 'nope.txt');
  const r = sitrep(['extract', path.join(dir, 'good.txt'), path.join(dir, 'binary.txt'), path.join(dir, 'latin1.txt'), path.join(dir, 'empty.md'), path.join(dir, 'broken.jsonl'), missing]);

  it('reports each bad input on one line naming the file, without a stack trace', () => {
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('sitrep:') && !l.includes('note:'));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(errors.find((l) => l.includes('binary.txt'))).toMatch(/binary/);
    expect(errors.find((l) => l.includes('latin1.txt'))).toMatch(/UTF-8|decode/i);
    expect(errors.find((l) => l.includes('empty.md'))).toMatch(/empty/);
    expect(errors.find((l) => l.includes('broken.jsonl'))).toMatch(/:2\b.*JSON|JSON.*line 2|:2:/);
    expect(errors.find((l) => l.includes('nope.txt'))).toMatch(/no such file/);
  });

  it('still processes the good inputs and exits 0', () => {
    expect(r.code).toBe(0);
    const ids = lines(r.stdout).map((d: { document: { id: string } }) => d.document.id);
    expect(ids).toContain('ok1');
    expect(ids).toContain('ok2');
    expect(ids.length).toBe(3);
  });

  it('exits non-zero when nothing could be processed', () => {
    const none = sitrep(['extract', missing, path.join(dir, 'binary.txt')]);
    expect(none.code).not.toBe(0);
    expect(none.stdout).toBe('');
  });

  it('rejects bad options with a clear message', () => {
    const bad = sitrep(['extract', '--published', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--published must be a date/);
    const unknown = sitrep(['frobnicate']);
    expect(unknown.stderr).toMatch(/unknown command/);
    const split = sitrep(['eval', 'events', '--gold', 'data/gold/events-wikinews.jsonl', '--split', 'test']);
    expect(split.code).toBe(2);
    expect(split.stderr).toMatch(/--split must be dev or heldout/);
  });
});

describe('sitrep ingest', () => {
  const dir = tempDir();
  const db = path.join(dir, 'test.db');

  it('stores the samples and is idempotent by document id', () => {
    const first = sitrep(['ingest', samples, '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/ingested \d+ documents/);
    const count = (sql: string) => (new Database(db, { readonly: true }).prepare(sql).get() as { n: number }).n;
    const docs = count('SELECT COUNT(*) n FROM documents');
    const events = count('SELECT COUNT(*) n FROM events');
    expect(docs).toBeGreaterThanOrEqual(8);
    const second = sitrep(['ingest', samples, '--db', db]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/unchanged/);
    expect(count('SELECT COUNT(*) n FROM documents')).toBe(docs);
    expect(count('SELECT COUNT(*) n FROM events')).toBe(events);
    const forced = sitrep(['ingest', samples, '--db', db, '--force', '--workers', '2']);
    expect(forced.code).toBe(0);
    expect(count('SELECT COUNT(*) n FROM documents')).toBe(docs);
    expect(count('SELECT COUNT(*) n FROM events')).toBe(events);
  });

  it('answers docs, events and actors queries as tables and JSON', () => {
    const d = sitrep(['docs', '--db', db]);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/published\s+id/);
    const e = sitrep(['events', '--db', db, '--json']);
    expect(e.code).toBe(0);
    const events = JSON.parse(e.stdout);
    expect(events.length).toBeGreaterThan(0);
    const filtered = JSON.parse(sitrep(['events', '--db', db, '--json', '--since', '2023-01-01']).stdout);
    expect(filtered.every((x: { date: string }) => x.date >= '2023-01-01')).toBe(true);
    const pak = JSON.parse(sitrep(['events', '--db', db, '--json', '--actor', 'PAK']).stdout);
    expect(pak.every((x: { source_code: string; target_code: string }) => `${x.source_code}${x.target_code}`.includes('PAK'))).toBe(true);
    const a = sitrep(['actors', '--db', db]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/PAK/);
  });

  it('says clearly when the database does not exist', () => {
    const r = sitrep(['events', '--db', path.join(dir, 'missing.db')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/missing\.db: no such database/);
  });

  it('keeps stored documents whole when an ingest is killed midway', async () => {
    const big = path.join(dir, 'big');
    mkdirSync(big);
    const lineOf = (i: number) =>
      JSON.stringify({ id: `k${i}`, published: '2022-01-01', text: `Pakistani troops attacked militants in North Waziristan on Monday, officials said. Report ${i}. `.repeat(20) });
    writeFileSync(path.join(big, 'many.jsonl'), Array.from({ length: 1500 }, (_, i) => lineOf(i)).join('\n') + '\n');
    const killedDb = path.join(dir, 'killed.db');
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, [cliPath, 'ingest', big, '--db', killedDb], { stdio: 'ignore' });
      setTimeout(() => child.kill('SIGKILL'), 2500);
      child.on('exit', () => resolve());
    });
    expect(existsSync(killedDb)).toBe(true);
    const conn = new Database(killedDb);
    const rows = conn.prepare('SELECT id, annotations FROM documents').all() as { id: string; annotations: string }[];
    for (const row of rows) {
      const stored = conn.prepare('SELECT COUNT(*) n FROM events WHERE doc_id = ?').get(row.id) as { n: number };
      expect(stored.n).toBe(JSON.parse(row.annotations).events.length);
    }
    conn.close();
    // Re-running finishes the job without duplicating anything.
    const again = sitrep(['ingest', big, '--db', killedDb]);
    expect(again.code).toBe(0);
    const total = (new Database(killedDb, { readonly: true }).prepare('SELECT COUNT(*) n FROM documents').get() as { n: number }).n;
    expect(total).toBe(1500);
  });
});
