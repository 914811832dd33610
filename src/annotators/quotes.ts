// PLACEHOLDER: being written now; replaced before this issue closes.
import type { Quote } from '../document/types.js';
import type { AnnotationContext } from '../pipeline/context.js';

export function annotateQuotes(ctx: AnnotationContext): Quote[] {
  void ctx;
  return [];
}
