// Time expressions: dates, times, durations and sets with TIMEX3 values (issue 5).
// The grammar lives in times/recognizer.ts (word lists in data/times/lexicon.yaml); this
// annotator runs it over the document with the publication date as the deictic anchor.
// Rules and figures: docs/times.md.
import type { TimeExpression } from '../document/types.js';
import type { AnnotationContext } from '../pipeline/context.js';
import { recognizeTimes } from './times/recognizer.js';

export function annotateTimes(ctx: AnnotationContext): TimeExpression[] {
  return recognizeTimes(ctx.doc.text, ctx.referenceDate, ctx.tokens).map((t) => ({
    text: t.text,
    start: t.start,
    end: t.end,
    value: t.value,
    precision: t.precision,
    anchor: t.anchor,
    type: t.type,
  }));
}
