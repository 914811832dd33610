// The benchmark corpus: real Wikinews articles from ../shared/data when present (CC BY 2.5),
// else articles generated from the bundled illustrative samples, repeated with varied ids
// until the corpus reaches the requested size. Written once as JSON Lines and reused.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, sharedDataPath } from '../util/paths.js';
import type { Document } from '../document/types.js';

export interface Corpus {
  file: string;
  origin: string;
  documents: number;
  bytes: number;
}

function baseArticles(): { origin: string; docs: Document[] } {
  const wikinews = sharedDataPath('news', 'wikinews-en.jsonl');
  if (existsSync(wikinews)) {
    const docs = readFileSync(wikinews, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; title: string; published: string; text: string; url: string })
      .map((r) => ({
        id: String(r.id),
        title: r.title,
        url: r.url,
        source: 'Wikinews',
        published: r.published?.slice(0, 10) ?? null,
        language: 'en',
        text: r.text,
      }));
    return { origin: `Wikinews articles (${wikinews})`, docs };
  }
  // Fallback: the bundled samples' paragraphs, as plain documents.
  const dir = path.join(projectRoot, 'samples', 'articles');
  const paragraphs = readdirSync(dir)
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split(/\n\s*\n/))
    .map((p) => p.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 80 && !p.startsWith('{') && !p.startsWith('---'));
  const docs: Document[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const text = [0, 1, 2, 3].map((k) => paragraphs[(i + k * 3) % paragraphs.length]).join('\n\n');
    docs.push({ id: `gen-${i}`, title: null, url: null, source: 'generated', published: '2023-06-01', language: 'en', text });
  }
  return { origin: 'generated from samples/articles (../shared absent)', docs };
}

export function prepareCorpus(minBytes: number): Corpus {
  const dir = path.join(projectRoot, 'bench', 'corpus');
  const file = path.join(dir, `corpus-${minBytes}.jsonl`);
  const meta = `${file}.meta.json`;
  if (existsSync(file) && existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as Corpus;
  mkdirSync(dir, { recursive: true });
  const { origin, docs } = baseArticles();
  const lines: string[] = [];
  let bytes = 0;
  for (let round = 0; bytes < minBytes; round++) {
    for (const d of docs) {
      lines.push(JSON.stringify({ ...d, id: `${d.id}-r${round}` }));
      bytes += Buffer.byteLength(d.text);
      if (bytes >= minBytes) break;
    }
  }
  writeFileSync(file, lines.join('\n') + '\n');
  const corpus: Corpus = { file, origin, documents: lines.length, bytes };
  writeFileSync(meta, JSON.stringify(corpus));
  return corpus;
}
