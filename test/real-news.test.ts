// Real news through the whole pipeline: Wikinews articles (../shared, CC BY 2.5) must come
// out valid against the JSON Schema with every offset holding, via extract and via ingest.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import Database from 'better-sqlite3';
import { offsetViolations, root, sitrep, tempDir } from './helpers/cli.js';

const wikinews = path.join(root, '..', 'shared', 'data', 'news', 'wikinews-en.jsonl');
const present = existsSync(wikinews);
if (!present) console.warn(`real-news tests skipped: ${wikinews} is absent`);

describe.skipIf(!present)('real news articles', () => {
  const dir = tempDir();
  const sample = path.join(dir, 'wikinews-sample.jsonl');
  if (present) {
    const all = readFileSync(wikinews, 'utf8').split('\n').filter((l) => l.trim());
    // Every fourth article: a spread over the whole period without taking them all.
    writeFileSync(sample, all.filter((_, i) => i % 4 === 0).join('\n') + '\n');
  }

  it('validate against the schema with every offset holding (extract, 2 workers)', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'schema', 'sitrep.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const r = sitrep(['extract', sample, '--workers', '2']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/annotation failed/);
    const docs = r.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    expect(docs.length).toBeGreaterThan(60);
    let events = 0;
    for (const d of docs) {
      expect(validate(d), `${d.document.id}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
      expect(offsetViolations(d), d.document.id).toEqual([]);
      events += d.events.length;
    }
    expect(events).toBeGreaterThan(docs.length);
  });

  it('ingest stores every article with its events', () => {
    const db = path.join(dir, 'news.db');
    const r = sitrep(['ingest', sample, '--db', db]);
    expect(r.code).toBe(0);
    const conn = new Database(db, { readonly: true });
    const rows = conn.prepare('SELECT id, annotations FROM documents').all() as { id: string; annotations: string }[];
    expect(rows.length).toBeGreaterThan(60);
    for (const row of rows) {
      const n = (conn.prepare('SELECT COUNT(*) n FROM events WHERE doc_id = ?').get(row.id) as { n: number }).n;
      expect(n).toBe(JSON.parse(row.annotations).events.length);
    }
    conn.close();
  });
});
