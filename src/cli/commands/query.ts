// `sitrep docs | events | actors`: what is stored, as a table or JSON.
import { isoDateOption, parse, positiveInt, queryOptions } from '../args.js';
import { formatTable } from '../table.js';
import type { QueryFilter } from '../../store/sqlite.js';
import { withExistingStore } from '../store.js';

function filterFrom(values: Record<string, unknown>): QueryFilter {
  return {
    actor: values.actor as string | undefined,
    code: values.code as string | undefined,
    since: isoDateOption(values.since, 'since'),
    until: isoDateOption(values.until, 'until'),
    limit: values.limit === undefined ? undefined : positiveInt(values.limit, 'limit', 0),
  };
}

export async function docsCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, queryOptions);
  return withExistingStore(values.db, (store) => {
    const rows = store.documents(filterFrom(values));
    if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    else
      process.stdout.write(
        formatTable(
          ['published', 'id', 'lang', 'events', 'actors', 'title'],
          rows.map((r) => [r.published, r.id, r.language, r.events, r.actors, r.title]),
        ) + `\n${rows.length} documents\n`,
      );
    return 0;
  });
}

export async function eventsCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...queryOptions, evidence: { type: 'boolean' } });
  return withExistingStore(values.db, (store) => {
    const rows = store.events({ ...filterFrom(values), withEvidence: Boolean(values.json || values.evidence) });
    if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    else
      process.stdout.write(
        formatTable(
          ['date', 'code', 'label', 'source', 'target', 'modality', 'place', 'trigger'],
          rows.map((r) => [
            r.date,
            r.code,
            r.label,
            r.source_code ?? r.source_name,
            r.target_code ?? r.target_name,
            r.modality,
            r.place,
            values.evidence ? r.evidence : r.trigger,
          ]),
          values.evidence ? 120 : 40,
        ) + `\n${rows.length} events\n`,
      );
    return 0;
  });
}

export async function actorsCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, queryOptions);
  return withExistingStore(values.db, (store) => {
    const rows = store.actors(filterFrom(values)).map((r) => ({
      ...r,
      roles: [...new Set((JSON.parse(r.roles) as string[]).flatMap((s) => JSON.parse(s) as string[]))],
    }));
    if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    else
      process.stdout.write(
        formatTable(
          ['code', 'name', 'type', 'roles', 'mentions', 'documents'],
          rows.map((r) => [r.code, r.name, r.type, r.roles.join(','), r.mentions, r.documents]),
        ) + `\n${rows.length} actors\n`,
      );
    return 0;
  });
}
