// The main job shared by `extract` and `ingest`: read inputs, annotate in input order
// (optionally across worker threads), hand each result to a sink, and report bad inputs as
// one line each without stopping the run.
import { readInputs, type ReadItem } from '../../readers/index.js';
import type { AnnotatedDocument } from '../../document/types.js';
import { annotateInOrder, createAnnotator } from '../../pipeline/workers.js';
import type { AnnotateOptions } from '../../pipeline/context.js';
import { Progress } from '../progress.js';

export interface ProcessSummary {
  documents: number;
  failed: number;
  skipped: number;
  bytes: number;
  seconds: number;
}

export interface ProcessOptions {
  inputs: string[];
  workers: number;
  published?: string;
  annotate: AnnotateOptions;
  /** called for each annotated document, in input order */
  sink: (result: AnnotatedDocument, origin: string) => void | Promise<void>;
  /** documents to leave out before annotation (e.g. already stored, unchanged) */
  skip?: (item: { doc: AnnotatedDocument['document']; origin: string }) => boolean;
  progressLabel?: string;
}

export async function processInputs(options: ProcessOptions): Promise<ProcessSummary> {
  const started = process.hrtime.bigint();
  const summary: ProcessSummary = { documents: 0, failed: 0, skipped: 0, bytes: 0, seconds: 0 };
  const progress = new Progress(options.progressLabel ?? 'annotating');
  const annotator = createAnnotator(options.workers, options.annotate);
  const notLanguage = new Set<string>();
  const inputs = options.inputs.length ? options.inputs : ['-'];
  async function* readable(): AsyncGenerator<ReadItem> {
    for await (const item of readInputs(inputs, { published: options.published })) {
      if ('doc' in item && options.skip?.(item)) {
        summary.skipped++;
        continue;
      }
      yield item;
    }
  }
  try {
    for await (const { item, result, failure } of annotateInOrder(readable(), annotator)) {
      if ('error' in item) {
        summary.failed++;
        progress.done();
        process.stderr.write(`sitrep: ${item.error.message}\n`);
        continue;
      }
      if (failure !== undefined || !result) {
        summary.failed++;
        progress.done();
        process.stderr.write(`sitrep: ${item.origin}: annotation failed: ${failure}\n`);
        continue;
      }
      if (result.skipped) notLanguage.add(`${item.origin}: ${result.skipped}`);
      await options.sink(result, item.origin);
      summary.documents++;
      summary.bytes += Buffer.byteLength(item.doc.text);
      progress.update(summary.documents, summary.failed, summary.bytes);
    }
  } finally {
    progress.done();
    await annotator.close();
  }
  for (const note of notLanguage) process.stderr.write(`sitrep: note: ${note}\n`);
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return summary;
}
