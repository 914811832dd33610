// The one module that knows the database (better-sqlite3, embedded SQLite in WAL mode).
// A document and everything annotated on it are written in one transaction, so a crash or
// kill mid-ingest never leaves half a document; re-ingesting the same id replaces it.
import Database from 'better-sqlite3';
import type { AnnotatedDocument, Document } from '../document/types.js';

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

/** A stored document's metadata (the Document fields but its text) with counts. */
export interface StoredDocumentRow extends Omit<Document, 'text'> {
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

/** WHERE clauses with their named parameters, built up filter by filter. */
class Conditions {
  private clauses: string[] = [];
  readonly params: Record<string, unknown> = {};

  add(clause: string, params: Record<string, unknown>): this {
    this.clauses.push(clause);
    Object.assign(this.params, params);
    return this;
  }

  /**
   * Dates are ISO strings of any precision ("2021", "2021-03", "2021-03-15"), compared as
   * text. A partial --until covers its whole period: "2021" admits "2021-12-31".
   */
  dateRange(column: string, filter: QueryFilter): this {
    if (filter.since) this.add(`${column} >= @since`, { since: filter.since });
    if (filter.until) this.add(`${column} <= @until`, { until: `${filter.until}\uffff` });
    return this;
  }

  sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

function limitClause(filter: QueryFilter): string {
  return filter.limit ? `LIMIT ${Math.floor(filter.limit)}` : '';
}

function prepareWrites(db: Database.Database) {
  return {
    text: db.prepare('SELECT text FROM documents WHERE id = ?'),
    stored: db.prepare('SELECT text, annotations FROM documents WHERE id = ?'),
    deleteDocument: db.prepare('DELETE FROM documents WHERE id = ?'),
    insertDocument: db.prepare(
      `INSERT INTO documents (id, title, url, source, published, language, text, skipped, annotations, ingested_at)
       VALUES (@id, @title, @url, @source, @published, @language, @text, @skipped, @annotations, @ingested_at)`,
    ),
    insertActor: db.prepare(
      `INSERT INTO actors (doc_id, actor_id, name, code, country, type, roles, mentions)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO events VALUES (@doc_id, @event_id, @code, @root, @label, @quad_class, @goldstein,
        @plover_type, @plover_mode, @source_name, @source_code, @source_country,
        @target_name, @target_code, @target_country, @date, @date_precision,
        @place, @lat, @lon, @place_country, @fatalities_min, @fatalities_max, @modality,
        @evidence_start, @evidence_end, @trigger)`,
    ),
  };
}

export type PutOutcome = 'stored' | 'replaced' | 'unchanged';

export class Store {
  private db: Database.Database;
  /** Statements used for every document of an ingest, prepared once per connection. */
  private statements: ReturnType<typeof prepareWrites>;

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.db.prepare('INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
    this.statements = prepareWrites(this.db);
  }

  close(): void {
    this.db.close();
  }

  /** The stored text of a document, or undefined; used to skip unchanged re-ingests. */
  storedText(id: string): string | undefined {
    return (this.statements.text.get(id) as { text: string } | undefined)?.text;
  }

  /** Store several annotated documents atomically: all of them or none. */
  putMany(items: AnnotatedDocument[]): PutOutcome[] {
    const run = this.db.transaction((batch: AnnotatedDocument[]) => batch.map((item) => this.putOne(item)));
    return run(items);
  }

  private stored(id: string): { text: string; annotations: string } | undefined {
    return this.statements.stored.get(id) as { text: string; annotations: string } | undefined;
  }

  private putOne(item: AnnotatedDocument): PutOutcome {
    const d = item.document;
    const { insertDocument, insertActor, insertEvent } = this.statements;
    const existing = this.stored(d.id);
    const { document: _doc, ...layers } = item;
    const annotations = JSON.stringify({ document: { ...d, text: undefined }, ...layers });
    if (existing && existing.text === d.text && existing.annotations === annotations) return 'unchanged';
    // Children go with the document (ON DELETE CASCADE), so a replace cannot leave orphans.
    this.statements.deleteDocument.run(d.id);
    insertDocument.run({
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
    for (const a of item.actors) {
      insertActor.run(d.id, a.id, a.name, a.code, a.country, a.type, JSON.stringify(a.roles), a.mentions.length);
    }
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
    const where = new Conditions().dateRange('d.published', filter);
    if (filter.actor) {
      where.add('EXISTS (SELECT 1 FROM actors a WHERE a.doc_id = d.id AND a.code LIKE @actor)', { actor: `${filter.actor}%` });
    }
    if (filter.code) {
      where.add('EXISTS (SELECT 1 FROM events e WHERE e.doc_id = d.id AND e.code LIKE @code)', { code: `${filter.code}%` });
    }
    const sql = `SELECT d.id, d.title, d.url, d.source, d.published, d.language, d.skipped,
        (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) AS events,
        (SELECT COUNT(*) FROM actors a WHERE a.doc_id = d.id) AS actors
      FROM documents d ${where.sql()}
      ORDER BY d.published, d.id ${limitClause(filter)}`;
    return this.db.prepare(sql).all(where.params) as StoredDocumentRow[];
  }

  /** Events matching the filter; `actor` matches either side by code prefix. */
  events(filter: QueryFilter & { withEvidence?: boolean } = {}): EventRow[] {
    const where = new Conditions().dateRange('e.date', filter);
    if (filter.actor) where.add('(e.source_code LIKE @actor OR e.target_code LIKE @actor)', { actor: `${filter.actor}%` });
    if (filter.code) where.add('e.code LIKE @code', { code: `${filter.code}%` });
    const evidence = filter.withEvidence
      ? ', substr(d.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence'
      : '';
    const sql = `SELECT e.* ${evidence} FROM events e JOIN documents d ON d.id = e.doc_id
      ${where.sql()}
      ORDER BY e.date, e.doc_id, e.evidence_start ${limitClause(filter)}`;
    return this.db.prepare(sql).all(where.params) as EventRow[];
  }

  /** Events between two actors (by code prefix), in either direction. */
  dyadEvents(a: string, b: string, filter: QueryFilter = {}): EventRow[] {
    const where = new Conditions()
      .add('((source_code LIKE @a AND target_code LIKE @b) OR (source_code LIKE @b AND target_code LIKE @a))', {
        a: `${a}%`,
        b: `${b}%`,
      })
      .add("modality <> 'negated'", {})
      .dateRange('date', filter);
    return this.db.prepare(`SELECT * FROM events ${where.sql()} ORDER BY date`).all(where.params) as EventRow[];
  }

  /** Actors across documents, grouped by name and code, with mention and document counts. */
  actors(filter: QueryFilter = {}): ActorSummaryRow[] {
    const where = new Conditions().dateRange('d.published', filter);
    if (filter.actor) where.add('(a.code LIKE @actor OR a.name LIKE @name)', { actor: `${filter.actor}%`, name: `%${filter.actor}%` });
    const sql = `SELECT a.name, a.code, a.country, a.type,
        json_group_array(DISTINCT a.roles) AS roles,
        COUNT(DISTINCT a.doc_id) AS documents, SUM(a.mentions) AS mentions
      FROM actors a JOIN documents d ON d.id = a.doc_id
      ${where.sql()}
      GROUP BY a.name, a.code ORDER BY mentions DESC, a.name ${limitClause(filter)}`;
    return this.db.prepare(sql).all(where.params) as ActorSummaryRow[];
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
    const row = this.stored(id);
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
