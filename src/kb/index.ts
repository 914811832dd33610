// The actor knowledge base: loads data/kb/*.yaml (and user dictionaries given with --kb, in
// YAML or PETRARCH format), merges them (a user entry with the same id replaces the built-in
// one) and compiles every name, alias, adjective, capital and agent word into a token trie.
// Built once per process and set of paths, then cached.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { dataPath } from '../util/paths.js';
import { normalizeIsoDate, resolveCode } from './dates.js';
import { looksLikePetrarchAgents, parsePetrarchActors, parsePetrarchAgents } from './petrarch.js';
import { isCaseSensitive, phraseParts, pluralsOf } from './phrases.js';
import type { AgentEntry, DatedRole, EntryKind, KbEntry, KnowledgeBase, PhraseTarget, PhraseVia, TrieNode } from './types.js';

export type { AgentEntry, DatedRole, KbEntry, KnowledgeBase, PhraseTarget, TrieNode } from './types.js';
export { resolveCode, activeRole, formerCode, normalizeIsoDate } from './dates.js';
export { phraseParts, tokenParts } from './phrases.js';

const KINDS = new Set<EntryKind>([
  'country', 'igo', 'ngo', 'armed-group', 'agency', 'person', 'metonym', 'organization', 'ethnic', 'region',
]);

function stringList(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return null;
  const out: string[] = [];
  for (const v of value) {
    if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
    else return null;
  }
  return out;
}

function dateString(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' || typeof value === 'number') return normalizeIsoDate(String(value)) ?? null;
  return null;
}

/** Validates one YAML item; returns the entry, the agent list, or an error message. */
function readItem(item: unknown, source: string): KbEntry | AgentEntry | string {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return 'not a mapping';
  const o = item as Record<string, unknown>;
  if (o.role !== undefined && o.words !== undefined && o.id === undefined) {
    const words = stringList(o.words);
    if (typeof o.role !== 'string' || !words) return 'agent needs `role` (string) and `words` (list)';
    return { role: o.role.toUpperCase(), words: words.map((w) => w.toLowerCase()), anaphoric: o.anaphoric === true, source };
  }
  if (typeof o.id !== 'string' || !o.id) return 'missing `id`';
  const kind = (o.kind ?? 'organization') as EntryKind;
  if (!KINDS.has(kind)) return `unknown kind "${String(o.kind)}"`;
  const names = stringList(o.names);
  const aliases = stringList(o.aliases);
  const adjectives = stringList(o.adjectives);
  const capitals = stringList(o.capitals);
  if (!names || !aliases || !adjectives || !capitals) return 'names/aliases/adjectives/capitals must be lists of strings';
  const roles: DatedRole[] = [];
  if (o.roles !== undefined && o.roles !== null) {
    if (!Array.isArray(o.roles)) return '`roles` must be a list';
    for (const r of o.roles) {
      if (!r || typeof r !== 'object' || typeof (r as Record<string, unknown>).code !== 'string') return 'each role needs a `code`';
      const rr = r as Record<string, unknown>;
      const from = dateString(rr.from);
      const until = dateString(rr.until);
      if (from === null || until === null) return `bad date in role ${String(rr.code)}`;
      const role: DatedRole = { code: String(rr.code).toUpperCase() };
      if (from) role.from = from;
      if (until) role.until = until;
      if (typeof rr.title === 'string') role.title = rr.title;
      roles.push(role);
    }
  }
  const code = o.code === undefined || o.code === null ? null : String(o.code).toUpperCase();
  const country = o.country === undefined || o.country === null ? null : String(o.country).toUpperCase();
  if (!code && roles.length === 0 && kind !== 'region' && kind !== 'ethnic') return 'needs a `code` or `roles`';
  if (names.length + aliases.length + adjectives.length + capitals.length === 0) return 'no names';
  return { id: o.id, kind, names, aliases, adjectives, capitals, country, code, roles, source };
}

interface Loaded {
  entries: KbEntry[];
  agents: AgentEntry[];
  warnings: string[];
}

function loadFile(file: string, into: Loaded): void {
  const text = readFileSync(file, 'utf8');
  const base = path.basename(file);
  if (/\.ya?ml$/i.test(file)) {
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (err) {
      into.warnings.push(`${base}: not valid YAML (${(err as Error).message.split('\n')[0]}); file skipped`);
      return;
    }
    if (doc === null || doc === undefined) return;
    if (!Array.isArray(doc)) {
      into.warnings.push(`${base}: expected a list of entries; file skipped`);
      return;
    }
    doc.forEach((item, i) => {
      const r = readItem(item, base);
      if (typeof r === 'string') {
        const id = item && typeof item === 'object' && 'id' in item ? ` (${String((item as { id: unknown }).id)})` : '';
        into.warnings.push(`${base}: entry ${i + 1}${id} skipped: ${r}`);
      } else if ('role' in r) into.agents.push(r);
      else into.entries.push(r);
    });
  } else if (looksLikePetrarchAgents(text)) {
    into.agents.push(...parsePetrarchAgents(text, base));
  } else {
    into.entries.push(...parsePetrarchActors(text, base));
  }
}

function filesUnder(p: string): string[] {
  if (!existsSync(p)) throw new Error(`knowledge base path not found: ${p}`);
  if (statSync(p).isDirectory()) {
    return readdirSync(p)
      .filter((f) => /\.(ya?ml|txt)$/i.test(f))
      .sort()
      .map((f) => path.join(p, f));
  }
  return [p];
}

function newNode(): TrieNode {
  return { next: new Map(), targets: [] };
}

function addPhrase(root: TrieNode, phrase: string, target: Omit<PhraseTarget, 'exact'>, forceInsensitive = false): void {
  const parts = phraseParts(phrase);
  if (parts.length === 0) return;
  let node = root;
  for (const part of parts) {
    const key = part.toLowerCase();
    let next = node.next.get(key);
    if (!next) node.next.set(key, (next = newNode()));
    node = next;
  }
  const exact = !forceInsensitive && isCaseSensitive(phrase) ? parts : null;
  node.targets.push({ ...target, exact });
}

function compile(entries: KbEntry[], agents: AgentEntry[], userFrom: number): TrieNode {
  const root = newNode();
  let rank = 0;
  const petrarch = (e: { source: string }) => /\.txt$/i.test(e.source);
  for (const agent of agents) {
    for (const word of agent.words) {
      const forms = new Set([word, ...(word.includes(' ') || /s$/.test(word) ? [] : pluralsOf(word))]);
      if (word.includes(' ') && !/s$/.test(word)) for (const p of pluralsOf(word)) forms.add(p);
      for (const form of forms) addPhrase(root, form, { via: 'agent', role: agent.role, anaphoric: agent.anaphoric, rank }, true);
    }
    rank++;
  }
  // Entries rank above agents (an entry and an agent word for the same phrase: the entry wins);
  // user entries rank above built-in ones.
  entries.forEach((entry, i) => {
    const r = 1_000_000 + i + (i >= userFrom ? 1_000_000 : 0);
    const add = (list: string[], via: PhraseVia) => {
      for (const phrase of list) addPhrase(root, phrase, { via, entry, rank: r }, petrarch(entry));
    };
    add(entry.names, 'name');
    add(entry.aliases, 'alias');
    add(entry.adjectives, 'demonym');
    add(entry.capitals, 'capital');
  });
  return root;
}

/** The compiled built-in KB written by `node dist/kb/compile.js` (see loadBuiltin). */
export const KB_CACHE = dataPath('generated', 'kb.json');
/** Bumped whenever the shape of KbEntry/AgentEntry or the reading rules change. */
const KB_CACHE_FORMAT = 1;

interface KbCacheFile {
  format: number;
  /** the YAML files it was built from (base names), to notice an added or removed file */
  files: string[];
  entries: KbEntry[];
  agents: AgentEntry[];
  warnings: string[];
}

function builtinFiles(): string[] {
  const dir = dataPath('kb');
  return existsSync(dir) ? filesUnder(dir).filter((f) => /\.ya?ml$/i.test(f)) : [];
}

/** Parses every data/kb/*.yaml (the slow path: ~1 s of YAML parsing for the whole KB). */
export function parseBuiltinKb(): KbCacheFile {
  const files = builtinFiles();
  const loaded: Loaded = { entries: [], agents: [], warnings: [] };
  for (const file of files) loadFile(file, loaded);
  return { format: KB_CACHE_FORMAT, files: files.map((f) => path.basename(f)), ...loaded };
}

/**
 * The built-in entries: from the compiled cache when it exists, has this format, lists the
 * same files and is newer than every one of them; else parsed from the YAML files.
 */
function loadBuiltin(): Loaded {
  const files = builtinFiles();
  if (existsSync(KB_CACHE)) {
    const cacheTime = statSync(KB_CACHE).mtimeMs;
    const fresh = files.every((f) => statSync(f).mtimeMs <= cacheTime);
    if (fresh) {
      try {
        const parsed = JSON.parse(readFileSync(KB_CACHE, 'utf8')) as KbCacheFile;
        const names = files.map((f) => path.basename(f));
        if (parsed.format === KB_CACHE_FORMAT && parsed.files.length === names.length && parsed.files.every((f, i) => f === names[i])) {
          return { entries: parsed.entries, agents: parsed.agents, warnings: parsed.warnings };
        }
      } catch {
        // unreadable cache: fall back to the YAML files
      }
    }
  }
  const { entries, agents, warnings } = parseBuiltinKb();
  return { entries, agents, warnings };
}

const cache = new Map<string, KnowledgeBase>();
const warned = new Set<string>();

/**
 * Loads the built-in knowledge base (every data/kb/*.yaml) plus user dictionaries (files or
 * folders; YAML or PETRARCH .txt). Same `id` in a later file replaces the earlier entry.
 * Invalid entries are skipped with one warning each on stderr.
 */
export function loadKnowledgeBase(extraPaths: string[] = []): KnowledgeBase {
  const key = extraPaths.map((p) => path.resolve(p)).join('\0');
  const cached = cache.get(key);
  if (cached) return cached;
  const builtin = loadBuiltin();
  const loaded: Loaded = { entries: [...builtin.entries], agents: [...builtin.agents], warnings: [...builtin.warnings] };
  const builtinCount = loaded.entries.length;
  for (const p of extraPaths) for (const file of filesUnder(p)) loadFile(file, loaded);
  // Merge by id: the last definition wins, keeping the position of the first.
  const byId = new Map<string, KbEntry>();
  const order: string[] = [];
  for (const entry of loaded.entries) {
    if (!byId.has(entry.id)) order.push(entry.id);
    byId.set(entry.id, entry);
  }
  const entries = order.map((id) => byId.get(id)!);
  // An overriding user entry keeps its built-in position but must still rank as a user entry.
  const userIds = new Set(loaded.entries.slice(builtinCount).map((e) => e.id));
  const ranked = [...entries.filter((e) => !userIds.has(e.id)), ...entries.filter((e) => userIds.has(e.id))];
  const userFrom = ranked.length - userIds.size;
  const surnames = new Map<string, KbEntry[]>();
  for (const entry of ranked) {
    if (entry.kind !== 'person') continue;
    for (const name of entry.names) {
      const words = name.trim().split(/\s+/);
      if (words.length < 2) continue;
      const last = words[words.length - 1]!.toLowerCase();
      if (last.length < 3 || !/^\p{Lu}/u.test(words[words.length - 1]!)) continue;
      const list = surnames.get(last) ?? [];
      if (!list.includes(entry)) list.push(entry);
      surnames.set(last, list);
    }
  }
  const kb: KnowledgeBase = {
    entries: ranked,
    byId,
    surnames,
    agents: loaded.agents,
    trie: compile(ranked, loaded.agents, userFrom),
    warnings: loaded.warnings,
  };
  for (const w of kb.warnings) {
    if (!warned.has(w)) {
      warned.add(w);
      process.emitWarning(`sitrep kb: ${w}`);
    }
  }
  cache.set(key, kb);
  return kb;
}

export interface ActorLookup {
  entry: KbEntry;
  /** the code on the date asked (or today) */
  code: string | null;
  roles: DatedRole[];
}

/**
 * `sitrep actor CODE|NAME|ID`: entries whose id, code (or a dated role's code) or one of
 * whose names/aliases/adjectives/capitals equals the query (case-insensitive).
 */
export function lookupActor(kb: KnowledgeBase, query: string, isoDate?: string): ActorLookup[] {
  const q = query.trim().toLowerCase();
  const date = isoDate ?? new Date().toISOString().slice(0, 10);
  const hits: ActorLookup[] = [];
  for (const entry of kb.entries) {
    const texts = [entry.id, entry.code ?? '', ...entry.roles.map((r) => r.code), ...entry.names, ...entry.aliases, ...entry.adjectives, ...entry.capitals];
    if (texts.some((t) => t.toLowerCase() === q)) hits.push({ entry, code: resolveCode(entry, date), roles: entry.roles });
  }
  return hits;
}

/** The role an agent word gives ("troops" -> MIL), or null. */
export function agentRole(kb: KnowledgeBase, word: string): string | null {
  let node: TrieNode | undefined = kb.trie;
  for (const part of phraseParts(word.toLowerCase())) {
    node = node.next.get(part);
    if (!node) return null;
  }
  const t = node.targets.filter((x) => x.via === 'agent').sort((a, b) => b.rank - a.rank)[0];
  return t?.role ?? null;
}
