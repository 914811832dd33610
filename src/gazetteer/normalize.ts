// The one way place names are compared: folded to plain lower-case ASCII-ish keys, so
// "Kraków", "Krakow" and "KRAKOW" meet, and "Nagorno-Karabakh" meets "Nagorno Karabakh".

// Letters that Unicode decomposition does not split into base + mark.
const SPECIAL_LETTERS: Record<string, string> = {
  ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', ß: 'ss', đ: 'd', Đ: 'd', ı: 'i', æ: 'ae', Æ: 'ae',
  œ: 'oe', Œ: 'oe', þ: 'th', ð: 'd', ʻ: "'", ʼ: "'", '’': "'", '‘': "'", '`': "'", '´': "'",
  '–': ' ', '—': ' ', '‐': ' ', '-': ' ',
};
const SPECIAL_RE = /[łŁøØßđĐıæÆœŒþðʻʼ’‘`´–—‐-]/g;
const MARKS_RE = /[\u0300-\u036f]/g;
const SPACES_RE = /\s+/g;
const ASCII_SIMPLE_RE = /^[A-Za-z .']*$/;

/** Only ASCII letters, '.' and "'" (no spaces): folding leaves it as is, but lower-cased. */
export function isPlainWord(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 46 || c === 39) continue;
    return false;
  }
  return true;
}

/** The lookup key of a place name. */
export function foldName(name: string): string {
  // most keys are one plain word ("Kabul", "U.S."): lower-casing is all they need
  if (isPlainWord(name)) return name.toLowerCase();
  if (ASCII_SIMPLE_RE.test(name)) return name.toLowerCase().replace(SPACES_RE, ' ').trim();
  return name
    .normalize('NFD')
    .replace(MARKS_RE, '')
    .replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c)
    .toLowerCase()
    .replace(SPACES_RE, ' ')
    .trim();
}

/** Spelling variants a name is also known by ("Saint Louis" / "St. Louis" / "St Louis"). */
export function nameVariants(name: string): string[] {
  const variants = [name];
  const saint = /^(Saint|St\.?|Ste\.?|Sainte)\s+(.+)$/.exec(name);
  if (saint) {
    const rest = saint[2]!;
    const feminine = saint[1]!.startsWith('Sainte') || saint[1]!.startsWith('Ste');
    if (feminine) variants.push(`Sainte ${rest}`, `Ste. ${rest}`, `Ste ${rest}`);
    else variants.push(`Saint ${rest}`, `St. ${rest}`, `St ${rest}`);
  }
  const fort = /^(Fort|Ft\.?)\s+(.+)$/.exec(name);
  if (fort) variants.push(`Fort ${fort[2]}`, `Ft. ${fort[2]}`);
  const mount = /^(Mount|Mt\.?)\s+(.+)$/.exec(name);
  if (mount) variants.push(`Mount ${mount[2]}`, `Mt. ${mount[2]}`);
  return variants;
}
