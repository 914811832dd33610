// Annotation in order, in this thread or across worker threads (--workers N).
// Results come back in input order: the caller awaits the promises in the order it made them,
// and a bounded window keeps memory flat however long the input is.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { AnnotatedDocument, Document } from '../document/types.js';
import { annotate } from './annotate.js';
import type { AnnotateOptions } from './context.js';

export interface Annotator {
  annotate(doc: Document): Promise<AnnotatedDocument>;
  close(): Promise<void>;
  /** how many documents may be in flight before the caller should wait */
  readonly window: number;
}

export function createAnnotator(workers: number, options: AnnotateOptions = {}): Annotator {
  if (workers <= 1) {
    return {
      window: 1,
      annotate: async (doc) => annotate(doc, options),
      close: async () => {},
    };
  }
  return new WorkerPool(workers, options);
}

interface Pending {
  doc: Document;
  resolve: (value: AnnotatedDocument) => void;
  reject: (error: Error) => void;
}

class WorkerPool implements Annotator {
  readonly window: number;
  private workers: { worker: Worker; busy: number }[] = [];
  private pending = new Map<number, Pending>();
  private seq = 0;

  constructor(size: number, options: AnnotateOptions) {
    this.window = size * 4;
    // Under tsx (tests, development) the worker is the .ts source and needs tsx's loader.
    const here = fileURLToPath(import.meta.url);
    const isSource = here.endsWith('.ts');
    const entry = new URL(isSource ? './worker.ts' : './worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry, {
        workerData: options,
        execArgv: isSource ? ['--import', 'tsx'] : [],
      });
      const slot = { worker, busy: 0 };
      worker.on('message', (message: { seq: number; result?: Omit<AnnotatedDocument, 'document'>; error?: string }) => {
        slot.busy--;
        const p = this.pending.get(message.seq);
        if (!p) return;
        this.pending.delete(message.seq);
        if (message.error !== undefined) p.reject(new Error(message.error));
        else p.resolve({ document: p.doc, ...message.result! });
      });
      worker.on('error', (error) => {
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      });
      this.workers.push(slot);
    }
  }

  annotate(doc: Document): Promise<AnnotatedDocument> {
    const seq = this.seq++;
    // The least busy worker takes the next document.
    let slot = this.workers[0]!;
    for (const w of this.workers) if (w.busy < slot.busy) slot = w;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { doc, resolve, reject });
      slot.worker.postMessage({ seq, doc });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/**
 * Annotate a stream of items in order with at most `annotator.window` in flight.
 * Items that are errors pass through untouched, in their place.
 */
export async function* annotateInOrder<T extends { doc: Document } | { error: unknown }>(
  items: AsyncIterable<T>,
  annotator: Annotator,
): AsyncGenerator<{ item: T; result?: AnnotatedDocument; failure?: string }> {
  const queue: { item: T; promise: Promise<AnnotatedDocument> | null }[] = [];
  const settle = async (entry: { item: T; promise: Promise<AnnotatedDocument> | null }) => {
    if (!entry.promise) return { item: entry.item };
    try {
      return { item: entry.item, result: await entry.promise };
    } catch (error) {
      return { item: entry.item, failure: error instanceof Error ? error.message : String(error) };
    }
  };
  for await (const item of items) {
    const promise = 'doc' in item ? annotator.annotate(item.doc) : null;
    // Keep rejections from surfacing as unhandled while they wait their turn.
    promise?.catch(() => {});
    queue.push({ item, promise });
    while (queue.length >= annotator.window) yield await settle(queue.shift()!);
  }
  while (queue.length) yield await settle(queue.shift()!);
}
