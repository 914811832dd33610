// `sitrep extract`: annotate and print JSON, no database.
import { isoDateOption, kbPaths, parse, positiveInt } from '../args.js';
import { UsageError } from '../errors.js';
import { processInputs } from './process.js';
import type { AnnotatedDocument } from '../../document/types.js';

export async function extractCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    published: { type: 'string' },
    format: { type: 'string' },
    workers: { type: 'string' },
    'no-text': { type: 'boolean' },
    kb: { type: 'string', multiple: true },
  });
  const format = (values.format as string | undefined) ?? 'jsonl';
  if (format !== 'json' && format !== 'jsonl') throw new UsageError(`--format must be json or jsonl (got "${format}")`);
  const withoutText = Boolean(values['no-text']);
  const render = (result: AnnotatedDocument): string => {
    const out = withoutText ? { ...result, document: { ...result.document, text: undefined } } : result;
    return format === 'json' ? JSON.stringify(out, null, 2) : JSON.stringify(out);
  };
  const summary = await processInputs({
    inputs: positionals,
    workers: positiveInt(values.workers, 'workers', 1),
    published: isoDateOption(values.published, 'published'),
    annotate: { kbPaths: kbPaths(values.kb), defaultDate: isoDateOption(values.published, 'published') },
    sink: (result) => {
      process.stdout.write(render(result) + '\n');
    },
  });
  if (summary.documents === 0) {
    process.stderr.write('sitrep: nothing could be processed\n');
    return 1;
  }
  return 0;
}
