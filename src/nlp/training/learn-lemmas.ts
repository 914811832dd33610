// Regenerates the lemmatizer's derived tables from the teacher's (wink-nlp's) output on the
// reference train split (src/nlp/training/reference.ts):
//   data/nlp/lemma-bases.txt      every lemma wink gave a VERB/AUX, NOUN or ADJ token
//   data/nlp/lemma-suffixes.tsv   word ending -> rewrite rule, for unseen words
//   data/nlp/lemma-exceptions.tsv the tokens for which rules and hand-written tables disagree with wink
// Usage (after `npm run build`): node dist/nlp/training/learn-lemmas.js [--min-support N]
// The exceptions are computed with the rules the two other tables feed, so the order matters:
// bases and suffixes are written first, then src/nlp/lemmatize.ts is loaded and checked.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dataPath } from '../../util/paths.js';
import { analyze } from '../wink.js';
import { referenceTexts, type Split } from './reference.js';

interface TeacherDoc {
  split: Split;
  texts: string[];
  /** a gap before the token (its start is not the previous token's end) */
  space: boolean[];
  normals: string[];
  lemmas: string[];
  tags: string[];
}

function teacherDocs(): TeacherDoc[] {
  return referenceTexts().map(({ text, split }) => {
    const { tokens } = analyze(text);
    return {
      split,
      texts: tokens.map((t) => t.text),
      space: tokens.map((t, i) => i > 0 && t.start !== tokens[i - 1]!.end),
      normals: tokens.map((t) => t.normal),
      lemmas: tokens.map((t) => t.lemma),
      tags: tokens.map((t) => t.pos),
    };
  });
}

function* trainTokens(docs: TeacherDoc[]): Generator<{ d: TeacherDoc; i: number }> {
  for (const d of docs) if (d.split === 'train') for (let i = 0; i < d.texts.length; i++) yield { d, i };
}

const BASES_HEADER = `# Base forms per tag, derived from the teacher's output (wink-nlp with its English lite model) on the
# train split of sitrep's reference texts (src/nlp/training/reference.ts: Wikinews, LGL, GeoVirus,
# PolNeAR and TimeBank texts): every lemma wink gave a VERB/AUX, NOUN or ADJ token. The lemmatizer
# (src/nlp/lemmatize.ts) uses them to choose between candidate stems ("hoped": "hop" or "hope"), as
# wink checked candidates against its own lexicon. One line per tag: the tag, a tab, the words.
# Regenerate: node dist/nlp/training/learn-lemmas.js
`;

function writeBases(docs: TeacherDoc[]): void {
  const sets: Record<string, Set<string>> = { VERB: new Set(), NOUN: new Set(), ADJ: new Set() };
  for (const { d, i } of trainTokens(docs)) {
    const tag = d.tags[i] === 'AUX' ? 'VERB' : d.tags[i]!;
    const lemma = d.lemmas[i]!;
    if (sets[tag] && /^[a-z][a-z-]*$/.test(lemma)) sets[tag].add(lemma);
  }
  const lines = Object.entries(sets).map(([tag, words]) => tag + '\t' + [...words].sort().join(' '));
  writeFileSync(dataPath('nlp', 'lemma-bases.txt'), BASES_HEADER + lines.join('\n') + '\n');
}

const SUFFIXES_HEADER = `# Suffix rewrite rules for words the lemmatizer (src/nlp/lemmatize.ts) knows nothing else about,
# learned from the teacher's output (wink-nlp with its English lite model) on the train split of
# sitrep's reference texts (src/nlp/training/reference.ts): for each word ending, how wink's lemma
# differed from the word among the distinct NOUN/VERB/ADJ words with that ending (e.g. VERB words ending
# in "oted" drop "d": promoted -> promote, voted -> vote). The longest listed ending of a word wins.
# Columns: tag, ending, rule (characters cut from the end : text added), words agreeing, words seen.
# Regenerate: node dist/nlp/training/learn-lemmas.js
`;

const SUFFIX_GROUP: Record<string, string> = { VERB: 'VERB', AUX: 'VERB', NOUN: 'NOUN', ADJ: 'ADJ' };
const INFLECTED: Record<string, RegExp> = { VERB: /(s|ed|ing)$/, NOUN: /s$/, ADJ: /(er|est)$/ };

/** For one tag group: ending -> rule -> number of distinct words. */
type EndingCounts = Map<string, Map<string, number>>;

function bestRule(counts: EndingCounts, ending: string): { rule: string; n: number; total: number } | null {
  const rules = counts.get(ending);
  if (!rules) return null;
  const sorted = [...rules].sort((a, b) => b[1] - a[1]);
  return { rule: sorted[0]![0], n: sorted[0]![1], total: sorted.reduce((sum, r) => sum + r[1], 0) };
}

function writeSuffixes(docs: TeacherDoc[], minSupport: number): void {
  // distinct inflected-looking words per group, with the lemmas wink gave them
  const types = new Map<string, Map<string, number>>();
  for (const { d, i } of trainTokens(docs)) {
    const group = SUFFIX_GROUP[d.tags[i]!];
    if (!group) continue;
    const word = d.normals[i]!;
    if (!/^[a-z]+$/.test(word) || word.length < 4 || !INFLECTED[group]!.test(word)) continue;
    const key = group + '\t' + word;
    const lemmas = types.get(key) ?? new Map<string, number>();
    types.set(key, lemmas);
    lemmas.set(d.lemmas[i]!, (lemmas.get(d.lemmas[i]!) ?? 0) + 1);
  }
  const counts: Record<string, EndingCounts> = { VERB: new Map(), NOUN: new Map(), ADJ: new Map() };
  for (const [key, lemmas] of types) {
    const [group, word] = key.split('\t') as [string, string];
    const lemma = [...lemmas].sort((a, b) => b[1] - a[1])[0]![0];
    let p = 0;
    while (p < word.length && p < lemma.length && word[p] === lemma[p]) p++;
    const cut = word.length - p;
    const add = lemma.slice(p);
    if (add.length > 2 || cut > 4 || p < 2) continue; // an irregular form, not a suffix rule
    const rule = cut + ':' + add;
    for (let len = 1; len <= Math.min(7, word.length - 1); len++) {
      const ending = word.slice(-len);
      const rules = counts[group]!.get(ending) ?? new Map<string, number>();
      counts[group]!.set(ending, rules);
      rules.set(rule, (rules.get(rule) ?? 0) + 1);
    }
  }
  const lines: string[] = [];
  for (const group of Object.keys(counts)) {
    const c = counts[group]!;
    for (const ending of c.keys()) {
      const best = bestRule(c, ending)!;
      if (ending.length > 1) {
        // listed only where it differs from the nearest shorter, supported ending's rule
        let parent = null;
        for (let len = ending.length - 1; len >= 1 && !parent; len--) {
          const pb = bestRule(c, ending.slice(-len));
          if (pb && (len === 1 || pb.total >= minSupport)) parent = pb;
        }
        if (parent && parent.rule === best.rule) continue;
        if (best.total < minSupport || best.n / best.total < 0.6) continue;
      }
      lines.push([group, ending, best.rule, best.n, best.total].join('\t'));
    }
  }
  writeFileSync(dataPath('nlp', 'lemma-suffixes.tsv'), SUFFIXES_HEADER + lines.sort().join('\n') + '\n');
}

const EXCEPTIONS_HEADER = `# Exceptions to the normalizer's and lemmatizer's rules (src/nlp/lemmatize.ts), derived from the
# teacher's output (wink-nlp with its English lite model) on the train split of sitrep's reference
# texts (src/nlp/training/reference.ts: Wikinews, LGL, GeoVirus, PolNeAR and TimeBank texts): the tokens for
# which the rules and the hand-written tables gave another normal or lemma than wink did.
# Columns (tab-separated): kind, key, value. Kinds:
#   normal        exact token text -> normal         normal-lower  lower-cased text -> normal
#   keep          token text whose lemma is the text itself, case kept (wink's lexicon: "United")
#   text          exact token text -> lemma, any tag
#   *             normal -> lemma, any tag (words wink's lexicon gave a single lemma)
#   NOUN, VERB... normal -> lemma under that tag
# Regenerate: node dist/nlp/training/learn-lemmas.js
`;

const majority = (counts: Map<string, number>): string => [...counts].sort((a, b) => b[1] - a[1])[0]![0];

async function writeExceptions(docs: TeacherDoc[]): Promise<void> {
  // loaded only now: its tables are read on first use, after bases and suffixes are written
  const { normalsOf, lemmaByRule } = await import('../lemmatize.js');
  const lines: string[] = [];
  // normals the rules miss
  const normalMisses = new Map<string, Map<string, number>>();
  const normalsOfLower = new Map<string, Set<string>>();
  for (const d of docs) {
    if (d.split !== 'train') continue;
    const got = normalsOf(d.texts, d.space);
    for (let i = 0; i < d.texts.length; i++) {
      const lower = d.texts[i]!.toLowerCase();
      const seen = normalsOfLower.get(lower) ?? new Set<string>();
      normalsOfLower.set(lower, seen);
      seen.add(d.normals[i]!);
      if (got[i] === d.normals[i]) continue;
      const wanted = normalMisses.get(d.texts[i]!) ?? new Map<string, number>();
      normalMisses.set(d.texts[i]!, wanted);
      wanted.set(d.normals[i]!, (wanted.get(d.normals[i]!) ?? 0) + 1);
    }
  }
  for (const [text, wanted] of normalMisses) {
    const best = majority(wanted);
    if (/['’]/.test(text) && text.length <= 4) continue; // contractions: the rules' business
    if (best === best.toLowerCase() && normalsOfLower.get(text.toLowerCase())!.size === 1) lines.push(['normal-lower', text.toLowerCase(), best].join('\t'));
    else lines.push(['normal', text, best].join('\t'));
  }
  // lemmas: distinct (text, normal, tag) groups
  interface Group { text: string; normal: string; tag: string; lemma: string; n: number }
  const groups = new Map<string, Group>();
  for (const { d, i } of trainTokens(docs)) {
    const key = d.texts[i] + '\t' + d.normals[i] + '\t' + d.tags[i];
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { text: d.texts[i]!, normal: d.normals[i]!, tag: d.tags[i]!, lemma: d.lemmas[i]!, n: 1 });
  }
  // forms whose lemma keeps the text's case
  const keep = new Set<string>();
  for (const g of groups.values()) if (g.lemma === g.text && g.text !== g.normal && !/['’]/.test(g.text)) keep.add(g.text);
  for (const k of keep) lines.push(['keep', k, k].join('\t'));
  const byNormal = new Map<string, Map<string, Map<string, number>>>(); // normal -> tag -> lemma -> tokens
  for (const g of groups.values()) {
    if (keep.has(g.text)) continue;
    const tags = byNormal.get(g.normal) ?? new Map<string, Map<string, number>>();
    byNormal.set(g.normal, tags);
    const lemmas = tags.get(g.tag) ?? new Map<string, number>();
    tags.set(g.tag, lemmas);
    lemmas.set(g.lemma, (lemmas.get(g.lemma) ?? 0) + g.n);
  }
  const LEMMATIZED = new Set(['NOUN', 'VERB', 'ADJ', 'AUX']);
  // a normal with a single lemma under every tag, shown to be a lexicon fact (an unlemmatized tag
  // changed it too, or several tags agree)
  const anyTagLemma = new Map<string, string>();
  for (const [normal, tags] of byNormal) {
    const all = new Set<string>();
    let proof = false;
    for (const [tag, lemmas] of tags) {
      for (const l of lemmas.keys()) all.add(l);
      if (!LEMMATIZED.has(tag) && [...lemmas.keys()].some((l) => l !== normal)) proof = true;
    }
    if (all.size !== 1) continue;
    const lemma = [...all][0]!;
    if (lemma !== normal && (proof || tags.size >= 2)) anyTagLemma.set(normal, lemma);
  }
  for (const [normal, lemma] of anyTagLemma) {
    if ([...byNormal.get(normal)!.keys()].some((tag) => lemmaByRule(normal, tag) !== lemma)) lines.push(['*', normal, lemma].join('\t'));
  }
  // per tag, where the rules give another lemma than wink's most frequent one
  for (const [normal, tags] of byNormal) {
    if (anyTagLemma.has(normal)) continue;
    for (const [tag, lemmas] of tags) {
      const best = majority(lemmas);
      if (lemmaByRule(normal, tag) !== best) lines.push([tag, normal, best].join('\t'));
    }
  }
  // same normal and tag, another lemma by the text's case: the rarer case form by its text
  for (const g of groups.values()) {
    if (keep.has(g.text) || g.text === g.normal) continue;
    const lemmas = byNormal.get(g.normal)?.get(g.tag);
    if (!lemmas || lemmas.size < 2) continue;
    if (g.lemma !== majority(lemmas)) lines.push(['text', g.text, g.lemma].join('\t'));
  }
  writeFileSync(dataPath('nlp', 'lemma-exceptions.tsv'), EXCEPTIONS_HEADER + [...new Set(lines)].join('\n') + '\n');
  process.stdout.write(`lemma-exceptions.tsv: ${new Set(lines).size} lines\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--min-support');
  const minSupport = at >= 0 ? Number(argv[at + 1]) : 2;
  const docs = teacherDocs();
  writeBases(docs);
  writeFileSync(dataPath('nlp', 'lemma-exceptions.tsv'), '# empty while the rules are learned\n');
  writeSuffixes(docs, minSupport);
  await writeExceptions(docs);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
