import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Actor, Document } from '../src/document/types.js';
import { annotate } from '../src/pipeline/annotate.js';
import { loadKnowledgeBase, lookupActor, parseBuiltinKb, resolveCode } from '../src/kb/index.js';
import { compileKnowledgeBase } from '../src/kb/compile.js';
import { evaluateActors } from '../src/eval/actors.js';
import { projectRoot, sharedDataPath } from '../src/util/paths.js';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'kb');

function run(text: string, published = '2022-01-01', kbPaths?: string[]): Actor[] {
  const doc: Document = { id: 't', title: null, url: null, source: null, published, language: 'en', text };
  return annotate(doc, kbPaths ? { kbPaths } : {}).actors;
}

/** The code of the mention covering exactly `words`. */
function codeOf(actors: Actor[], words: string): string | null | undefined {
  for (const a of actors) for (const m of a.mentions) if (m.text === words) return m.code;
  return undefined;
}

describe('knowledge base', () => {
  it('loads every built-in file and resolves roles by date', () => {
    const kb = loadKnowledgeBase();
    expect(kb.entries.length).toBeGreaterThan(250);
    const sanaa = kb.byId.get('sanaa')!;
    expect(resolveCode(sanaa, '2013-05-01')).toBe('YEMGOV');
    expect(resolveCode(sanaa, '2016-05-01')).toBe('YEMREB');
    expect(lookupActor(kb, 'Kremlin')[0]!.code).toBe('RUSGOV');
  });

  it('compiles the built-in KB to JSON that holds the same entries', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sitrep-kb-'));
    try {
      const target = path.join(dir, 'kb.json');
      const { entries } = compileKnowledgeBase(target);
      const compiled = JSON.parse(readFileSync(target, 'utf8'));
      const parsed = parseBuiltinKb();
      expect(entries).toBe(parsed.entries.length);
      expect(compiled.entries.map((e: { id: string }) => e.id)).toEqual(parsed.entries.map((e) => e.id));
      expect(compiled.files.length).toBeGreaterThan(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads PETRARCH-format actor and agent dictionaries', () => {
    const kb = loadKnowledgeBase([path.join(fixtures, 'petrarch-actors.txt'), path.join(fixtures, 'petrarch-agents.txt')]);
    const vorn = lookupActor(kb, 'vorn merikel')[0]!;
    expect(vorn.entry.roles).toHaveLength(2);
    expect(resolveCode(vorn.entry, '2012-01-01')).toBe('ZNDGOV');
    expect(resolveCode(vorn.entry, '2018-01-01')).toBe('ZNDOPP');
    const actors = run('Vorn Merikel met canalmen and harbour wardens from Zandoria.', '2012-03-01', [fixtures + '/petrarch-actors.txt', fixtures + '/petrarch-agents.txt']);
    expect(codeOf(actors, 'Vorn Merikel')).toBe('ZNDGOV');
    expect(codeOf(actors, 'canalmen')).toBe('AGR');
    expect(codeOf(actors, 'harbour wardens from Zandoria')).toBe('ZNDCOP');
  });
});

describe('actor annotation', () => {
  it('codes dated roles before and after a change', () => {
    expect(codeOf(run('Gunmen attacked Sanaa.', '2013-06-01'), 'Sanaa')).toBe('YEMCVL');
    expect(codeOf(run('Sanaa said the talks had failed.', '2013-06-01'), 'Sanaa')).toBe('YEMGOV');
    expect(codeOf(run('Sanaa said the talks had failed.', '2016-06-01'), 'Sanaa')).toBe('YEMREB');
    const before = codeOf(run('The Taliban attacked a checkpoint.', '2020-03-01'), 'Taliban');
    const after = codeOf(run('The Taliban attacked a checkpoint.', '2022-03-01'), 'Taliban');
    expect(before).toMatch(/^AFG(INS|REB)/);
    expect(after).toBe('AFGGOV');
  });

  it('codes metonyms and capitals', () => {
    expect(codeOf(run('The Kremlin said on Monday that talks would resume.'), 'Kremlin')).toBe('RUSGOV');
    expect(codeOf(run('Moscow said the sanctions were illegal.'), 'Moscow')).toBe('RUSGOV');
    expect(codeOf(run('The Pentagon confirmed the strike.'), 'Pentagon')).toBe('USAMIL');
    // a city as the scene of an action, or as a verb's object, stands for its people
    expect(codeOf(run('Thousands marched in Moscow on Sunday.'), 'Moscow')).toBe('RUSCVL');
    expect(codeOf(run('Rebels shelled the southern regional capital Juba on Sunday.', '2000-01-01'), 'Juba')).toBe('SDNCVL');
  });

  it('codes what the event coder needs: IGO offices, persons, demonym + agent', () => {
    expect(codeOf(run('U.N. Secretary-General Kofi Annan announced on Monday.', '1998-03-01'), 'U.N. Secretary-General Kofi Annan')).toBe('IGOUNOGOV');
    expect(codeOf(run('The United Nations said the IAEA would meet.'), 'United Nations')).toMatch(/^IGOUNO/);
    expect(codeOf(run('A UN official said the talks had failed.'), 'UN official')).toBe('IGOUNOGOV');
    // several KB people share the surname, all of one country: a title gives that country
    expect(codeOf(run('President Bush has threatened further action against Russia.', '2000-01-01'), 'President Bush')).toBe('USAGOV');
    expect(codeOf(run('Russian helicopter gunships attacked the town.'), 'Russian helicopter gunships')).toBe('RUSMIL');
    expect(codeOf(run("Parliament approved victories by Zoran Djindjic's opposition coalition.", '2000-01-01'), "Zoran Djindjic's opposition coalition")).toBe('SRBOPP');
    expect(codeOf(run('The Nigerian Union of Teachers called off a strike.'), 'Nigerian Union of Teachers')).toBe('NGAEDU');
    expect(codeOf(run('A terror group based in Trinidad claims to make weapons.'), 'terror group based in Trinidad')).toMatch(/^TTO(INS|REB)$/);
    expect(codeOf(run('The army is holding thousands of Tamil civilian refugees.'), 'Tamil civilian refugees')).toBe('LKAREF');
    // state media speak for the government
    expect(codeOf(run('An official Syrian newspaper called on Arabs to unite.'), 'official Syrian newspaper')).toBe('SYRGOVMED');
    expect(codeOf(run('A Syrian newspaper called on Arabs to unite.'), 'Syrian newspaper')).toBe('SYRMED');
    // "Karen Bass": an ethnic word before a name it is not part of is a given name
    expect(codeOf(run('Karen Bass said the vote would be held.'), 'Karen')).toBeUndefined();
    expect(codeOf(run('Burmese troops captured a Karen guerrilla stronghold.'), 'Karen guerrilla')).toBe('MMRREB');
  });

  it('composes country words with agents and titles', () => {
    expect(codeOf(run('Nigerian troops killed five militants.'), 'Nigerian troops')).toBe('NGAMIL');
    expect(codeOf(run('Kenyan teachers went on strike.'), 'Kenyan teachers')).toBe('KENEDU');
    const sudan = run('Acting Sudanese Foreign Minister Ali al-Sadiq said Khartoum would respond.');
    expect(codeOf(sudan, 'Sudanese Foreign Minister Ali al-Sadiq')).toBe('SDNGOV');
    expect(codeOf(run("Poland's parliament approved the law."), "Poland's parliament")).toBe('POLLEG');
    expect(codeOf(run('Officials met the president of Armenia.'), 'president of Armenia')).toBe('ARMGOV');
    const coordinated = run('Hungarian and Romanian officials agreed to cooperate.');
    expect(codeOf(coordinated, 'Hungarian')).toBe('HUNGOV');
    expect(codeOf(coordinated, 'Romanian officials')).toBe('ROUGOV');
  });

  it('places an "ethnic" group in the country it lives in', () => {
    const actors = run('Police detained three ethnic Albanians in southern Serbia on Friday.');
    expect(codeOf(actors, 'Albanians')).toBe('SRBCVL');
    expect(codeOf(run('Albanians protested on Friday.'), 'Albanians')).toBe('ALBCVL');
  });

  it('finds unknown names and merges them by surname', () => {
    const actors = run('Farhan Siddiqui, a local trader, was arrested on Monday. Police said Siddiqui had fled twice.');
    const farhan = actors.find((a) => a.name === 'Farhan Siddiqui')!;
    expect(farhan).toBeDefined();
    expect(farhan.mentions.map((m) => m.text)).toEqual(['Farhan Siddiqui', 'Siddiqui']);
    expect(farhan.code).toBeNull();
  });

  it('finds KB people by surname after a full mention, and by a title', () => {
    const kbPaths = [path.join(fixtures, 'override.yaml')];
    const actors = run('Tomas Vrana arrived on Monday. Later Vrana met reporters.', '2020-01-01', kbPaths);
    const a = actors.find((x) => x.kb === 'fixture-person')!;
    expect(a.mentions.map((m) => m.text)).toEqual(['Tomas Vrana', 'Vrana']);
    expect(a.code).toBe('CZEGOV');
    expect(codeOf(run('Minister Vrana resigned.', '2020-01-01', kbPaths), 'Minister Vrana')).toBe('CZEGOV');
    expect(codeOf(run('Vrana spoke.', '2023-01-01', kbPaths), 'Vrana')).toBe('CZEELI');
  });

  it('resolves he/she to the most recent person', () => {
    const actors = run('Kenyan President Amani Wekesa arrived in Kampala. He said the border would reopen.');
    const president = actors.find((a) => a.mentions.some((m) => m.text === 'Kenyan President Amani Wekesa'))!;
    expect(president.code).toBe('KENGOV');
    expect(president.mentions.map((m) => m.text)).toContain('He');
    expect(president.mentions.find((m) => m.text === 'He')!.code).toBe('KENGOV');
  });

  it('shifts roles for then-, former and ex-', () => {
    const then = run('Protesters demanded the release of then-president Mohamed Morsi.', '2020-01-01');
    expect(codeOf(then, 'president Mohamed Morsi')).toBe('EGYGOV');
    const former = run('Former Kenyan President Amani Wekesa returned home.', '2020-01-01');
    expect(former.find((a) => a.name === 'Amani Wekesa')?.code).toBe('KENELI');
  });

  it('lets a user dictionary override a built-in entry', () => {
    const text = 'The Kremlin said the Blue Lantern Party had lost.';
    expect(codeOf(run(text), 'Kremlin')).toBe('RUSGOV');
    const actors = run(text, '2022-01-01', [path.join(fixtures, 'override.yaml')]);
    expect(codeOf(actors, 'Kremlin')).toBe('RUSSPY');
    expect(codeOf(actors, 'Blue Lantern Party')).toBe('KENPTY');
    const kb = loadKnowledgeBase([path.join(fixtures, 'override.yaml')]);
    expect(kb.warnings.some((w) => /missing `id`/.test(w))).toBe(true);
  });

  it('keeps mention offsets exact and ids in order', () => {
    const text = 'Nigerian troops and Kenyan police met Moscow officials. The Kremlin said Farhan Siddiqui left.';
    const actors = run(text);
    actors.forEach((a, i) => expect(a.id).toBe(`a${i + 1}`));
    for (const a of actors) for (const m of a.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});

const gold = sharedDataPath('events', 'plover-gsr-dev.jsonl');
describe.skipIf(!existsSync(gold))('actor eval on PLOVER GSR dev (needs ../shared/data)', () => {
  it('stays above its floor', async () => {
    const { metrics } = await evaluateActors({ gold });
    expect(metrics.found).toBeGreaterThan(0.9);
    // measured 92.7 % and 87.9 % (docs/actors.md); floors well under
    expect(metrics.country_accuracy).toBeGreaterThan(0.8);
    expect(metrics.accuracy).toBeGreaterThan(0.75);
  });
});
