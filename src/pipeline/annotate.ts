// The pipeline: document -> analysis -> annotators -> AnnotatedDocument.
// Order matters: times and places first (events need them), then actors (events need
// their mentions), quotes (events inside quotes take the speaker), events last.
import type { AnnotatedDocument, Document } from '../document/types.js';
import { analyze } from '../nlp/english.js';
import type { AnnotateOptions, AnnotationContext } from './context.js';
import { annotateTimes } from '../annotators/times.js';
import { annotatePlaces } from '../annotators/places.js';
import { annotateActors } from '../annotators/actors.js';
import { annotateQuotes } from '../annotators/quotes.js';
import { annotateEvents } from '../annotators/events.js';

export function referenceDateOf(doc: Document, options: AnnotateOptions = {}): string {
  const published = doc.published?.slice(0, 10);
  if (published && /^\d{4}-\d{2}-\d{2}$/.test(published)) return published;
  return options.defaultDate ?? new Date().toISOString().slice(0, 10);
}

export function createContext(doc: Document, options: AnnotateOptions = {}): AnnotationContext {
  const { tokens, sentences, wordIds } = analyze(doc.text);
  return {
    doc,
    tokens,
    sentences,
    wordIds,
    referenceDate: referenceDateOf(doc, options),
    times: [],
    places: [],
    actors: [],
    quotes: [],
    events: [],
  };
}

/** One step of the pipeline: an annotator and where its layer goes in the context. */
export interface Stage {
  name: 'times' | 'places' | 'actors' | 'quotes' | 'events';
  run(ctx: AnnotationContext, options: AnnotateOptions): void;
}

/** The annotators in pipeline order; the benchmark times each of them from this same list. */
export const STAGES: readonly Stage[] = [
  {
    name: 'times',
    run: (ctx) => {
      ctx.times = annotateTimes(ctx);
    },
  },
  {
    name: 'places',
    run: (ctx) => {
      ctx.places = annotatePlaces(ctx);
    },
  },
  {
    name: 'actors',
    run: (ctx, options) => {
      ctx.actors = annotateActors(ctx, options);
    },
  },
  {
    name: 'quotes',
    run: (ctx) => {
      ctx.quotes = annotateQuotes(ctx);
    },
  },
  {
    name: 'events',
    run: (ctx) => {
      ctx.events = annotateEvents(ctx);
    },
  },
];

export function annotate(doc: Document, options: AnnotateOptions = {}): AnnotatedDocument {
  if (doc.language !== 'en') {
    return {
      document: doc,
      actors: [],
      events: [],
      quotes: [],
      places: [],
      times: [],
      skipped: `language ${doc.language} is not annotated (English only)`,
    };
  }
  const ctx = createContext(doc, options);
  for (const stage of STAGES) stage.run(ctx, options);
  return {
    document: doc,
    actors: ctx.actors,
    events: ctx.events,
    quotes: ctx.quotes,
    places: ctx.places,
    times: ctx.times,
  };
}
