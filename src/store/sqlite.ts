// The one module that knows the database (better-sqlite3, embedded SQLite in WAL mode).
// A document and everything annotated on it are written in one transaction, so a crash or
// kill mid-ingest never leaves half a document; re-ingesting the same id replaces it.
import Database from 'better-sqlite3';
import type { AnnotatedDocument } from '../document/types.js';

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,
  title TEXT, url TEXT, source TEXT, published TEXT, language TEXT,
  text TEXT NOT NULL,
  skipped TEXT,
  annotations TEXT NOT NULL,          -- the whole AnnotatedDocument minus document.text, as JSON
  ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS actors (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  actor_id TEXT NOT NULL,
  name TEXT NOT NULL, code TEXT, country TEXT, type TEXT, roles TEXT,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (doc_id, actor_id)
);
CREATE INDEX IF NOT EXISTS actors_code ON actors(code);
CREATE INDEX IF NOT EXISTS actors_country ON actors(country);
CREATE TABLE IF NOT EXISTS events (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  code TEXT NOT NULL, root TEXT NOT NULL, label TEXT, quad_class INTEGER, goldstein REAL,
  plover_type TEXT, plover_mode TEXT,
  source_name TEXT, source_code TEXT, source_country TEXT,
  target_name TEXT, target_code TEXT, target_country TEXT,
  date TEXT, date_precision TEXT,
  place TEXT, lat REAL, lon REAL, place_country TEXT,
  fatalities_min INTEGER, fatalities_max INTEGER,
  modality TEXT,
  evidence_start INTEGER, evidence_end INTEGER,
  trigger TEXT,
  PRIMARY KEY (doc_id, event_id)
);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_source ON events(source_code);
CREATE INDEX IF NOT EXISTS events_target ON events(target_code);
CREATE INDEX IF NOT EXISTS events_code ON events(code);
`;

export interface StoredDocumentRow {
  id: string;
  title: string | null;
  url: string | null;
  source: string | null;
  published: string | null;
  language: string;
  skipped: string | null;
  events: number;
  actors: number;
}

export interface EventRow {
  doc_id: string;
  event_id: string;
  code: string;
  root: string;
  label: string | null;
  quad_class: number | null;
  goldstein: number | null;
  plover_type: string | null;
  plover_mode: string | null;
  source_name: string | null;
  source_code: string | null;
  source_country: string | null;
  target_name: string | null;
  target_code: string | null;
  target_country: string | null;
  date: string | null;
  date_precision: string | null;
  place: string | null;
  lat: number | null;
  lon: number | null;
  place_country: string | null;
  fatalities_min: number | null;
  fatalities_max: number | null;
  modality: string | null;
  evidence_start: number | null;
  evidence_end: number | null;
  trigger: string | null;
  evidence?: string;
}

export interface ActorSummaryRow {
  name: string;
  code: string | null;
  country: string | null;
  type: string | null;
  roles: string;
  documents: number;
  mentions: number;
}

export interface QueryFilter {
  /** actor code or code prefix ("PAK" matches PAKGOV, PAKMIL) */
  actor?: string;
  /** CAMEO code or prefix ("19" matches 190–196) */
  code?: string;
  since?: string;
  until?: string;
  limit?: number;
}

export type PutOutcome = 'stored' | 'replaced' | 'unchanged';

export class Store {
  private db: Database.Database;

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.db.prepare('INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
  }

  close(): void {
    this.db.close();
  }

  /** The stored text of a document, or undefined; used to skip unchanged re-ingests. */
  storedText(id: string): string | undefined {
    const row = this.db.prepare('SELECT text FROM documents WHERE id = ?').get(id) as { text: string } | undefined;
    return row?.text;
  }

  /** Store several annotated documents atomically: all of them or none. */
  putMany(items: AnnotatedDocument[]): PutOutcome[] {
    const run = this.db.transaction((batch: AnnotatedDocument[]) => batch.map((item) => this.putOne(item)));
    return run(items);
  }

  private putOne(item: AnnotatedDocument): PutOutcome {
    const d = item.document;
    const existing = this.db.prepare('SELECT text, annotations FROM documents WHERE id = ?').get(d.id) as
      | { text: string; annotations: string }
      | undefined;
    const { document: _doc, ...layers } = item;
    const annotations = JSON.stringify({ document: { ...d, text: undefined }, ...layers });
    if (existing && existing.text === d.text && existing.annotations === annotations) return 'unchanged';
    // Children go with the document (ON DELETE CASCADE), so a replace cannot leave orphans.
    this.db.prepare('DELETE FROM documents WHERE id = ?').run(d.id);
    this.db
      .prepare(
        `INSERT INTO documents (id, title, url, source, published, language, text, skipped, annotations, ingested_at)
         VALUES (@id, @title, @url, @source, @published, @language, @text, @skipped, @annotations, @ingested_at)`,
      )
      .run({
        id: d.id,
        title: d.title,
        url: d.url,
        source: d.source,
        published: d.published,
        language: d.language,
        text: d.text,
        skipped: item.skipped ?? null,
        annotations,
        ingested_at: new Date().toISOString(),
      });
    const insertActor = this.db.prepare(
      `INSERT INTO actors (doc_id, actor_id, name, code, country, type, roles, mentions)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const a of item.actors) {
      insertActor.run(d.id, a.id, a.name, a.code, a.country, a.type, JSON.stringify(a.roles), a.mentions.length);
    }
    const insertEvent = this.db.prepare(
      `INSERT INTO events VALUES (@doc_id, @event_id, @code, @root, @label, @quad_class, @goldstein,
        @plover_type, @plover_mode, @source_name, @source_code, @source_country,
        @target_name, @target_code, @target_country, @date, @date_precision,
        @place, @lat, @lon, @place_country, @fatalities_min, @fatalities_max, @modality,
        @evidence_start, @evidence_end, @trigger)`,
    );
    const actorName = new Map(item.actors.map((a) => [a.id, a.name]));
    for (const e of item.events) {
      insertEvent.run({
        doc_id: d.id,
        event_id: e.id,
        code: e.code,
        root: e.root,
        label: e.label,
        quad_class: e.quad_class,
        goldstein: e.goldstein,
        plover_type: e.plover?.type ?? null,
        plover_mode: e.plover?.mode ?? null,
        source_name: e.source ? (e.source.actor && actorName.get(e.source.actor)) || e.source.text : null,
        source_code: e.source?.code ?? null,
        source_country: e.source?.country ?? null,
        target_name: e.target ? (e.target.actor && actorName.get(e.target.actor)) || e.target.text : null,
        target_code: e.target?.code ?? null,
        target_country: e.target?.country ?? null,
        date: e.date?.value ?? d.published?.slice(0, 10) ?? null,
        date_precision: e.date?.precision ?? (d.published ? 'day' : null),
        place: e.place?.name ?? null,
        lat: e.place?.lat ?? null,
        lon: e.place?.lon ?? null,
        place_country: e.place?.country ?? null,
        fatalities_min: e.fatalities?.min ?? null,
        fatalities_max: e.fatalities?.max ?? null,
        modality: e.modality,
        evidence_start: e.evidence.start,
        evidence_end: e.evidence.end,
        trigger: e.trigger.text,
      });
    }
    return existing ? 'replaced' : 'stored';
  }

  documents(filter: QueryFilter = {}): StoredDocumentRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.since) {
      where.push('d.published >= @since');
      params.since = filter.since;
    }
    if (filter.until) {
      where.push('d.published <= @until');
      params.until = filter.until;
    }
    if (filter.actor) {
      where.push('EXISTS (SELECT 1 FROM actors a WHERE a.doc_id = d.id AND a.code LIKE @actor)');
      params.actor = `${filter.actor}%`;
    }
    if (filter.code) {
      where.push('EXISTS (SELECT 1 FROM events e WHERE e.doc_id = d.id AND e.code LIKE @code)');
      params.code = `${filter.code}%`;
    }
    const sql = `SELECT d.id, d.title, d.url, d.source, d.published, d.language, d.skipped,
        (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) AS events,
        (SELECT COUNT(*) FROM actors a WHERE a.doc_id = d.id) AS actors
      FROM documents d ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY d.published, d.id ${filter.limit ? 'LIMIT ' + Math.floor(filter.limit) : ''}`;
    return this.db.prepare(sql).all(params) as StoredDocumentRow[];
  }

  /** Events matching the filter; `actor` matches either side by code prefix. */
  events(filter: QueryFilter & { withEvidence?: boolean } = {}): EventRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.actor) {
      where.push('(e.source_code LIKE @actor OR e.target_code LIKE @actor)');
      params.actor = `${filter.actor}%`;
    }
    if (filter.code) {
      where.push('e.code LIKE @code');
      params.code = `${filter.code}%`;
    }
    if (filter.since) {
      where.push('e.date >= @since');
      params.since = filter.since;
    }
    if (filter.until) {
      // "2021-03" <= "2021-03-31" holds lexically; a bound date keeps month/year values of that period.
      where.push('e.date <= @until');
      params.until = filter.until;
    }
    const evidence = filter.withEvidence
      ? ', substr(d.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence'
      : '';
    const sql = `SELECT e.* ${evidence} FROM events e JOIN documents d ON d.id = e.doc_id
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY e.date, e.doc_id, e.evidence_start ${filter.limit ? 'LIMIT ' + Math.floor(filter.limit) : ''}`;
    return this.db.prepare(sql).all(params) as EventRow[];
  }

  /** Events between two actors (by code prefix), in either direction. */
  dyadEvents(a: string, b: string, filter: QueryFilter = {}): EventRow[] {
    const params: Record<string, unknown> = { a: `${a}%`, b: `${b}%` };
    const where = [
      '((source_code LIKE @a AND target_code LIKE @b) OR (source_code LIKE @b AND target_code LIKE @a))',
      "modality NOT IN ('negated')",
    ];
    if (filter.since) {
      where.push('date >= @since');
      params.since = filter.since;
    }
    if (filter.until) {
      where.push('date <= @until');
      params.until = filter.until;
    }
    return this.db.prepare(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY date`).all(params) as EventRow[];
  }

  /** Actors across documents, grouped by name and code, with mention and document counts. */
  actors(filter: QueryFilter = {}): ActorSummaryRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.actor) {
      where.push('(a.code LIKE @actor OR a.name LIKE @name)');
      params.actor = `${filter.actor}%`;
      params.name = `%${filter.actor}%`;
    }
    if (filter.since) {
      where.push('d.published >= @since');
      params.since = filter.since;
    }
    if (filter.until) {
      where.push('d.published <= @until');
      params.until = filter.until;
    }
    const sql = `SELECT a.name, a.code, a.country, a.type,
        json_group_array(DISTINCT a.roles) AS roles,
        COUNT(DISTINCT a.doc_id) AS documents, SUM(a.mentions) AS mentions
      FROM actors a JOIN documents d ON d.id = a.doc_id
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      GROUP BY a.name, a.code ORDER BY mentions DESC, a.name ${filter.limit ? 'LIMIT ' + Math.floor(filter.limit) : ''}`;
    return this.db.prepare(sql).all(params) as ActorSummaryRow[];
  }

  /** Documents mentioning an actor (by code prefix or name). */
  documentsMentioning(codeOrName: string): { id: string; title: string | null; published: string | null; mentions: number; code: string | null }[] {
    return this.db
      .prepare(
        `SELECT d.id, d.title, d.published, a.mentions, a.code FROM actors a JOIN documents d ON d.id = a.doc_id
         WHERE a.code = @exact OR a.name = @exact COLLATE NOCASE OR a.code LIKE @prefix
         ORDER BY d.published, d.id`,
      )
      .all({ exact: codeOrName, prefix: `${codeOrName}%` }) as {
      id: string;
      title: string | null;
      published: string | null;
      mentions: number;
      code: string | null;
    }[];
  }

  /** The full annotated document as stored (document.text restored). */
  annotated(id: string): AnnotatedDocument | undefined {
    const row = this.db.prepare('SELECT text, annotations FROM documents WHERE id = ?').get(id) as
      | { text: string; annotations: string }
      | undefined;
    if (!row) return undefined;
    const parsed = JSON.parse(row.annotations) as AnnotatedDocument;
    parsed.document.text = row.text;
    return parsed;
  }

  counts(): { documents: number; events: number; actors: number } {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      documents: one('SELECT COUNT(*) AS n FROM documents'),
      events: one('SELECT COUNT(*) AS n FROM events'),
      actors: one('SELECT COUNT(*) AS n FROM actors'),
    };
  }
}
