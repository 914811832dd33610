// Actor evaluation. Two gold formats, told apart by their fields:
//  - PLOVER GSR records (events/plover-gsr-dev.jsonl): `text`, `date`, `source`/`target` lists
//    of { actorText, code, sector }. For each gold actor we look for a sitrep mention that
//    overlaps the actor text (the one overlapping it most) and compare codes.
//  - NGEC actor tests (actors/ngec-actor-tests-dev.jsonl): `text` (a short actor phrase),
//    optional `date`, `expected` { country, code_1 }: the phrase's best mention is compared.
// Scoring rules (docs/actors.md):
//  - country: gold code vs the first three letters of the mention's code. Gold IGO / NGO / IMG
//    (international bodies) match any mention coded as an international actor (a code starting
//    IGO/NGO/IMG, or a KB entry of kind igo/ngo/armed-group without a country).
//  - sector: compared only when the gold has one; the gold's first three letters are mapped
//    to CAMEO roles (PLOVER GSR writes JRN for media, MED for medical, CIV for civilians):
//    JRN->MED, MED->HLH, CIV->CVL; "***" means no sector. Our role is any 3-letter block after
//    the country in the code. PLOVER GSR writes REB for every non-state armed group, where
//    CAMEO tells rebels (REB), insurgents (INS), separatists (SEP) and unidentified armed forces
//    (UAF) apart: `accuracy` accepts any of these for a gold REB, `strict_accuracy` does not.
import { existsSync, readFileSync } from 'node:fs';
import type { Actor, ActorMention, Document } from '../document/types.js';
import { annotate } from '../pipeline/annotate.js';

interface GoldActor {
  text: string;
  code: string;
  sector: string | null;
  start: number;
  end: number;
  /** the part of the span that names the actor (differs from it only for elided gold texts) */
  focusStart: number;
  focusEnd: number;
}

interface Case {
  id: string;
  text: string;
  date: string;
  actors: GoldActor[];
}

const SECTOR_MAP: Record<string, string> = { JRN: 'MED', MED: 'HLH', CIV: 'CVL' };
const ARMED = new Set(['REB', 'INS', 'SEP', 'UAF']);
const INTERNATIONAL = new Set(['IGO', 'NGO', 'IMG', 'NGM']);

function normalizeSector(sector: unknown): string | null {
  if (typeof sector !== 'string') return null;
  const s = sector.trim().slice(0, 3).toUpperCase();
  if (!/^[A-Z]{3}$/.test(s)) return null;
  return SECTOR_MAP[s] ?? s;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds `phrase` in `text` from `from` on, any run of spaces matching any other (gold texts double some). */
function findLoose(text: string, phrase: string, from: number): { start: number; end: number } | null {
  const words = phrase.split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  for (const flags of ['g', 'gi']) {
    const re = new RegExp(words.map(escapeRegex).join('\\s+'), flags);
    re.lastIndex = from;
    const m = re.exec(text);
    if (m) return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/**
 * The gold actor's span, and its focus: gold texts sometimes elide words ("U.S. ... negotiators"
 * for "U.S. and Russian negotiators", or "US forces" for "US and British forces"); the actor is
 * then the one the first fragment names, so mentions overlapping that fragment are preferred.
 */
function locate(text: string, actorText: string): { start: number; end: number; focusStart: number; focusEnd: number } {
  const none = { start: -1, end: -1, focusStart: -1, focusEnd: -1 };
  let fragments = actorText.split(/\s*\.\.+\s*/).map((f) => f.trim()).filter(Boolean);
  let first = fragments.length ? findLoose(text, fragments[0]!, 0) : null;
  if (!first) {
    // "US forces" for "US and British forces": the first and last words, close together
    const words = actorText.split(/\s+/).filter(Boolean);
    if (words.length < 2) return none;
    fragments = [words[0]!, words[words.length - 1]!];
    first = findLoose(text, fragments[0]!, 0);
    if (!first) return none;
    const lastAt = findLoose(text, fragments[1]!, first.end);
    if (!lastAt || lastAt.start - first.end > 40) return none;
  }
  if (fragments.length === 1) return { ...first, focusStart: first.start, focusEnd: first.end };
  const last = findLoose(text, fragments[fragments.length - 1]!, first.end);
  return { start: first.start, end: last ? last.end : first.end, focusStart: first.start, focusEnd: first.end };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * The NGEC tests' `query_date`: ISO ("2002-05-01"), "1 January 2018", "October 1, 2021", or
 * "today" (the suite was written in 2022: read as 2022-01-01).
 */
function ngecDate(value: unknown): string {
  const fallback = '2022-01-01';
  if (typeof value !== 'string') return fallback;
  const v = value.trim().toLowerCase();
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  let m = /^(\d{1,2}) ([a-z]+),? (\d{4})$/.exec(v);
  if (m && MONTHS.includes(m[2]!)) return `${m[3]}-${pad(MONTHS.indexOf(m[2]!) + 1)}-${pad(Number(m[1]))}`;
  m = /^([a-z]+) (\d{1,2}),? (\d{4})$/.exec(v);
  if (m && MONTHS.includes(m[1]!)) return `${m[3]}-${pad(MONTHS.indexOf(m[1]!) + 1)}-${pad(Number(m[2]))}`;
  return fallback;
}

function readCases(gold: string): Case[] {
  const lines = readFileSync(gold, 'utf8').split('\n').filter((l) => l.trim());
  const cases: Case[] = [];
  for (const line of lines) {
    const r = JSON.parse(line) as Record<string, unknown>;
    const text = String(r.text ?? '');
    if ('expected' in r) {
      const exp = (r.expected ?? {}) as Record<string, unknown>;
      const country = typeof exp.country === 'string' ? exp.country : '';
      const role = typeof exp.code_1 === 'string' ? exp.code_1 : null;
      if (!country && !role) continue;
      const date = ngecDate(r.query_date ?? r.date);
      // the context is words written before the phrase ("Saudi" + "the National Guard")
      const context = typeof r.context === 'string' ? r.context.trim() : '';
      const phrase = context ? text.replace(/^(the|a|an)\s+/i, '') : text;
      const full = context ? `${context} ${phrase}` : text;
      const at = full.length - phrase.length;
      cases.push({ id: String(r.id), text: full, date, actors: [{ text, code: country, sector: normalizeSector(role), start: at, end: full.length, focusStart: at, focusEnd: full.length }] });
      continue;
    }
    const actors: GoldActor[] = [];
    for (const side of ['source', 'target']) {
      const list = r[side];
      if (!Array.isArray(list)) continue;
      for (const a of list as Record<string, unknown>[]) {
        if (typeof a.actorText !== 'string' || typeof a.code !== 'string') continue;
        const span = locate(text, a.actorText.trim());
        actors.push({ text: a.actorText.trim(), code: a.code.toUpperCase(), sector: normalizeSector(a.sector), ...span });
      }
    }
    cases.push({ id: String(r.id), text, date: String(r.date ?? '2000-01-01').slice(0, 10), actors });
  }
  return cases;
}

function isInternational(actor: Actor, m: ActorMention): boolean {
  const code = m.code ?? actor.code ?? '';
  if (INTERNATIONAL.has(code.slice(0, 3))) return true;
  return actor.country === null && (actor.type === 'igo' || actor.type === 'organization' || actor.type === 'armed-group') && !!actor.kb;
}

function rolesOf(code: string | null | undefined): string[] {
  if (!code) return [];
  const out: string[] = [];
  for (let i = 3; i + 3 <= code.length; i += 3) out.push(code.slice(i, i + 3));
  return out;
}

export async function evaluateActors(options: { gold: string; limit?: number; verbose?: boolean }): Promise<{ metrics: Record<string, number>; report: string }> {
  if (!existsSync(options.gold)) throw new Error(`gold file not found: ${options.gold}`);
  let cases = readCases(options.gold);
  if (options.limit) cases = cases.slice(0, options.limit);
  let total = 0;
  let found = 0;
  let countryOk = 0;
  let fullOk = 0;
  let withSector = 0;
  let sectorOk = 0;
  let strictOk = 0;
  const misses: string[] = [];
  const started = Date.now();
  for (const c of cases) {
    const doc: Document = { id: c.id, title: null, url: null, source: null, published: c.date, language: 'en', text: c.text };
    const out = annotate(doc);
    for (const g of c.actors) {
      total++;
      let best: { actor: Actor; m: ActorMention; overlap: number } | null = null;
      if (g.start >= 0) {
        for (const actor of out.actors) {
          for (const m of actor.mentions) {
            let overlap = Math.min(m.end, g.end) - Math.max(m.start, g.start);
            if (overlap <= 0) continue;
            // a mention inside the elided gold's first fragment beats one covering more of the span
            if (m.start < g.focusEnd && m.end > g.focusStart && (g.focusStart !== g.start || g.focusEnd !== g.end)) overlap += 1000;
            if (!best || overlap > best.overlap || (overlap === best.overlap && m.end - m.start < best.m.end - best.m.start)) best = { actor, m, overlap };
          }
        }
      }
      const code = best?.m.code ?? null;
      let cOk = false;
      let sOk = g.sector === null;
      if (best) {
        found++;
        if (INTERNATIONAL.has(g.code)) cOk = isInternational(best.actor, best.m);
        // NGEC writes a body's own code where CAMEO prefixes IGO ("UNO" for IGOUNO, "EUR")
        else if (code && /^(IGO|NGO)/.test(code) && code.slice(3, 6) === g.code) cOk = true;
        else if (g.code === '') cOk = true;
        else cOk = !!code && code.slice(0, 3) === g.code;
        if (g.sector !== null) {
          const roles = rolesOf(code);
          if (code?.length === 3) roles.push(code); // a bare role ("MIL") from an agent alone
          const strict = roles.includes(g.sector);
          sOk = strict || (g.sector === 'REB' && roles.some((r) => ARMED.has(r)));
          if (cOk && strict) strictOk++;
        } else if (cOk) strictOk++;
      }
      if (cOk) countryOk++;
      if (g.sector !== null) {
        withSector++;
        if (sOk) sectorOk++;
      }
      if (cOk && sOk) fullOk++;
      else if (options.verbose) {
        misses.push(`  ${c.id}: "${g.text}" gold ${g.code || '-'}${g.sector ? ' ' + g.sector : ''}; sitrep ${best ? `"${best.m.text}" ${code ?? 'no code'} (${best.m.via})` : 'no mention'}\n      ${c.text.slice(0, 160)}`);
      }
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const metrics: Record<string, number> = {
    actors: total,
    found: total ? found / total : 0,
    accuracy: total ? fullOk / total : 0,
    strict_accuracy: total ? strictOk / total : 0,
    country_accuracy: total ? countryOk / total : 0,
    sector_accuracy: withSector ? sectorOk / withSector : 0,
    records_per_second: seconds ? cases.length / seconds : 0,
  };
  const pct = (x: number) => (100 * x).toFixed(1) + ' %';
  let report = `actors: ${cases.length} records, ${total} gold actors (${options.gold})\n`;
  report += `  mention found      ${pct(metrics.found!)}\n`;
  report += `  accuracy (country + sector)  ${pct(metrics.accuracy!)}\n`;
  report += `  strict accuracy (REB not matched by INS/SEP)  ${pct(metrics.strict_accuracy!)}\n`;
  report += `  country accuracy   ${pct(metrics.country_accuracy!)}\n`;
  report += `  sector accuracy    ${pct(metrics.sector_accuracy!)} of ${withSector} gold actors with a sector\n`;
  if (options.verbose && misses.length) report += `misses (${misses.length}):\n${misses.join('\n')}\n`;
  return { metrics, report };
}
