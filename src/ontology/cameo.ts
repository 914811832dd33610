// The CAMEO ontology (data/ontology/cameo.tsv): labels, Goldstein weights, QuadClass and the
// PLOVER conversion of every code. Loaded once, on first use.
import { readFileSync } from 'node:fs';
import { dataPath } from '../util/paths.js';

export interface PloverClass {
  type: string;
  mode: string | null;
  context: string | null;
}

export interface CameoCode {
  code: string;
  /** two-digit root ("19") */
  root: string;
  label: string;
  goldstein: number;
  quad_class: number;
  plover: PloverClass;
}

let table: Map<string, CameoCode> | null = null;

/** QuadClass from the root: 01–05 verbal cooperation, 06–08 material cooperation, 09–13 verbal conflict, 14–20 material conflict. */
export function quadClassOf(root: string): number {
  const r = Number(root);
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13) return 3;
  return 4;
}

export function loadCameo(file = dataPath('ontology', 'cameo.tsv')): Map<string, CameoCode> {
  const codes = new Map<string, CameoCode>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('code\t')) continue;
    const [code, label, goldstein, quad, type, mode, context] = line.split('\t');
    if (!code || !label) continue;
    const root = code.slice(0, 2);
    codes.set(code, {
      code,
      root,
      label,
      goldstein: Number(goldstein),
      quad_class: quad ? Number(quad) : quadClassOf(root),
      plover: { type: type || 'NONE', mode: mode || null, context: context || null },
    });
  }
  return codes;
}

export function cameoTable(): Map<string, CameoCode> {
  if (!table) table = loadCameo();
  return table;
}

/** The ontology entry of a CAMEO code, or undefined when the code does not exist. */
export function cameo(code: string): CameoCode | undefined {
  return cameoTable().get(code);
}

export function isCameoCode(code: string): boolean {
  return cameoTable().has(code);
}
