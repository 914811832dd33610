// PLACEHOLDER: being written now; replaced before this issue closes.
import type { TimeExpression } from '../document/types.js';
import type { AnnotationContext } from '../pipeline/context.js';

export function annotateTimes(ctx: AnnotationContext): TimeExpression[] {
  void ctx;
  return [];
}
