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
    expect(codeOf(run('President Bush has threatened new measures against Cuba.', '2000-01-01'), 'President Bush')).toBe('USAGOV');
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

  it('leaves she/he to a gendered noun named after the last person', () => {
    const actors = run("Iran's Supreme Leader Ali Khamenei spoke. A few days back, Mir-Mohammadi's mother died. She was a sister of a cleric.", '2020-03-03');
    expect(actors.find((a) => a.kb === 'ali-khamenei')!.mentions.map((m) => m.text)).not.toContain('She');
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

describe('real-article classes (round 3)', () => {
  it('codes a name the KB lacks from the title in apposition', () => {
    const a = run('Tunisia banned the niqab on Friday. Souhail Alouini, a member of Parliament, said the bill was late.', '2019-07-08');
    expect(codeOf(a, 'Souhail Alouini')).toBe('TUNLEG');
    const b = run('A member of the Tunisian Parliament, Samir Dilou, said the measure was understandable.', '2019-07-08');
    expect(codeOf(b, 'Samir Dilou')).toBe('TUNLEG');
    const c = run('Following the vote, a United States Department of State spokesperson, Morgan Ortagus, said the US was disappointed.', '2020-01-06');
    expect(codeOf(c, 'Morgan Ortagus')).toBe('USAGOV');
    // a list of names is no apposition
    expect(codeOf(run('Officials named Amani Wekesa, Farhan Siddiqui and others.'), 'Farhan Siddiqui')).toBeNull();
  });

  it('keeps the post abroad apart from the person ("Ambassador to Germany X")', () => {
    const a = run('US Ambassador to Germany Richard Grenell alleged the airline carried fighters.', '2019-01-23');
    expect(codeOf(a, 'Richard Grenell')).toBe('USAGOV');
    expect(codeOf(a, 'Germany')).toBe('DEU');
    // a country adjective before a name still gives the name its country
    expect(codeOf(run('Iraqi Ahmed Khalil was arrested.'), 'Iraqi Ahmed Khalil')).toBe('IRQ');
  });

  it('lets a title naming a group follow the group, and KB offices beat business-like titles', () => {
    expect(codeOf(run('RSF leader Mohamed Hamdan Dagalo said the army had lost.', '2024-05-01'), 'RSF leader Mohamed Hamdan Dagalo')).toBe('SDNREB');
    expect(codeOf(run('Houthi military spokesperson Yahya Sarea said ten drones were used.', '2019-09-15'), 'Houthi military spokesperson Yahya Sarea')).toBe('YEMREB');
    expect(codeOf(run('Hong Kong Chief Executive Carrie Lam withdrew the bill.', '2019-09-06'), 'Hong Kong Chief Executive Carrie Lam')).toBe('HKGGOV');
    // a former-office title still wins over the KB's dated office
    expect(codeOf(run('Former president Carlos Menem denied the charges.', '1999-01-01'), 'Former president Carlos Menem')).toBe('ARGELI');
  });

  it('lets a bare surname follow the full name written most recently', () => {
    const a = run('Former prime minister Nawaz Sharif returned to Lahore. Prime Minister Shehbaz Sharif met army chiefs. Later, Sharif addressed supporters.', '2024-06-01');
    const shehbaz = a.find((x) => x.kb === 'shehbaz-sharif')!;
    expect(shehbaz.mentions.map((m) => m.text)).toContain('Sharif');
    const b = run('Nawaz Sharif returned to Lahore on Saturday. Crowds cheered. Sharif addressed supporters.', '2023-10-21');
    const nawaz = b.find((x) => x.kb === 'nawaz-sharif')!;
    expect(nawaz.mentions.map((m) => m.text)).toEqual(['Nawaz Sharif', 'Sharif']);
    expect(nawaz.mentions[1]!.code).toBe(nawaz.mentions[0]!.code);
  });

  it('does not take sentence-initial common words or described places for actors', () => {
    const a = run('Officials met Hamid Khanooki in Tehran. Khanooki said the flights would go on. Humanitarian aid was blocked. Clashes erupted. Members of parliament met.');
    const texts = a.flatMap((x) => x.mentions.map((m) => m.text));
    expect(texts).toContain('Khanooki');
    for (const w of ['Humanitarian', 'Clashes', 'Members']) expect(texts).not.toContain(w);
    const b = run('Lahore is a large city. Gunmen attacked Lahore on Monday.');
    expect(b.flatMap((x) => x.mentions).filter((m) => m.text === 'Lahore').map((m) => m.code)).toEqual(['PAKCVL']);
  });

  it('gives definite offices the country an article is about', () => {
    const a = run("Serbia's president spoke on Friday. Protesters rallied in Belgrade. The government dropped the measures. The police fired tear gas at them.", '2020-07-12');
    expect(codeOf(a, 'government')).toBe('SRBGOV');
    expect(codeOf(a, 'police')).toBe('SRBCOP');
    // one sentence is not enough to tell
    expect(codeOf(run('Serbia said the government would resign.', '2020-07-12'), 'government')).toBe('GOV');
  });

  it('names organizations the KB lacks and gives them a country and role', () => {
    const a = run('This Thursday the United States Commission on International Religious Freedom (USCIRF) also criticized the move. USCIRF said more.', '2019-03-31');
    const uscirf = a.find((x) => x.mentions.some((m) => m.text === 'United States Commission on International Religious Freedom'))!;
    expect(uscirf.code).toBe('USAGOV');
    expect(uscirf.mentions.map((m) => m.text)).toEqual(['United States Commission on International Religious Freedom', 'USCIRF', 'USCIRF']);
    expect(codeOf(run('The Federal Aviation Office of Germany has suspended the permit.'), 'Federal Aviation Office of Germany')).toBe('DEUGOV');
    const league = run('The president of the Tunisian League for the Defence of Human Rights, Jamel Msallem, said so.');
    expect(codeOf(league, 'Tunisian League for the Defence of Human Rights')).toBe('TUNNGO');
    expect(codeOf(league, 'Jamel Msallem')).toBe('TUNNGO');
    expect(codeOf(run('Cinema for Peace Foundation, a Berlin-based non-profit, paid for the flight.'), 'Cinema for Peace Foundation')).toBe('DEUNGO');
    // a spokesman for a named group speaks for it; an embassy "in" a country is not that country's
    expect(codeOf(run('In a statement, Ahmed al-Assadi, a spokesman for the PMF, blamed Israel.', '2020-01-05'), 'Ahmed al-Assadi')).toBe('IRQPRM');
    expect(codeOf(run('Rockets hit the US consulate in Erbil.'), 'US consulate')).toBe('USAGOV');
    // two countries: the second, after other words, is an actor of its own
    const base = run('A missile hit an Iraqi air base housing U.S. military personnel.');
    expect(codeOf(base, 'Iraqi')).toBe('IRQ');
    expect(codeOf(base, 'U.S. military')).toBe('USAMIL');
    expect(codeOf(run('Solicitor General Jose Calida filed the petition.', '2020-05-06'), 'Solicitor General Jose Calida')).toBe('GOV');
    // a newspaper named after its country, and a surname after "the" ("The Hague")
    expect(codeOf(run('The Cyprus Mail reported it.'), 'Cyprus Mail')).toBe('CYPMED');
    expect(run('The court in The Hague ruled.', '2020-01-10').some((a) => a.kb === 'william-hague')).toBe(false);
  });

  it('does not make natural features, sites or a city after a comma into actors', () => {
    const a = run('The quake struck the Aegean Sea on Friday. His body was found on Mount Bukak. Crowds gathered in Washington, DC, on Saturday.', '2020-11-07');
    const texts = a.flatMap((x) => x.mentions.map((m) => `${m.text}=${m.code ?? '-'}`));
    expect(texts.some((t) => t.startsWith('Aegean Sea') || t.startsWith('Mount Bukak'))).toBe(false);
    expect(texts).not.toContain('DC=USAGOV');
  });

  it('knows parties, media, breakaway states and the people added in round 3', () => {
    expect(codeOf(run('The PRI won the vote.', '2015-01-01'), 'PRI')).toBe('MEXGOVPTY');
    expect(codeOf(run('The PRI won the vote.', '2020-01-01'), 'PRI')).toBe('MEXOPPPTY');
    expect(codeOf(run('The BJP won the vote.', '2020-01-01'), 'BJP')).toBe('INDGOVPTY');
    expect(codeOf(run('The Conservative Party won the vote.', '2019-12-16'), 'Conservative Party')).toBe('GBRGOVPTY');
    expect(codeOf(run('The Homeland Union won the vote.', '2021-06-01'), 'Homeland Union')).toBe('LTUGOVPTY');
    expect(codeOf(run('Al Jazeera reported the strike.'), 'Al Jazeera')).toBe('QATMED');
    expect(codeOf(run('Xinhua said the talks went well.'), 'Xinhua')).toBe('CHNGOVMED');
    expect(codeOf(run('Abkhazia said it would hold elections.'), 'Abkhazia')).toBe('GEOPRESEP');
    expect(codeOf(run('Transnistria rejected the plan.'), 'Transnistria')).toBe('MDAPRESEP');
    expect(codeOf(run('Carlos Menem signed the decree.', '1995-01-01'), 'Carlos Menem')).toBe('ARGGOV');
    expect(codeOf(run('Kofi Annan spoke.', '2000-01-01'), 'Kofi Annan')).toBe('IGOUNOGOV');
    expect(codeOf(run('Andrei Kartapolov spoke.', '2022-05-01'), 'Andrei Kartapolov')).toBe('RUSLEG');
    expect(codeOf(run('Jüri Ratas spoke.', '2018-05-01'), 'Jüri Ratas')).toBe('ESTGOV');
    expect(codeOf(run('Thierry Burkhard spoke.', '2022-05-01'), 'Thierry Burkhard')).toBe('FRAMIL');
    // an office of a known body is the body's ("president of the Riigikogu"); an IGO's adds the role
    expect(codeOf(run('The president of the Riigikogu spoke.', '2021-01-01'), 'president of the Riigikogu')).toBe('ESTLEG');
    expect(codeOf(run('The Secretary-General of the United Nations met them.', '2021-01-01'), 'Secretary-General of the United Nations')).toBe('IGOUNOGOV');
  });
});

describe('actor eval on the team\'s Wikinews key actors (data/gold/actors-wikinews.jsonl)', () => {
  it('scores dev and held-out articles separately, above their floors', async () => {
    const { metrics, report } = await evaluateActors({ gold: path.join(projectRoot, 'data', 'gold', 'actors-wikinews.jsonl') });
    expect(report).toMatch(/split heldout/);
    expect(metrics.dev_actors).toBeGreaterThan(90);
    expect(metrics.heldout_actors).toBeGreaterThan(50);
    // measured 91.5 % (dev) and 75.0 % (held out), docs/actors.md; floors well under
    expect(metrics.dev_accuracy).toBeGreaterThan(0.8);
    expect(metrics.heldout_accuracy).toBeGreaterThan(0.6);
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
