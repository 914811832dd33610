// Reader for PETRARCH/TABARI-format dictionaries (as described in PETRARCH2's documentation):
//  actors:  NAME_WITH_UNDERSCORES [CODE] , synonyms on following lines as +NAME, and dated
//           codes [CODE >YYMMDD] (from), [CODE <YYMMDD] (until), [CODE YYMMDD-YYMMDD];
//  agents:  NOUN_PHRASE {PLURAL FORMS} [~ROLE] or [ROLE~], substitution sets !SET! = A, B.
// Comments: `#` to end of line and <!-- … --> blocks. A trailing `_` (exact word) and a stem
// (no `_`) are both matched as whole words here: sitrep does not do prefix matching.
import type { AgentEntry, DatedRole, KbEntry } from './types.js';

function stripComments(text: string): string[] {
  const noBlocks = text.replace(/<!--[\s\S]*?-->/g, '\n');
  return noBlocks.split(/\r?\n/).map((line) => line.replace(/#.*$/, '').trimEnd());
}

function phraseFrom(raw: string): string {
  return raw.replace(/_+$/, '').replace(/_/g, ' ').trim().toLowerCase();
}

/** Two-digit years: 00–(this year + 1) are 20xx, the rest 19xx. */
function petrarchDate(yymmdd: string): string {
  const yy = Number(yymmdd.slice(0, 2));
  const pivot = (new Date().getUTCFullYear() % 100) + 1;
  const century = yy <= pivot ? 2000 : 1900;
  return `${century + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

const CODE_RE = /\[([^\]]*)\]/g;

function parseCodeSpec(spec: string): { code: string; role?: DatedRole } | null {
  const parts = spec.trim().split(/\s+/);
  const code = (parts[0] ?? '').toUpperCase();
  if (!code || code === '---') return null;
  const restriction = parts[1];
  if (!restriction) return { code };
  let m = /^>(\d{6})$/.exec(restriction);
  if (m) return { code, role: { code, from: petrarchDate(m[1]!) } };
  m = /^<(\d{6})$/.exec(restriction);
  if (m) return { code, role: { code, until: petrarchDate(m[1]!) } };
  m = /^(\d{6})-(\d{6})$/.exec(restriction);
  if (m) return { code, role: { code, from: petrarchDate(m[1]!), until: petrarchDate(m[2]!) } };
  return { code };
}

function countryOf(code: string | null): string | null {
  return code && /^[A-Z]{3}/.test(code) && !/^(IGO|NGO|IMG|NGM|MNC)/.test(code) ? code.slice(0, 3) : null;
}

export function parsePetrarchActors(text: string, source: string): KbEntry[] {
  const entries: KbEntry[] = [];
  let current: KbEntry | null = null;
  let counter = 0;
  const finish = () => {
    if (current && (current.code || current.roles.length)) {
      if (!current.code) current.code = current.roles[current.roles.length - 1]!.code;
      current.country = countryOf(current.code);
      entries.push(current);
    }
    current = null;
  };
  for (const line of stripComments(text)) {
    if (!line.trim()) continue;
    const trimmed = line.trim();
    const codes = [...trimmed.matchAll(CODE_RE)].map((m) => m[1]!);
    const namePart = trimmed.replace(CODE_RE, '').trim();
    if (namePart.startsWith('+')) {
      if (current) current.names.push(phraseFrom(namePart.slice(1)));
    } else if (namePart) {
      finish();
      counter++;
      current = {
        id: `petrarch:${source}:${counter}`,
        kind: 'organization',
        names: [phraseFrom(namePart)],
        aliases: [],
        adjectives: [],
        capitals: [],
        country: null,
        code: null,
        roles: [],
        source,
      };
    }
    if (!current) continue;
    for (const spec of codes) {
      const parsed = parseCodeSpec(spec);
      if (!parsed) continue;
      if (parsed.role) current.roles.push(parsed.role);
      else current.code = parsed.code;
    }
  }
  finish();
  for (const e of entries) if (/^[A-Z]{3}$/.test(e.code ?? '')) e.kind = 'country';
  return entries;
}

export function parsePetrarchAgents(text: string, source: string): AgentEntry[] {
  const sets = new Map<string, string[]>();
  const byRole = new Map<string, string[]>();
  for (const line of stripComments(text)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const set = /^(![A-Z]+!)\s*=\s*(.+)$/.exec(trimmed);
    if (set) {
      sets.set(set[1]!, set[2]!.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean));
      continue;
    }
    const m = /^([^[{]+?)\s*(?:\{([^}]*)\})?\s*\[([^\]]+)\]/.exec(trimmed);
    if (!m) continue;
    const role = m[3]!.replace('~', '').trim().toUpperCase();
    if (!role) continue;
    const forms = [m[1]!, ...(m[2] ? m[2].split(/\s+/) : [])].filter(Boolean);
    const words = byRole.get(role) ?? [];
    for (const form of forms) {
      const setName = /![A-Z]+!/.exec(form)?.[0];
      const expansions = setName && sets.has(setName) ? sets.get(setName)!.map((w) => form.replace(setName, w)) : [form];
      for (const x of expansions) words.push(phraseFrom(x));
    }
    byRole.set(role, words);
  }
  return [...byRole].map(([role, words]) => ({ role, words, anaphoric: false, source }));
}

/** PETRARCH agents files mark roles with a tilde ([~MIL]); actors files do not. */
export function looksLikePetrarchAgents(text: string): boolean {
  const tilde = (text.match(/\[~[A-Z]+\]|\[[A-Z]+~\]/g) ?? []).length;
  const plain = (text.match(/\[[A-Z]{3,}[^\]~]*\]/g) ?? []).length;
  return tilde > plain;
}
