// Worker-thread entry: annotates documents sent by the pool (workers.ts) and posts results.
import { parentPort, workerData } from 'node:worker_threads';
import { annotate } from './annotate.js';
import type { AnnotateOptions } from './context.js';
import type { Document } from '../document/types.js';

const options = (workerData ?? {}) as AnnotateOptions;

parentPort!.on('message', (message: { seq: number; doc: Document }) => {
  try {
    parentPort!.postMessage({ seq: message.seq, result: annotate(message.doc, options) });
  } catch (error) {
    parentPort!.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
});
