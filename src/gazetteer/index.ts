// The gazetteer at run time: loaded once per process (or worker thread) from the compact
// table that `node dist/gazetteer/generate.js` writes to data/generated/gazetteer.json at
// build time; when that file is missing it is built from the packages in memory (slower,
// ~2 s, same result). Columns are typed arrays to keep memory low in every worker.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dataPath } from '../util/paths.js';
import { buildGazetteerData, type CountryFacts, type GazetteerData, type GazetteerEntry } from './build.js';
import { foldName } from './normalize.js';

export { foldName } from './normalize.js';

export const GAZETTEER_CACHE = dataPath('generated', 'gazetteer.json');
/** Bumped when the table layout or the way it is built changes, so a stale cache is rebuilt
 *  instead of misread (2: admin-2 regions carry their towns' population). */
export const GAZETTEER_FORMAT = 2;

/** The serialized, columnar form of the gazetteer. */
export interface GazetteerTable {
  format: number;
  name: string[];
  lat: number[];
  lon: number[];
  /** index into `codes.cc` */
  cc: number[];
  /** index into `codes.feature` */
  feature: number[];
  population: number[];
  /** index into `codes.admin1` */
  admin1: number[];
  /** 0 when none */
  geonameid: number[];
  codes: { cc: string[]; feature: string[]; admin1: string[] };
  /** folded names, and for each the run of entry indexes in `postings`: count, then indexes */
  keys: string[];
  postings: number[];
  countries: CountryFacts[];
}

export function toTable(data: GazetteerData): GazetteerTable {
  const codeTables = { cc: [] as string[], feature: [] as string[], admin1: [] as string[] };
  const maps = { cc: new Map<string, number>(), feature: new Map<string, number>(), admin1: new Map<string, number>() };
  const code = (kind: 'cc' | 'feature' | 'admin1', value: string) => {
    let i = maps[kind].get(value);
    if (i === undefined) {
      i = codeTables[kind].length;
      codeTables[kind].push(value);
      maps[kind].set(value, i);
    }
    return i;
  };
  const e = data.entries;
  const keys = Object.keys(data.names);
  const postings: number[] = [];
  for (const key of keys) {
    const list = data.names[key]!;
    postings.push(list.length, ...list);
  }
  return {
    format: GAZETTEER_FORMAT,
    name: e.map((x) => x.name),
    lat: e.map((x) => Math.round(x.lat * 1e4) / 1e4),
    lon: e.map((x) => Math.round(x.lon * 1e4) / 1e4),
    cc: e.map((x) => code('cc', x.cc)),
    feature: e.map((x) => code('feature', x.feature)),
    population: e.map((x) => x.population),
    admin1: e.map((x) => code('admin1', x.admin1)),
    geonameid: e.map((x) => x.geonameid ?? 0),
    codes: codeTables,
    keys,
    postings,
    countries: data.countries,
  };
}

/** How many names' candidate lists lookup() keeps. */
const LOOKUP_CACHE_SIZE = 20_000;

/** nameFlags(): the key is a name; some longer name starts with the key and a space. */
export const NAME_KNOWN = 1;
export const NAME_PREFIX = 2;
/** The value in Gazetteer.names of a prefix that is no name (-1: odd, so isPrefix is one bit test). */
const PREFIX_ONLY = -1;

/** A place candidate as the annotator sees it. */
export interface Candidate extends GazetteerEntry {
  index: number;
}

export class Gazetteer {
  private readonly nameColumn: string[];
  private readonly lat: Float32Array;
  private readonly lon: Float32Array;
  private readonly cc: Uint16Array;
  private readonly feature: Uint8Array;
  private readonly population: Float64Array;
  private readonly admin1: Uint32Array;
  private readonly geonameid: Uint32Array;
  private readonly codes: GazetteerTable['codes'];
  /** Every folded name and every proper word-prefix of a multi-word name ("new", "new
   *  south"), in one table so that one lookup answers both questions of the recognizer: is
   *  it a name, and can a longer name start with it (then the recognizer goes on, else it
   *  stops extending the span). A name's value is its run's offset in `postings` times two,
   *  plus one when it is also a prefix; a prefix that is no name has the value PREFIX_ONLY. */
  private readonly names: Map<string, number>;
  private readonly postings: Int32Array;
  readonly countries: CountryFacts[];
  readonly alpha3ByAlpha2: Map<string, string>;
  /** folded demonym -> alpha-2 */
  readonly demonyms: Map<string, string>;
  /** the longest name in tokens-ish (words), bounding the recognizer's look-ahead */
  readonly maxWords: number;
  /** folded name -> its candidates, as lookup() built them */
  private readonly lookupCache = new Map<string, readonly Candidate[]>();

  constructor(table: GazetteerTable) {
    this.nameColumn = table.name;
    this.lat = Float32Array.from(table.lat);
    this.lon = Float32Array.from(table.lon);
    this.cc = Uint16Array.from(table.cc);
    this.feature = Uint8Array.from(table.feature);
    this.population = Float64Array.from(table.population);
    this.admin1 = Uint32Array.from(table.admin1);
    this.geonameid = Uint32Array.from(table.geonameid);
    this.codes = table.codes;
    // key -> offset of its run in `postings`
    this.names = new Map();
    this.postings = Int32Array.from(table.postings);
    let offset = 0;
    for (const key of table.keys) {
      this.names.set(key, offset * 2);
      offset += 1 + table.postings[offset]!;
    }
    this.countries = table.countries;
    this.alpha3ByAlpha2 = new Map(table.countries.map((c) => [c.alpha2, c.alpha3]));
    this.demonyms = new Map();
    for (const c of table.countries) for (const d of c.demonyms) this.demonyms.set(foldName(d), c.alpha2);
    let maxWords = 1;
    for (const key of table.keys) {
      let words = 1;
      for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) {
        words++;
        const prefix = key.slice(0, i);
        const value = this.names.get(prefix);
        if (value === undefined) this.names.set(prefix, PREFIX_ONLY);
        else if (value >= 0) this.names.set(prefix, value | 1);
      }
      if (words > maxWords) maxWords = words;
    }
    this.maxWords = maxWords;
  }

  /** The run of the name's candidates in `postings`, or -1 when the key is no name. */
  private offsetOf(key: string): number {
    const value = this.names.get(key);
    return value === undefined || value < 0 ? -1 : value >> 1;
  }

  has(key: string): boolean {
    const value = this.names.get(key);
    return value !== undefined && value >= 0;
  }

  /** Whether some longer name starts with this key followed by a space. */
  isPrefix(key: string): boolean {
    const value = this.names.get(key);
    return value !== undefined && (value & 1) !== 0;
  }

  /** has() and isPrefix() in one lookup: NAME_KNOWN and NAME_PREFIX bits (0: neither). */
  nameFlags(key: string): number {
    const value = this.names.get(key);
    if (value === undefined) return 0;
    if (value < 0) return NAME_PREFIX;
    return (value & 1) !== 0 ? NAME_KNOWN | NAME_PREFIX : NAME_KNOWN;
  }

  /** Whether the name denotes a country or an admin-1 region (without building candidates). */
  isCountryOrAdmin1(key: string): boolean {
    const offset = this.offsetOf(key);
    if (offset < 0) return false;
    const count = this.postings[offset]!;
    for (let k = 0; k < count; k++) {
      const code = this.codes.feature[this.feature[this.postings[offset + 1 + k]!]!];
      if (code === 'PCLI' || code === 'ADM1') return true;
    }
    return false;
  }

  /** Candidates for a folded name (see foldName). The list is shared between calls (the
   *  same names recur in every story, and "Washington" has dozens of readings to build):
   *  callers read it and never change it. */
  lookup(key: string): readonly Candidate[] {
    const known = this.lookupCache.get(key);
    if (known) return known;
    const offset = this.offsetOf(key);
    let out: Candidate[];
    if (offset < 0) out = [];
    else {
      const count = this.postings[offset]!;
      out = new Array(count);
      for (let k = 0; k < count; k++) out[k] = this.entry(this.postings[offset + 1 + k]!);
    }
    // bounded: a long-running process meets ever new names
    if (this.lookupCache.size >= LOOKUP_CACHE_SIZE) this.lookupCache.clear();
    this.lookupCache.set(key, out);
    return out;
  }

  entry(i: number): Candidate {
    const id = this.geonameid[i]!;
    return {
      index: i,
      name: this.nameColumn[i]!,
      lat: Math.round(this.lat[i]! * 1e4) / 1e4,
      lon: Math.round(this.lon[i]! * 1e4) / 1e4,
      cc: this.codes.cc[this.cc[i]!]!,
      feature: this.codes.feature[this.feature[i]!]!,
      population: this.population[i]!,
      admin1: this.codes.admin1[this.admin1[i]!]!,
      geonameid: id === 0 ? null : id,
    };
  }

  alpha3(alpha2: string): string | null {
    return this.alpha3ByAlpha2.get(alpha2) ?? null;
  }
}

let loaded: Gazetteer | null = null;

/** The team-written files the table is built from; an edit makes the cache stale. */
const TEAM_FILES = ['countries.tsv', 'regions.yaml', 'aliases.yaml'].map((f) => dataPath('places', f));

function teamFilesChangedSince(mtimeMs: number): boolean {
  return TEAM_FILES.some((f) => existsSync(f) && statSync(f).mtimeMs > mtimeMs);
}

/** The process-wide gazetteer (loaded on first use). */
export function getGazetteer(): Gazetteer {
  if (loaded) return loaded;
  let table: GazetteerTable | null = null;
  if (existsSync(GAZETTEER_CACHE) && !teamFilesChangedSince(statSync(GAZETTEER_CACHE).mtimeMs)) {
    const parsed = JSON.parse(readFileSync(GAZETTEER_CACHE, 'utf8')) as GazetteerTable;
    if (parsed.format === GAZETTEER_FORMAT) table = parsed;
  }
  table ??= toTable(buildGazetteerData());
  loaded = new Gazetteer(table);
  return loaded;
}
