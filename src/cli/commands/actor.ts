// `sitrep actor CODE|NAME`: one actor's knowledge-base entry with its dated roles, and the
// stored documents that mention it.
import { existsSync } from 'node:fs';
import { kbPaths, parse } from '../args.js';
import { UsageError } from '../errors.js';
import { formatTable } from '../table.js';
import { Store } from '../../store/sqlite.js';

export async function actorCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    db: { type: 'string' },
    kb: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('actor needs a code or a name, e.g. `sitrep actor PAKGOV` or `sitrep actor "Imran Khan"`');
  void kbPaths(values.kb);
  const file = (values.db as string | undefined) ?? 'sitrep.db';
  const documents = existsSync(file) ? withStore(file, (s) => s.documentsMentioning(query)) : [];
  if (values.json) {
    process.stdout.write(JSON.stringify({ query, documents }, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(
    formatTable(['published', 'id', 'code', 'mentions', 'title'], documents.map((d) => [d.published, d.id, d.code, d.mentions, d.title])) +
      `\n${documents.length} documents mention ${query}\n`,
  );
  return 0;
}

function withStore<T>(file: string, f: (store: Store) => T): T {
  const store = new Store(file);
  try {
    return f(store);
  } finally {
    store.close();
  }
}
