// `sitrep ingest`: annotate and store in SQLite, idempotent by document id.
import { isoDateOption, kbPaths, parse, positiveInt } from '../args.js';
import { processInputs } from './process.js';
import { Store } from '../../store/sqlite.js';
import type { AnnotatedDocument } from '../../document/types.js';

const BATCH = 50;

export async function ingestCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    db: { type: 'string' },
    published: { type: 'string' },
    workers: { type: 'string' },
    force: { type: 'boolean' },
    kb: { type: 'string', multiple: true },
  });
  const store = new Store((values.db as string | undefined) ?? 'sitrep.db');
  const outcomes = { stored: 0, replaced: 0, unchanged: 0 };
  let batch: AnnotatedDocument[] = [];
  // Documents are committed in small batches, each in one transaction: a kill loses at most
  // the batch in flight, never half a document.
  const flush = () => {
    if (!batch.length) return;
    for (const outcome of store.putMany(batch)) outcomes[outcome]++;
    batch = [];
  };
  const force = Boolean(values.force);
  try {
    const summary = await processInputs({
      inputs: positionals,
      workers: positiveInt(values.workers, 'workers', 1),
      published: isoDateOption(values.published, 'published'),
      annotate: { kbPaths: kbPaths(values.kb), defaultDate: isoDateOption(values.published, 'published') },
      progressLabel: 'ingesting',
      // Re-running an ingest over the same files does not annotate again what is stored.
      skip: force ? undefined : ({ doc }) => store.storedText(doc.id) === doc.text,
      sink: (result) => {
        batch.push(result);
        if (batch.length >= BATCH) flush();
      },
    });
    flush();
    const counts = store.counts();
    const rate = summary.seconds > 0 ? (summary.documents / summary.seconds).toFixed(1) : '-';
    process.stderr.write(
      `ingested ${summary.documents} documents (${outcomes.stored} new, ${outcomes.replaced} updated, ` +
        `${outcomes.unchanged + summary.skipped} unchanged), ${summary.failed} failed, ` +
        `in ${summary.seconds.toFixed(2)} s (${rate} docs/s); ${store.file} now holds ` +
        `${counts.documents} documents, ${counts.events} events, ${counts.actors} actors\n`,
    );
    return summary.documents + summary.skipped === 0 ? 1 : 0;
  } finally {
    store.close();
  }
}
