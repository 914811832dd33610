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

function locate(text: string, actorText: string): { start: number; end: number } {
  // gold texts sometimes elide words ("U.S. ... negotiators"): locate the first fragment
  const fragment = actorText.split(/\s*\.\.+\s*/)[0]!.trim();
  let at = text.indexOf(fragment);
  if (at < 0) at = text.toLowerCase().indexOf(fragment.toLowerCase());
  if (at < 0) return { start: -1, end: -1 };
  const lastFragment = actorText.split(/\s*\.\.+\s*/).pop()!.trim();
  const lastAt = text.indexOf(lastFragment, at);
  return { start: at, end: lastAt >= 0 ? lastAt + lastFragment.length : at + fragment.length };
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
      const date = typeof r.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(r.date) ? r.date.slice(0, 10) : '2022-01-01';
      cases.push({ id: String(r.id), text, date, actors: [{ text, code: country, sector: normalizeSector(role), start: 0, end: text.length }] });
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
            const overlap = Math.min(m.end, g.end) - Math.max(m.start, g.start);
            if (overlap <= 0) continue;
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
