// `sitrep actor CODE|NAME`: one actor's knowledge-base entries with their dated roles, and
// the stored documents that mention it.
import { existsSync } from 'node:fs';
import { isoDateOption, kbPaths, parse } from '../args.js';
import { UsageError } from '../errors.js';
import { formatTable } from '../table.js';
import type { Store } from '../../store/sqlite.js';
import { withStore } from '../store.js';
import { loadKnowledgeBase, lookupActor } from '../../kb/index.js';

export async function actorCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    db: { type: 'string' },
    kb: { type: 'string', multiple: true },
    date: { type: 'string' },
    json: { type: 'boolean' },
  });
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('actor needs a code or a name, e.g. `sitrep actor PAKGOV` or `sitrep actor "Imran Khan"`');
  const date = isoDateOption(values.date, 'date');
  const hits = lookupActor(loadKnowledgeBase(kbPaths(values.kb)), query, date);
  const file = (values.db as string | undefined) ?? 'sitrep.db';
  // Stored actors are found by the query itself (a code prefix or a name) and by the
  // knowledge-base names of the entries it matched; not by their codes, which many share.
  const keys = new Set([query, ...hits.flatMap((h) => h.entry.names)].filter(Boolean));
  const documents = existsSync(file)
    ? withStore(file, (s) => {
        const seen = new Map<string, ReturnType<Store['documentsMentioning']>[number]>();
        for (const key of keys) for (const d of s.documentsMentioning(key)) seen.set(`${d.id}\0${d.code}`, d);
        return [...seen.values()].sort((a, b) => `${a.published}`.localeCompare(`${b.published}`));
      })
    : [];
  if (values.json) {
    const entries = hits.map((h) => ({
      id: h.entry.id,
      kind: h.entry.kind,
      names: h.entry.names,
      country: h.entry.country,
      code: h.code,
      roles: h.roles,
      source: h.entry.source,
    }));
    process.stdout.write(JSON.stringify({ query, entries, documents }, null, 2) + '\n');
    return 0;
  }
  if (!hits.length) process.stdout.write(`${query}: not in the knowledge base\n`);
  for (const h of hits) {
    const e = h.entry;
    process.stdout.write(
      `${e.names[0] ?? e.id} (${e.kind}, id ${e.id}${e.country ? `, ${e.country}` : ''}) — code ${h.code ?? 'none'} on ${date ?? 'today'}\n`,
    );
    if (e.names.length > 1) process.stdout.write(`  also: ${e.names.slice(1, 8).join('; ')}\n`);
    if (h.roles.length)
      process.stdout.write(
        formatTable(['code', 'from', 'until', 'title'], h.roles.map((r) => [r.code, r.from ?? '…', r.until ?? '…', r.title ?? '']))
          .split('\n')
          .map((l) => '  ' + l)
          .join('\n') + '\n',
      );
  }
  process.stdout.write(
    '\n' +
      formatTable(['published', 'id', 'code', 'mentions', 'title'], documents.map((d) => [d.published, d.id, d.code, d.mentions, d.title])) +
      `\n${documents.length} stored documents mention ${query}\n`,
  );
  return 0;
}
