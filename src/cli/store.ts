// How CLI commands open the store: one place that opens, hands it over and always closes it.
import { existsSync } from 'node:fs';
import { UsageError } from './errors.js';
import { Store } from '../store/sqlite.js';

/** Open the database file, run `use` on it, and close it whatever happens. */
export function withStore<T>(file: string, use: (store: Store) => T): T {
  const store = new Store(file);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** As withStore, for query commands: the database must exist (default sitrep.db). */
export function withExistingStore<T>(db: unknown, use: (store: Store) => T): T {
  const file = (db as string | undefined) ?? 'sitrep.db';
  if (!existsSync(file)) throw new UsageError(`${file}: no such database (run \`sitrep ingest\` first, or pass --db FILE)`);
  return withStore(file, use);
}
