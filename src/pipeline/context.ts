// The annotation context: one document, its linguistic analysis, and the layers that
// annotators add in order. Each annotator reads what earlier ones produced and returns its
// own layer; the pipeline (annotate.ts) stores it here.
import type {
  Actor,
  Document,
  Event,
  Place,
  Quote,
  Sentence,
  TimeExpression,
  Token,
} from '../document/types.js';

export interface AnnotationContext {
  doc: Document;
  tokens: Token[];
  sentences: Sentence[];
  /**
   * Each token's word id (see Analysis in src/nlp/english.ts): the same number for every token
   * with the same text, for memos by word. Absent when the tokens were made another way.
   */
  wordIds?: Int32Array;
  /** Publication date as YYYY-MM-DD (the deictic anchor); falls back to the run's date. */
  referenceDate: string;
  times: TimeExpression[];
  places: Place[];
  actors: Actor[];
  quotes: Quote[];
  events: Event[];
}

/** Options that reach every annotator (user dictionaries and the like). */
export interface AnnotateOptions {
  /** --kb paths: user dictionaries extending the built-in knowledge base */
  kbPaths?: string[];
  /** date used when a document has no publication date (YYYY-MM-DD) */
  defaultDate?: string;
}
