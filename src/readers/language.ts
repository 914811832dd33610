// Language identification. Only English is annotated downstream, so the job here is to
// flag clearly non-English documents without ever flagging English news as something
// else. franc-min is reliable on paragraphs (it labelled 4,778/4,778 English paragraphs
// right, libraries.md) but guesses wildly on a headline, so short texts are taken as
// English unless most of their letters are in another script.
import { franc, francAll } from 'franc-min';

// ISO 639-3 (what franc returns) -> ISO 639-1 (what Document.language holds). Languages
// without a two-letter code (Cebuano, Maithili, …) become "und". Codes: ISO 639-3 tables.
const ISO639_3_TO_1: Record<string, string> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', por: 'pt', ita: 'it', nld: 'nl', swe: 'sv',
  pol: 'pl', ces: 'cs', hun: 'hu', ron: 'ro', tur: 'tr', rus: 'ru', ukr: 'uk', bel: 'be',
  bul: 'bg', srp: 'sr', hrv: 'hr', bos: 'bs', kaz: 'kk', uzn: 'uz', uzb: 'uz', azj: 'az',
  aze: 'az', ara: 'ar', arb: 'ar', urd: 'ur', fas: 'fa', pes: 'fa', prs: 'fa', pbu: 'ps',
  pus: 'ps', ckb: 'ku', kur: 'ku', heb: 'he', ell: 'el', hin: 'hi', mar: 'mr', npi: 'ne',
  nep: 'ne', ben: 'bn', pan: 'pa', guj: 'gu', tam: 'ta', tel: 'te', kan: 'kn', mal: 'ml',
  sin: 'si', mya: 'my', tha: 'th', vie: 'vi', ind: 'id', zlm: 'ms', msa: 'ms', jav: 'jv',
  sun: 'su', tgl: 'tl', cmn: 'zh', zho: 'zh', jpn: 'ja', kor: 'ko', amh: 'am', som: 'so',
  swh: 'sw', swa: 'sw', hau: 'ha', yor: 'yo', ibo: 'ig', zul: 'zu', kin: 'rw', run: 'rn',
  nya: 'ny', lin: 'ln', plt: 'mg', mlg: 'mg', fuv: 'ff', ful: 'ff', qug: 'qu', que: 'qu',
  zyb: 'za', kat: 'ka', hye: 'hy', fin: 'fi', dan: 'da', nob: 'nb', nor: 'no', cat: 'ca',
};

/** Map an ISO 639-3 code to ISO 639-1; "und" when there is none. */
export function toIso6391(code: string): string {
  return ISO639_3_TO_1[code] ?? 'und';
}

// Letters of a few major scripts by code point, for texts too short for franc. Only a
// guess at the language is possible from the script; it is enough to keep them out of
// English annotation.
const SCRIPT_GUESS: Array<[number, number, string]> = [
  [0x0370, 0x03ff, 'el'], [0x0400, 0x052f, 'ru'], [0x0530, 0x058f, 'hy'], [0x0590, 0x05ff, 'he'],
  [0x0600, 0x06ff, 'ar'], [0x0750, 0x077f, 'ar'], [0x0900, 0x097f, 'hi'], [0x0980, 0x09ff, 'bn'],
  [0x0a00, 0x0a7f, 'pa'], [0x0a80, 0x0aff, 'gu'], [0x0b80, 0x0bff, 'ta'], [0x0c00, 0x0c7f, 'te'],
  [0x0c80, 0x0cff, 'kn'], [0x0d00, 0x0d7f, 'ml'], [0x0d80, 0x0dff, 'si'], [0x0e00, 0x0e7f, 'th'],
  [0x1000, 0x109f, 'my'], [0x10a0, 0x10ff, 'ka'], [0x1100, 0x11ff, 'ko'], [0x1200, 0x137f, 'am'],
  [0x3040, 0x30ff, 'ja'], [0x3400, 0x9fff, 'zh'], [0xac00, 0xd7af, 'ko'], [0xfb50, 0xfeff, 'ar'],
];

/** Below this many characters franc's guesses are unreliable. */
export const MIN_DETECTION_LENGTH = 200;
// franc's cost grows with the text (~1 ms per 1,000 characters here); 2,000 characters
// decide as well as a book.
const SAMPLE_LENGTH = 2000;

// English function words that are not words of the other Latin-script languages franc
// knows (so not "in", "is", "was", "on", "a", "die"). In English news they make up a fifth
// or more of the words; in French, Spanish, German, Indonesian … almost none. A text where
// they are frequent is English without running franc (4 ms per article, the readers'
// largest cost otherwise).
const ENGLISH_FUNCTION_WORDS = new Set([
  'the', 'of', 'and', 'to', 'that', 'for', 'with', 'said', 'from', 'this', 'which', 'were',
  'have', 'has', 'his', 'their', 'they', 'been', 'would', 'will', 'after', 'about', 'its',
  'who', 'when', 'could', 'should', 'there', 'than', 'into', 'over', 'also', 'other',
]);
const WORD = /[A-Za-z]+/g;
/** Share of English function words above which a text is English (English news: ~0.2–0.3). */
const ENGLISH_SHARE = 0.12;
const MIN_WORDS_FOR_SHARE = 30;
/** franc's English score, relative to the winner's, above which the text is taken as English. */
const ENGLISH_TIE = 0.9;

function clearlyEnglish(sample: string): boolean {
  let words = 0;
  let english = 0;
  let asciiLetters = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(sample); m; m = WORD.exec(sample)) {
    words++;
    asciiLetters += m[0].length;
    if (ENGLISH_FUNCTION_WORDS.has(m[0].toLowerCase())) english++;
  }
  // Most of the text must be in plain Latin letters: a Russian article quoting an English
  // sentence is not English.
  if (asciiLetters < sample.length * 0.5) return false;
  return words >= MIN_WORDS_FOR_SHARE && english / words >= ENGLISH_SHARE;
}

interface ScriptCount {
  latin: number;
  other: number;
  /** the most frequent non-Latin script's language guess */
  otherGuess: string;
}

function countScripts(text: string): ScriptCount {
  let latin = 0;
  let other = 0;
  const byGuess = new Map<string, number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) {
      latin++;
    } else if (c >= 0x370) {
      for (const [from, to, guess] of SCRIPT_GUESS) {
        if (c >= from && c <= to) {
          other++;
          byGuess.set(guess, (byGuess.get(guess) ?? 0) + 1);
          break;
        }
      }
    }
  }
  let otherGuess = 'und';
  let best = 0;
  for (const [guess, n] of byGuess) if (n > best) [otherGuess, best] = [guess, n];
  return { latin, other, otherGuess };
}

/**
 * ISO 639-1 code of the text's language, "und" when undetermined. `hint` (a page's
 * lang attribute, say) decides for short texts in the Latin script.
 */
export function detectLanguage(text: string, hint?: string | null): string {
  const sample = text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text;
  const trimmedLength = sample.trim().length;
  if (trimmedLength < MIN_DETECTION_LENGTH) {
    const scripts = countScripts(sample);
    if (scripts.latin === 0 && scripts.other === 0) return 'und';
    if (scripts.other > scripts.latin) {
      // franc picks among the languages of the dominant script (Urdu, Arabic or Persian;
      // Russian or Ukrainian) from the letters themselves; the script alone is the fallback.
      const guess = toIso6391(franc(sample, { minLength: 10 }));
      return guess !== 'und' ? guess : scripts.otherGuess;
    }
    return normalizeLanguageCode(hint) ?? 'en';
  }
  if (clearlyEnglish(sample)) return 'en';
  const ranked = francAll(sample, { minLength: 10 });
  const [best, bestScore] = ranked[0] ?? ['und', 0];
  // A near tie with English is English with unusual words (names, transcripts): on
  // paragraphs of other languages English scores at most ~0.7 of the winner.
  const english = ranked.find(([code]) => code === 'eng');
  if (best !== 'eng' && english && bestScore > 0 && english[1] >= ENGLISH_TIE * bestScore) return 'en';
  return toIso6391(best);
}

/** "en-US", "EN", "eng" -> "en"; null when it is not a language code. */
export function normalizeLanguageCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const primary = value.trim().toLowerCase().split(/[-_]/)[0];
  if (/^[a-z]{2}$/.test(primary)) return primary;
  if (/^[a-z]{3}$/.test(primary) && ISO639_3_TO_1[primary]) return ISO639_3_TO_1[primary];
  return null;
}
