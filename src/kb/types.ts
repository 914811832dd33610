// The knowledge base's own types: entries as written in data/kb/*.yaml (docs/kb-format.md)
// and the compiled phrase index the actor annotator walks.

export type EntryKind =
  | 'country'
  | 'igo'
  | 'ngo'
  | 'armed-group'
  | 'agency'
  | 'person'
  | 'metonym'
  | 'organization'
  | 'ethnic'
  | 'region';

export interface DatedRole {
  code: string;
  /** ISO date, inclusive; absent = open */
  from?: string;
  /** ISO date, exclusive; absent = open */
  until?: string;
  title?: string;
}

export interface KbEntry {
  id: string;
  kind: EntryKind;
  names: string[];
  aliases: string[];
  adjectives: string[];
  capitals: string[];
  country: string | null;
  code: string | null;
  roles: DatedRole[];
  /** the file the entry came from (for `sitrep actor` and warnings) */
  source: string;
}

export interface AgentEntry {
  role: string;
  words: string[];
  /** "the militants" may refer back to an earlier actor of this role */
  anaphoric: boolean;
  source: string;
}

/** How a phrase names its entry. */
export type PhraseVia = 'name' | 'alias' | 'demonym' | 'capital' | 'agent';

export interface PhraseTarget {
  via: PhraseVia;
  /** the KB entry (absent for agents) */
  entry?: KbEntry;
  /** the role of an agent phrase */
  role?: string;
  anaphoric?: boolean;
  /** token texts to compare exactly when the phrase is case-sensitive; null = any case */
  exact: string[] | null;
  /** load order: a later definition of the same phrase wins */
  rank: number;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  targets: PhraseTarget[];
}

export interface KnowledgeBase {
  entries: KbEntry[];
  byId: Map<string, KbEntry>;
  agents: AgentEntry[];
  /** phrases keyed by lower-cased token sequences */
  trie: TrieNode;
  /** KB people by the last word of their names (lower case): "President Mugabe" */
  surnames: Map<string, KbEntry[]>;
  /** problems met while loading (invalid entries skipped) */
  warnings: string[];
}
