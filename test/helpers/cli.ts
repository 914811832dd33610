// Run the built CLI (dist/, built by `npm test` before vitest starts) as a user would.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = path.join(root, 'dist', 'cli', 'main.js');
export const samples = path.join(root, 'samples', 'articles');

export function sitrep(args: string[], options: { input?: string; cwd?: string } = {}) {
  if (!existsSync(cliPath)) throw new Error('dist/ is missing: run `npm run build` (npm test does it)');
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? root,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'sitrep-test-'));
}

/** Every object with numeric start/end and a text field must slice the document text exactly. */
export function offsetViolations(annotated: { document: { text: string } }): string[] {
  const text = annotated.document.text;
  const bad: string[] = [];
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number' && typeof o.text === 'string' && where !== 'document') {
      const inherited = o.start === -1 && o.end === -1 && o.text === '';
      if (!inherited && text.slice(o.start, o.end) !== o.text) bad.push(`${where}: ${JSON.stringify(o.text)} != ${JSON.stringify(text.slice(o.start, o.end))}`);
    }
    if (typeof o.start === 'number' && typeof o.end === 'number' && !(o.start === -1 && o.end === -1)) {
      if (o.start < 0 || o.end > text.length || o.start > o.end) bad.push(`${where}: span ${o.start}-${o.end} outside text`);
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'document') visit(v, `${where}.${k}`);
  };
  visit(annotated, 'root');
  return bad;
}
