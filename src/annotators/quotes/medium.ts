// The medium a statement was made in, when the attribution names it: "in a statement on
// Telegram", "in an op-ed", "in an interview with the BBC", "at a press conference", "on X".
// Looked for only in the attribution clause (speaker, verb and what hangs off the verb),
// never in the quoted content.

const PLATFORM =
  '(?:Telegram|Twitter|X|Facebook|Instagram|YouTube|TikTok|WhatsApp|Weibo|WeChat|VKontakte|VK|Truth Social|Threads|Bluesky|LinkedIn|Reddit|social media|its website|his website|her website|their website|the website|state television|state TV|television|radio)';
const NAME = "(?:the )?[A-Z][\\w.&'’-]*(?: (?:of |de |al-)?[A-Z][\\w.&'’-]*){0,5}";

interface MediumRule {
  re: RegExp;
  build(m: RegExpExecArray): string;
}

const RULES: MediumRule[] = [
  {
    re: new RegExp(
      `\\bin an? (?:(?:joint|written|brief|short|separate|emailed|e-mailed|official|televised|video|new|later|follow-up) )?(statement|post|tweet|message|video|letter|speech|address|press release|news release|blog post|email|e-mail|open letter|video message|televised address|communiqu[eé])(?:(?: (?:posted|published|released|issued|shared))? on (${PLATFORM}))?`,
    ),
    build: (m) => (m[2] ? `${m[1]} on ${m[2]}` : m[1]!),
  },
  { re: /\bin an? (op-ed|opinion piece|column|editorial|essay|article)\b/, build: (m) => m[1]! },
  {
    re: new RegExp(
      `\\bin an? (?:(?:exclusive|televised|telephone|phone|radio|TV|television|recent|separate) )?interview(?: (?:with|on) (${NAME}))?`,
    ),
    build: (m) => (m[1] ? `interview with ${m[1]}` : 'interview'),
  },
  {
    re: /\bat an? (?:(?:joint|separate|televised|hastily arranged|impromptu) )?(press conference|news conference|news briefing|press briefing|briefing|rally|hearing|summit|meeting|event|ceremony|debate)\b/,
    build: (m) => (m[1] === 'news conference' ? 'press conference' : m[1]!),
  },
  { re: new RegExp(`\\b(?:on|via|through) (${PLATFORM})\\b`), build: (m) => m[1]! },
];

const VERB_MEDIUM: Record<string, string> = { tweet: 'tweet', tweeted: 'tweet', posted: 'post', post: 'post' };

/** The medium named in an attribution window, or null. `verb` is the speech verb as written. */
export function findMedium(window: string, verb: string | null): string | null {
  for (const rule of RULES) {
    const m = rule.re.exec(window);
    if (m) {
      const found = rule.build(m);
      // "on X" alone is the platform formerly called Twitter; name it as a post there
      return found === 'X' ? 'X post' : found;
    }
  }
  if (verb && VERB_MEDIUM[verb]) return VERB_MEDIUM[verb]!;
  return null;
}
