// Scoring helpers shared by the evaluations.
import type { Event } from '../document/types.js';

/** Precision, recall and F1 from the right answers and the system and gold counts (0 when undefined). */
export function prf(right: number, system: number, gold: number): { p: number; r: number; f: number } {
  const p = system ? right / system : 0;
  const r = gold ? right / gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

/**
 * An event participant's country as the gold sets write it: its own country, else the first
 * three letters of its code (so international codes compare as IGO, NGO, IMG).
 */
export function participantCountry(p: Event['source']): string | null {
  if (!p) return null;
  if (p.country) return p.country.toUpperCase();
  return p.code ? p.code.slice(0, 3).toUpperCase() : null;
}
