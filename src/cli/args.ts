// Shared option parsing for the commands (node:util parseArgs, with our own checks).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse(argv: string[], options: Options): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
}

export function isoDateOption(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s) || Number.isNaN(Date.parse(s.length === 4 ? `${s}-01-01` : s))) {
    throw new UsageError(`--${name} must be a date like 2021-03-15 (got "${s}")`);
  }
  return s;
}

export function positiveInt(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number (got "${value}")`);
  return n;
}

export const queryOptions: Options = {
  db: { type: 'string' },
  actor: { type: 'string' },
  code: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
};

export function kbPaths(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.map(String) : [String(value)];
}
