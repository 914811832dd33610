// PLACEHOLDER: being written now; replaced before this issue closes.
import type { Place } from '../document/types.js';
import type { AnnotationContext } from '../pipeline/context.js';

export function annotatePlaces(ctx: AnnotationContext): Place[] {
  void ctx;
  return [];
}
