// PLACEHOLDER: being written now; replaced before this issue closes.
import type { Actor } from '../document/types.js';
import type { AnnotateOptions, AnnotationContext } from '../pipeline/context.js';

export function annotateActors(ctx: AnnotationContext, options: AnnotateOptions = {}): Actor[] {
  void ctx; void options;
  return [];
}
