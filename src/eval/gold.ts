// Reading gold files: JSON Lines, one record per line; blank lines and `//` header comments
// are skipped. A malformed line is reported with the file and line number, not a stack trace.
import { readFileSync } from 'node:fs';

export function readGoldRecords<T>(file: string, limit?: number): T[] {
  const records: T[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length && records.length < (limit ?? Infinity); i++) {
    const line = lines[i]!;
    if (!line.trim() || line.startsWith('//')) continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      throw new Error(`${file}:${i + 1}: malformed JSON in the gold file`);
    }
  }
  return records;
}
