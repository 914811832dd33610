// Build step: writes the compact gazetteer table to data/generated/gazetteer.json so that
// processes load it in a fraction of the time the packages take to read and index.
// Run after `tsc`: node dist/gazetteer/generate.js
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildGazetteerData } from './build.js';
import { GAZETTEER_CACHE, toTable } from './index.js';

export function generateGazetteer(target = GAZETTEER_CACHE): { entries: number; bytes: number } {
  const table = toTable(buildGazetteerData());
  const json = JSON.stringify(table);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, json);
  return { entries: table.name.length, bytes: json.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const { entries, bytes } = generateGazetteer();
  console.log(
    `gazetteer: ${entries} places, ${(bytes / 1e6).toFixed(1)} MB -> ${GAZETTEER_CACHE} (${Date.now() - started} ms)`,
  );
}
