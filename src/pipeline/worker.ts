// Worker-thread entry: annotates documents sent by the pool (workers.ts) and posts results.
import { parentPort, workerData } from 'node:worker_threads';
import { annotate } from './annotate.js';
import type { AnnotateOptions } from './context.js';
import type { Document } from '../document/types.js';

const options = (workerData ?? {}) as AnnotateOptions;

parentPort!.on('message', (message: { seq: number; doc: Document }) => {
  try {
    // The document goes back without its text: the pool still holds it, and cloning it twice
    // per document is wasted work on the main thread.
    const { document: _document, ...annotations } = annotate(message.doc, options);
    parentPort!.postMessage({ seq: message.seq, result: annotations });
  } catch (error) {
    parentPort!.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
});
