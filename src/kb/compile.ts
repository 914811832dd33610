// Build step: parses data/kb/*.yaml once and writes the entries to data/generated/kb.json,
// which loadKnowledgeBase reads instead of the YAML while it is newer than every KB file
// (JSON.parse of the compiled file takes a small fraction of the time YAML parsing does).
// Run after `tsc`: node dist/kb/compile.js
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { KB_CACHE, parseBuiltinKb } from './index.js';

export function compileKnowledgeBase(target = KB_CACHE): { entries: number; bytes: number; warnings: string[] } {
  const compiled = parseBuiltinKb();
  const json = JSON.stringify(compiled);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, json);
  return { entries: compiled.entries.length, bytes: json.length, warnings: compiled.warnings };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const { entries, bytes, warnings } = compileKnowledgeBase();
  for (const w of warnings) console.warn(`sitrep kb: ${w}`);
  console.log(`kb: ${entries} entries, ${(bytes / 1e6).toFixed(2)} MB -> ${KB_CACHE} (${Date.now() - started} ms)`);
}
