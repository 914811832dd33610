// PLACEHOLDER: being written now; replaced before this issue closes.
import type { Event } from '../document/types.js';
import type { AnnotationContext } from '../pipeline/context.js';

export function annotateEvents(ctx: AnnotationContext): Event[] {
  void ctx;
  return [];
}
