// Role resolution by date: which code an entry has on a given day (docs/kb-format.md).
import type { DatedRole, KbEntry } from './types.js';

/** Pads partial ISO dates ("2021", "2021-08") to a comparable day ("2021-01-01"). */
export function normalizeIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return null;
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
}

export function roleApplies(role: DatedRole, isoDate: string): boolean {
  if (role.from && isoDate < role.from) return false;
  if (role.until && isoDate >= role.until) return false;
  return true;
}

/** The role in force on `isoDate` (the last listed when several apply), or null. */
export function activeRole(entry: KbEntry, isoDate: string | null): DatedRole | null {
  const day = normalizeIsoDate(isoDate);
  if (!day) return null;
  let found: DatedRole | null = null;
  for (const role of entry.roles) if (roleApplies(role, day)) found = role;
  return found;
}

/** The entry's code on `isoDate`: the applicable dated role, else the entry's `code`. */
export function resolveCode(entry: KbEntry, isoDate: string | null): string | null {
  return activeRole(entry, isoDate)?.code ?? entry.code;
}

/**
 * The code a "former X" / "ex-X" mention gets: the last role that ended on or before the date
 * (its country with role ELI when it was an office), else the entry's own code.
 */
export function formerCode(entry: KbEntry, isoDate: string | null): string | null {
  const day = normalizeIsoDate(isoDate);
  let last: DatedRole | null = null;
  for (const role of entry.roles) {
    if (role.until && (!day || role.until <= day)) {
      if (!last || (last.until ?? '') <= role.until) last = role;
    }
  }
  if (!last) return entry.code;
  const country = last.code.slice(0, 3);
  return /^[A-Z]{3}$/.test(country) && entry.country ? `${country}ELI` : entry.code;
}
