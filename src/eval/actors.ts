// Actor evaluation. Three gold formats, told apart by their fields:
//  - PLOVER GSR records (events/plover-gsr-dev.jsonl): `text`, `date`, `source`/`target` lists
//    of { actorText, code, sector }. For each gold actor we look for a sitrep mention that
//    overlaps the actor text (the one overlapping it most) and compare codes.
//  - NGEC actor tests (actors/ngec-actor-tests-dev.jsonl): `text` (a short actor phrase),
//    optional `date`, `expected` { country, code_1 }: the phrase's best mention is compared.
//  - the team's key actors in real articles (data/gold/actors-wikinews.jsonl): `text` (a whole
//    article), `published`, `split` (dev/heldout), `actors` [{ text, start, end, country, role }]
//    with CAMEO roles (no PLOVER sector mapping); scored like the PLOVER records, per split.
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
import { existsSync } from 'node:fs';
import type { Actor, ActorMention, Document } from '../document/types.js';
import { annotate } from '../pipeline/annotate.js';
import { readGoldRecords } from './gold.js';

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
  /** dev / heldout, for gold files that mark a split */
  split?: string;
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
  const cases: Case[] = [];
  for (const r of readGoldRecords<Record<string, unknown>>(gold)) {
    const text = String(r.text ?? '');
    if (Array.isArray(r.actors)) {
      // key actors of a real article, with offsets and CAMEO roles as written
      const actors: GoldActor[] = [];
      for (const a of r.actors as Record<string, unknown>[]) {
        if (typeof a.start !== 'number' || typeof a.end !== 'number' || typeof a.country !== 'string') continue;
        const role = typeof a.role === 'string' && /^[A-Z]{3}$/.test(a.role) ? a.role : null;
        actors.push({ text: String(a.text ?? text.slice(a.start, a.end)), code: a.country.toUpperCase(), sector: role, start: a.start, end: a.end, focusStart: a.start, focusEnd: a.end });
      }
      cases.push({ id: String(r.id), text, date: String(r.published ?? r.date ?? '2000-01-01').slice(0, 10), actors, split: typeof r.split === 'string' ? r.split : undefined });
      continue;
    }
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

interface Tally {
  cases: number;
  total: number;
  found: number;
  countryOk: number;
  fullOk: number;
  withSector: number;
  sectorOk: number;
  strictOk: number;
}

function metricsOf(t: Tally): Record<string, number> {
  return {
    actors: t.total,
    found: t.total ? t.found / t.total : 0,
    accuracy: t.total ? t.fullOk / t.total : 0,
    strict_accuracy: t.total ? t.strictOk / t.total : 0,
    country_accuracy: t.total ? t.countryOk / t.total : 0,
    sector_accuracy: t.withSector ? t.sectorOk / t.withSector : 0,
  };
}

/** Scores one gold actor against the sitrep mention that overlaps it most. */
function scoreOne(g: GoldActor, actors: Actor[]): { best: { actor: Actor; m: ActorMention } | null; found: boolean; countryOk: boolean; sectorOk: boolean; strictOk: boolean } {
  let best: { actor: Actor; m: ActorMention; overlap: number } | null = null;
  if (g.start >= 0) {
    for (const actor of actors) {
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
  let countryOk = false;
  let sectorOk = g.sector === null;
  let strictOk = false;
  if (best) {
    if (INTERNATIONAL.has(g.code)) countryOk = isInternational(best.actor, best.m);
    // NGEC writes a body's own code where CAMEO prefixes IGO ("UNO" for IGOUNO, "EUR")
    else if (code && /^(IGO|NGO)/.test(code) && code.slice(3, 6) === g.code) countryOk = true;
    else if (g.code === '') countryOk = true;
    else countryOk = !!code && code.slice(0, 3) === g.code;
    if (g.sector !== null) {
      const roles = rolesOf(code);
      if (code?.length === 3) roles.push(code); // a bare role ("MIL") from an agent alone
      const strict = roles.includes(g.sector);
      sectorOk = strict || (g.sector === 'REB' && roles.some((r) => ARMED.has(r)));
      strictOk = countryOk && strict;
    } else strictOk = countryOk;
  }
  return { best, found: !!best, countryOk, sectorOk, strictOk };
}

export async function evaluateActors(options: { gold: string; limit?: number; verbose?: boolean; split?: string }): Promise<{ metrics: Record<string, number>; report: string }> {
  if (!existsSync(options.gold)) throw new Error(`gold file not found: ${options.gold}`);
  let cases = readCases(options.gold);
  if (options.split) cases = cases.filter((c) => c.split === options.split);
  if (options.limit) cases = cases.slice(0, options.limit);
  const tallies = new Map<string, Tally>();
  const tallyOf = (name: string): Tally => {
    let t = tallies.get(name);
    if (!t) tallies.set(name, (t = { cases: 0, total: 0, found: 0, countryOk: 0, fullOk: 0, withSector: 0, sectorOk: 0, strictOk: 0 }));
    return t;
  };
  const misses: string[] = [];
  const started = Date.now();
  for (const c of cases) {
    const doc: Document = { id: c.id, title: null, url: null, source: null, published: c.date, language: 'en', text: c.text };
    const out = annotate(doc);
    const targets = c.split ? [tallyOf('all'), tallyOf(c.split)] : [tallyOf('all')];
    for (const t of targets) t.cases++;
    for (const g of c.actors) {
      const r = scoreOne(g, out.actors);
      for (const t of targets) {
        t.total++;
        if (r.found) t.found++;
        if (r.countryOk) t.countryOk++;
        if (r.strictOk) t.strictOk++;
        if (g.sector !== null) {
          t.withSector++;
          if (r.sectorOk) t.sectorOk++;
        }
        if (r.countryOk && r.sectorOk) t.fullOk++;
      }
      if (!(r.countryOk && r.sectorOk) && options.verbose) {
        const context = c.text.length > 200 ? c.text.slice(Math.max(0, g.start - 80), g.end + 80).replace(/\s+/g, ' ') : c.text.slice(0, 160);
        misses.push(`  ${c.id}${c.split ? ` [${c.split}]` : ''}: "${g.text}" gold ${g.code || '-'}${g.sector ? ' ' + g.sector : ''}; sitrep ${r.best ? `"${r.best.m.text}" ${r.best.m.code ?? 'no code'} (${r.best.m.via})` : 'no mention'}\n      ${context}`);
      }
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const all = tallyOf('all');
  const metrics: Record<string, number> = { ...metricsOf(all), records_per_second: seconds ? cases.length / seconds : 0 };
  const pct = (x: number) => (100 * x).toFixed(1) + ' %';
  const describe = (t: Tally, label: string): string => {
    const m = metricsOf(t);
    let text = `${label}${t.cases} records, ${t.total} gold actors\n`;
    text += `  mention found      ${pct(m.found!)}\n`;
    text += `  accuracy (country + sector)  ${pct(m.accuracy!)}\n`;
    text += `  strict accuracy (REB not matched by INS/SEP)  ${pct(m.strict_accuracy!)}\n`;
    text += `  country accuracy   ${pct(m.country_accuracy!)}\n`;
    text += `  sector accuracy    ${pct(m.sector_accuracy!)} of ${t.withSector} gold actors with a sector\n`;
    return text;
  };
  let report = describe(all, `actors (${options.gold}): `);
  for (const [name, t] of tallies) {
    if (name === 'all') continue;
    report += describe(t, `split ${name}: `);
    for (const [k, v] of Object.entries(metricsOf(t))) metrics[`${name}_${k}`] = v;
  }
  if (options.verbose && misses.length) report += `misses (${misses.length}):\n${misses.join('\n')}\n`;
  return { metrics, report };
}
