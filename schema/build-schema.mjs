// Writes schema/sitrep.schema.json, the JSON Schema of `sitrep extract` output
// (one object per document). Kept as code so the repeated span shapes stay consistent;
// run `node schema/build-schema.mjs` after changing the contract (docs/schema.md).
import { writeFileSync } from 'node:fs';

const int = { type: 'integer', minimum: 0 };
const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const num = { type: ['number', 'null'] };
const span = (extra = {}, required = []) => ({
  type: 'object',
  required: ['start', 'end', ...required],
  properties: { start: int, end: int, ...extra },
});
const textSpan = (extra = {}, required = []) => span({ text: str, ...extra }, ['text', ...required]);
// Dates inherited from the publication date have no supporting words: start = end = -1, text "".
const looseSpan = (extra, required) => {
  const s = textSpan(extra, required);
  s.properties.start = { type: 'integer', minimum: -1 };
  s.properties.end = { type: 'integer', minimum: -1 };
  return s;
};
const nullable = (schema) => ({ anyOf: [{ type: 'null' }, schema] });
const participant = textSpan({ actor: nstr, code: nstr, country: nstr }, ['actor', 'code', 'country']);

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://sitrep.invalid/schema/sitrep.schema.json',
  title: 'sitrep annotated document',
  description: 'One document as printed by `sitrep extract` (one JSON object per line). Offsets are UTF-16 code-unit indexes into document.text; for every object with start, end and text, document.text.slice(start, end) === text.',
  type: 'object',
  required: ['document', 'actors', 'events', 'quotes', 'places', 'times'],
  properties: {
    document: {
      type: 'object',
      required: ['id', 'title', 'url', 'source', 'published', 'language'],
      properties: {
        id: { type: 'string', minLength: 1 },
        title: nstr,
        url: nstr,
        source: nstr,
        published: { anyOf: [{ type: 'null' }, { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' }] },
        language: { type: 'string', minLength: 2 },
        text: str,
      },
    },
    actors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'code', 'country', 'roles', 'type', 'mentions'],
        properties: {
          id: str,
          name: str,
          code: nstr,
          country: { anyOf: [{ type: 'null' }, { type: 'string', pattern: '^[A-Z]{3}$' }] },
          roles: { type: 'array', items: str },
          type: str,
          mentions: { type: 'array', minItems: 1, items: textSpan({ code: nstr, via: str }) },
        },
      },
    },
    events: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'code', 'root', 'label', 'quad_class', 'goldstein', 'plover', 'source', 'target', 'date', 'place', 'fatalities', 'modality', 'attribution', 'evidence', 'trigger'],
        properties: {
          id: str,
          code: { type: 'string', pattern: '^\\d{2,4}$' },
          root: { type: 'string', pattern: '^\\d{2}$' },
          label: str,
          quad_class: { type: 'integer', minimum: 0, maximum: 4 },
          goldstein: { type: 'number', minimum: -10, maximum: 10 },
          plover: { type: 'object', required: ['type', 'mode'], properties: { type: str, mode: nstr, context: nstr } },
          source: nullable(participant),
          target: nullable(participant),
          date: nullable(looseSpan({ value: str, precision: str }, ['value', 'precision'])),
          place: nullable(textSpan({ name: str, lat: num, lon: num, country: nstr }, ['name', 'lat', 'lon', 'country'])),
          fatalities: nullable(textSpan({ min: { type: 'integer', minimum: 0 }, max: { type: 'integer', minimum: 0 } }, ['min', 'max'])),
          modality: { enum: ['asserted', 'negated', 'reported', 'claimed', 'speculative', 'planned', 'conditional'] },
          attribution: nullable({ type: 'object', properties: { quote: nstr, speaker: nstr, actor: nstr } }),
          evidence: span(),
          trigger: textSpan(),
          also: { type: 'array', items: span() },
        },
      },
    },
    quotes: {
      type: 'array',
      items: textSpan(
        {
          id: str,
          direct: { type: 'boolean' },
          speaker: nullable(textSpan({ name: str, actor: nstr }, ['name', 'actor'])),
          verb: nstr,
          medium: nstr,
        },
        ['id', 'direct', 'speaker', 'verb'],
      ),
    },
    places: {
      type: 'array',
      items: textSpan(
        { name: str, lat: num, lon: num, country: nstr, feature: nstr, geonameid: { type: ['integer', 'null'] }, dateline: { type: 'boolean' } },
        ['name', 'lat', 'lon', 'country', 'feature', 'geonameid'],
      ),
    },
    times: {
      type: 'array',
      items: textSpan({ value: str, precision: str, anchor: str, type: str }, ['value', 'precision', 'anchor']),
    },
    skipped: str,
  },
};

writeFileSync(new URL('./sitrep.schema.json', import.meta.url), JSON.stringify(schema, null, 2) + '\n');
