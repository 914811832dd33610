// Where the project's own files live, whether running from src/ (tests, tsx) or dist/.
// Both trees have the same depth, so paths relative to this file land in the project root.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A path under the project's data/ folder. */
export function dataPath(...parts: string[]): string {
  return path.join(projectRoot, 'data', ...parts);
}

/** The shared evaluation data beside the project root (../shared/data), which may be absent. */
export function sharedDataPath(...parts: string[]): string {
  return path.join(projectRoot, '..', 'shared', 'data', ...parts);
}
