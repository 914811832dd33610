// The document model and the output contract (docs/schema.md, schema/sitrep.schema.json).
// Every span is [start, end) in UTF-16 code units, exactly as JavaScript strings index
// `Document.text`, so `text.slice(start, end) === span.text` always holds.

export interface Span {
  start: number;
  end: number;
}

export interface TextSpan extends Span {
  text: string;
}

export interface Document {
  id: string;
  title: string | null;
  url: string | null;
  source: string | null;
  /** ISO date (YYYY-MM-DD) or date-time; null when unknown. */
  published: string | null;
  /** ISO 639-1 code ("en"), or "und" when undetermined. */
  language: string;
  text: string;
}

// ---------------------------------------------------------------- linguistic layer

export interface Token extends Span {
  /** index of the token in the document */
  index: number;
  /** the token as written */
  text: string;
  /** lower-cased, normalized form ("n't" -> "not") */
  normal: string;
  lemma: string;
  /** Universal POS tag (NOUN, VERB, PROPN, ADP, …) */
  pos: string;
  /** index of the sentence holding the token */
  sentence: number;
  /** true when whitespace precedes the token */
  spaceBefore: boolean;
}

export interface Sentence extends Span {
  index: number;
  /** first token index (inclusive) */
  firstToken: number;
  /** last token index (exclusive) */
  endToken: number;
}

// ---------------------------------------------------------------- annotation layers

export interface ActorMention extends TextSpan {
  /** the code this mention resolves to on its date (may differ between mentions over time) */
  code?: string | null;
  /** how the mention was recognised: name, alias, demonym, capital, metonym, agent, pronoun, composed, unknown-name */
  via?: string;
}

export interface Actor {
  id: string;
  name: string;
  /** CAMEO-style actor code: ISO alpha-3 (or IGO/NGO code) followed by role codes, e.g. PAKGOV */
  code: string | null;
  /** the three-letter country code, or null for international actors and unknown names */
  country: string | null;
  roles: string[];
  /** country, organization, armed-group, person, agent, unknown */
  type: string;
  mentions: ActorMention[];
  /** knowledge-base entry id, when the actor came from the knowledge base */
  kb?: string | null;
}

export interface EventParticipant extends TextSpan {
  /** id of the Actor in `actors` */
  actor: string | null;
  code: string | null;
  country: string | null;
}

export interface EventDate extends TextSpan {
  /** TIMEX3-style value: 2021-03-03, 2021-03, 2021-W09, 2021 … */
  value: string;
  precision: string;
}

export interface EventPlace extends TextSpan {
  name: string;
  lat: number | null;
  lon: number | null;
  country: string | null;
}

export interface Fatalities extends TextSpan {
  min: number;
  max: number;
}

export type Modality =
  | 'asserted'
  | 'negated'
  | 'reported'
  | 'claimed'
  | 'speculative'
  | 'planned'
  | 'conditional';

export interface Event {
  id: string;
  /** CAMEO code as a string ("195") */
  code: string;
  /** two-digit CAMEO root ("19") */
  root: string;
  label: string;
  quad_class: number;
  goldstein: number;
  plover: { type: string; mode: string | null; context?: string | null };
  source: EventParticipant | null;
  target: EventParticipant | null;
  /** Dates carry offsets when a time expression supports them; a date inherited from
   *  the publication date has start = end = -1 and text "" (no words support it). */
  date: EventDate | null;
  place: EventPlace | null;
  fatalities: Fatalities | null;
  modality: Modality;
  /** id of the quote the event was told in, or the speaker's name for indirect attribution */
  attribution: { quote: string | null; speaker: string | null; actor: string | null } | null;
  /** the sentence (or clause) that supports the event */
  evidence: Span;
  trigger: TextSpan;
  /** further evidence when the same event is told again in the document */
  also?: Span[];
}

export interface Speaker extends TextSpan {
  name: string;
  actor: string | null;
}

export interface Quote extends TextSpan {
  id: string;
  direct: boolean;
  speaker: Speaker | null;
  verb: string | null;
  /** the quoted content only (without marks); start/end above cover the content */
  medium?: string | null;
}

export interface Place extends TextSpan {
  name: string;
  lat: number | null;
  lon: number | null;
  country: string | null;
  feature: string | null;
  geonameid: number | null;
  /** true for a dateline ("KABUL (Reuters) -") */
  dateline?: boolean;
}

export interface TimeExpression extends TextSpan {
  /** TIMEX3 value: 2021-09, 2021-W47, P8M, PRESENT_REF, XXXX-XX-XX … */
  value: string;
  /** day, week, month, quarter, season, year, decade, century, hour, minute, duration, set, ref */
  precision: string;
  /** what the value was resolved against: "publication", "narrative", "absolute", "none" */
  anchor: string;
  /** TIMEX3 type: DATE, TIME, DURATION, SET */
  type?: string;
}

/** Everything sitrep says about one document: the JSON contract. */
export interface AnnotatedDocument {
  document: Document;
  actors: Actor[];
  events: Event[];
  quotes: Quote[];
  places: Place[];
  times: TimeExpression[];
  /** present and true when the text was not annotated (e.g. not English) */
  skipped?: string;
}
