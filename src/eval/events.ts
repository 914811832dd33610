// `sitrep eval events --gold plover-gsr-dev.jsonl`: event-type accuracy (PLOVER type), source
// and target country accuracy, and a confusion table, over PLOVER gold-standard sentences.
// Also scores osorio-multicoder.jsonl (CAMEO root against the coders' majority) when given, and
// hand-coded events of whole articles (records with an `events` array: events-articles.ts).
//
// Rules:
// - Each gold record is one sentence run through the whole pipeline (annotate()) with
//   published = the record's date.
// - Gold types are mapped to PLOVER 2021 names: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE,
//   FIGHT -> ASSAULT, and INVESTIGATE -> ACCUSE (the 2021 CAMEO->PLOVER table makes
//   investigation an ACCUSE mode).
// - The predicted event is the one whose trigger overlaps the gold EVT words most (ties: the
//   earliest); when none overlaps, the first asserted event with a PLOVER type, else the first.
//   Events without a PLOVER type (public statements, NONE) are not chosen.
// - Source (target) country is right when the chosen event's participant's country (or, for
//   international bodies without a country, its code's first three letters) is among the
//   gold source (target) codes; scored over records that have gold sources (targets).
import { annotate } from '../pipeline/annotate.js';
import type { Event } from '../document/types.js';
import { readGoldRecords } from './gold.js';
import { participantCountry } from './score.js';
import { evaluateEventArticles } from './events-articles.js';

const TYPE_ALIASES: Record<string, string> = {
  DEMAND: 'REQUEST',
  DISAPPROVE: 'ACCUSE',
  FIGHT: 'ASSAULT',
  INVESTIGATE: 'ACCUSE',
};

export function ploverType(type: string): string {
  const t = type.trim().toUpperCase();
  return TYPE_ALIASES[t] ?? t;
}

interface GoldRecord {
  id: string;
  date?: string;
  text: string;
  event?: string;
  source?: unknown;
  target?: unknown;
  textInfo?: { markup?: string };
  annotators?: Record<string, { relevant?: unknown; actions?: unknown[] }>;
}

function codesOf(value: unknown): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  const codes: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') codes.push(item.toUpperCase());
    else if (item && typeof item === 'object' && typeof (item as { code?: unknown }).code === 'string') {
      codes.push(((item as { code: string }).code).toUpperCase());
    }
  }
  return codes.filter((c) => /^[A-Z]{3}$/.test(c));
}

/** Character spans of the (EVT: ...) words of a markup string, located in the plain text. */
export function eventWordSpans(text: string, markup: string | undefined): Array<[number, number]> {
  if (!markup) return [];
  const spans: Array<[number, number]> = [];
  const re = /\(EVT:\s*([^()]*?)\s*\)/g;
  let cursor = 0;
  for (let m = re.exec(markup); m; m = re.exec(markup)) {
    const words = m[1]!.trim();
    if (!words) continue;
    const at = text.indexOf(words, cursor);
    const found = at >= 0 ? at : text.indexOf(words);
    if (found >= 0) {
      spans.push([found, found + words.length]);
      cursor = found + words.length;
    }
  }
  return spans;
}

export function chooseEvent(events: Event[], evt: Array<[number, number]>): Event | null {
  const typed = events.filter((e) => e.plover.type !== 'NONE');
  if (typed.length === 0) return null;
  // The event on the first gold EVT words wins; among those, the one overlapping most.
  let best: Event | null = null;
  let bestFirst = Infinity;
  let bestOverlap = 0;
  for (const e of typed) {
    let overlap = 0;
    let first = Infinity;
    evt.forEach(([a, b], index) => {
      const o = Math.max(0, Math.min(b, e.trigger.end) - Math.max(a, e.trigger.start));
      if (o > 0 && index < first) first = index;
      overlap += o;
    });
    if (overlap > 0 && (first < bestFirst || (first === bestFirst && overlap > bestOverlap))) {
      best = e;
      bestFirst = first;
      bestOverlap = overlap;
    }
  }
  return best ?? typed.find((e) => e.modality === 'asserted') ?? typed[0]!;
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a';
}

export async function evaluateEvents(options: { gold: string; limit?: number; verbose?: boolean; split?: string }): Promise<{ metrics: Record<string, number>; report: string }> {
  const records = readGoldRecords<GoldRecord>(options.gold, options.limit);
  if (records.length && records[0]!.annotators) return evaluateMulticoder(records, options);
  // Hand-coded events of whole articles (data/gold/events-wikinews.jsonl).
  if (records.length && Array.isArray((records[0] as { events?: unknown }).events)) return evaluateEventArticles(options);

  let typeRight = 0;
  let sourceRight = 0;
  let sourceTotal = 0;
  let targetRight = 0;
  let targetTotal = 0;
  let noEvent = 0;
  const confusion = new Map<string, Map<string, number>>();
  const misses: string[] = [];
  const started = process.hrtime.bigint();
  for (const r of records) {
    const gold = ploverType(r.event ?? '');
    const result = annotate({ id: r.id, title: null, url: null, source: null, published: r.date ?? null, language: 'en', text: r.text });
    const chosen = chooseEvent(result.events, eventWordSpans(r.text, r.textInfo?.markup));
    const predicted = chosen ? chosen.plover.type : 'NONE';
    if (!chosen) noEvent++;
    const row = confusion.get(gold) ?? new Map<string, number>();
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
    confusion.set(gold, row);
    const typeOk = predicted === gold;
    if (typeOk) typeRight++;
    const goldSources = codesOf(r.source);
    const goldTargets = codesOf(r.target);
    let sourceOk = true;
    let targetOk = true;
    if (goldSources.length) {
      sourceTotal++;
      const c = participantCountry(chosen?.source ?? null);
      sourceOk = c !== null && goldSources.includes(c);
      if (sourceOk) sourceRight++;
    }
    if (goldTargets.length) {
      targetTotal++;
      const c = participantCountry(chosen?.target ?? null);
      targetOk = c !== null && goldTargets.includes(c);
      if (targetOk) targetRight++;
    }
    if (options.verbose && (!typeOk || !sourceOk || !targetOk)) {
      misses.push(
        `${r.id}: gold ${gold} ${goldSources.join('+') || '-'} -> ${goldTargets.join('+') || '-'}; ` +
          `got ${predicted}${chosen ? ` ${chosen.code} "${chosen.trigger.text}" ${participantCountry(chosen.source) ?? '-'} -> ${participantCountry(chosen.target) ?? '-'}` : ''}` +
          `${typeOk ? '' : ' [type]'}${sourceOk ? '' : ' [source]'}${targetOk ? '' : ' [target]'}\n    ${r.textInfo?.markup ?? r.text}`,
      );
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const n = records.length;
  const metrics = {
    records: n,
    type_accuracy: n ? typeRight / n : 0,
    source_country_accuracy: sourceTotal ? sourceRight / sourceTotal : 0,
    target_country_accuracy: targetTotal ? targetRight / targetTotal : 0,
    no_event: noEvent,
    sentences_per_second: seconds > 0 ? n / seconds : 0,
  };
  const types = [...new Set([...confusion.keys(), ...[...confusion.values()].flatMap((m) => [...m.keys()])])].sort();
  const short = (t: string) => t.slice(0, 5);
  const header = 'gold \\ pred'.padEnd(12) + types.map((t) => short(t).padStart(6)).join('');
  const rows = [...confusion.keys()].sort().map((g) => g.padEnd(12) + types.map((p) => String(confusion.get(g)!.get(p) ?? '').padStart(6)).join(''));
  const report = [
    `events: ${n} PLOVER gold sentences (${options.gold})`,
    `event-type accuracy (PLOVER type): ${pct(typeRight, n)} (${typeRight}/${n}); no event found: ${noEvent}`,
    `source country accuracy: ${pct(sourceRight, sourceTotal)} (${sourceRight}/${sourceTotal})`,
    `target country accuracy: ${pct(targetRight, targetTotal)} (${targetRight}/${targetTotal})`,
    `speed: ${metrics.sentences_per_second.toFixed(0)} sentences/s (whole pipeline)`,
    '',
    'confusion (rows gold, columns predicted):',
    header,
    ...rows,
    ...(options.verbose ? ['', 'misses:', ...misses] : []),
  ].join('\n');
  return { metrics, report };
}

/** osorio-multicoder.jsonl: CAMEO root of the chosen event against the coders' majority root. */
function evaluateMulticoder(records: GoldRecord[], options: { gold: string; verbose?: boolean }): { metrics: Record<string, number>; report: string } {
  let scored = 0;
  let right = 0;
  let found = 0;
  let rightReportedFirst = 0;
  const misses: string[] = [];
  for (const r of records) {
    const votes = new Map<string, number>();
    for (const a of Object.values(r.annotators ?? {})) {
      const first = (a.actions ?? [])[0];
      const code = typeof first === 'string' ? first : first && typeof first === 'object' ? String((first as Record<string, unknown>).cameo_root ?? (first as Record<string, unknown>).code ?? '') : '';
      const root = /^(\d{2})/.exec(code.trim())?.[1];
      if (root) votes.set(root, (votes.get(root) ?? 0) + 1);
    }
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
    if (!ranked.length || (ranked[1] && ranked[1][1] === ranked[0]![1])) continue; // no majority
    scored++;
    const majority = ranked[0]![0];
    const result = annotate({ id: r.id, title: null, url: null, source: null, published: r.date ?? null, language: 'en', text: r.text });
    // Coders code a public statement (root 01) only when nothing else is coded: the
    // statement events rank last.
    const statement = result.events.find((e) => e.root === '01') ?? null;
    const chosen = chooseEvent(result.events, []) ?? statement;
    if (chosen) found++;
    if (chosen?.root === majority) right++;
    // These coders list the reporting act first when someone else's act is reported ("X said
    // Y was detained"): the statement first when the chosen event is attributed to a speaker
    // other than its own source.
    const reportedFirst = chosen && statement && chosen !== statement && chosen.attribution && statement.source?.actor !== chosen.source?.actor ? statement : chosen;
    if (reportedFirst?.root === majority) rightReportedFirst++;
    else if (options.verbose) misses.push(`${r.id}: majority ${majority}, got ${chosen?.code ?? '-'} ${chosen ? `"${chosen.trigger.text}"` : ''}\n    ${r.text.slice(0, 200)}`);
  }
  const metrics = {
    records: records.length,
    scored,
    root_agreement: scored ? right / scored : 0,
    root_agreement_reported_first: scored ? rightReportedFirst / scored : 0,
    with_event: found,
  };
  const report = [
    `events (multi-coder): ${scored} sentences with a majority CAMEO root (${options.gold})`,
    `CAMEO root agreement with the majority: ${pct(right, scored)} (${right}/${scored}); sentences with an event: ${found}`,
    `  with the statement first when another speaker reports the act: ${pct(rightReportedFirst, scored)} (${rightReportedFirst}/${scored})`,
    ...(options.verbose ? ['', 'misses:', ...misses.slice(0, 200)] : []),
  ].join('\n');
  return { metrics, report };
}
