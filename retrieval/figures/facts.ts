/**
 * From statements to facts: the same amount stated twice in a document is one fact (kept with every quote as
 * evidence), and each fact gets a score for how central it is to its document, so lists can lead with key
 * figures instead of every year mentioned in passing. All signals are general: the kind of amount, whether
 * the label names what is measured and whose it is, where the document states it and how often.
 */
import { UNIT_KIND, UNIT_TOPICS, UNIT_WORDS, type UnitKind } from "../quantity/index.ts";
import type { Figure, FigureStatement } from "../types.ts";
import { entityOf } from "./entities.ts";
import { foldWord, type Word, wordsOf } from "./words.ts";

/** A figure as extraction sees it, before facts and scores are known. */
export type FigureDraft = Omit<Figure, "keyScore" | "key" | "factId" | "primary" | "alternates">;

export interface DraftContext {
  /** Names of the figure's document. */
  entities: Set<string>;
  /** Names the quote mentions (`namesIn` its words), when the caller has them: many figures share a quote. */
  quoteNames?: Set<string>;
  /** Position of the figure's chunk in its document, 0 (first) … 1 (last). */
  position: number;
  /** The sentence is a table row or list item (tables gather a document's key data). */
  structured: boolean;
  /** How many amounts the stating sentence holds (long enumerations are detail, not key). */
  amountsInSentence: number;
}

/** What an amount of each kind is worth as a key figure before anything else is known. */
const KIND_BASE: Record<UnitKind, number> = {
  money: 0.6,
  physical: 0.5,
  share: 0.45,
  ratio: 0.4,
  time: 0.3,
  count: 0.3,
  date: 0.2,
};

/** A figure counts as key from this score on. */
export const KEY_THRESHOLD = 0.5;

const UNIT_WORD_FORMS = new Set([...UNIT_WORDS.keys(), ...Object.values(UNIT_TOPICS).flat()].map(foldWord));

/** Names the words mention, in order; a hyphen part may be one ("Azure-Services" → Azure). */
export function namesIn(words: Word[], entities: Set<string>, out = new Set<string>()): Set<string> {
  for (const w of words) {
    const parts = w.text.includes("-") || w.text.includes("‑") ? w.text.split(/[-‑]/) : [w.text];
    for (const part of parts) {
      const name = entityOf(part, entities);
      if (name) out.add(name);
    }
  }
  return out;
}

/** Names a text mentions, remembered per document and text (quotes, labels and sections recur). */
function cachedNames(
  documentId: string,
  text: string,
  context: DraftContext,
  cache: Map<string, Map<string, Set<string>>>,
): Set<string> {
  let ofDocument = cache.get(documentId);
  if (!ofDocument) {
    ofDocument = new Map();
    cache.set(documentId, ofDocument);
  }
  let names = ofDocument.get(text);
  if (!names) {
    names = namesIn(wordsOf(text), context.entities);
    ofDocument.set(text, names);
  }
  return names;
}

/** Names the label and the quote mention (else the section heading): who a statement is about. */
function actorsOf(
  f: FigureDraft,
  context: DraftContext,
  names: Map<string, Map<string, Set<string>>>,
): Set<string> {
  const inQuote = context.quoteNames ?? cachedNames(f.documentId, f.quote, context, names);
  const inLabel = cachedNames(f.documentId, f.label, context, names);
  const own = new Set(inQuote);
  for (const name of inLabel) own.add(name);
  if (own.size > 0) return own;
  for (const name of cachedNames(f.documentId, f.section, context, names)) own.add(name);
  return own;
}

/** The label's body without its owner ("OpenAI: Bewertung" → "Bewertung"). */
function labelBody(label: string): string {
  const colon = label.indexOf(": ");
  return colon >= 0 ? label.slice(colon + 2) : label;
}

/** Content words of a label, folded, without unit words. */
function labelWords(label: string): Set<string> {
  return new Set(
    wordsOf(label)
      .map((w) => foldWord(w.text))
      .filter((w) => w.length >= 4 && !UNIT_WORD_FORMS.has(w)),
  );
}

/** A label that names nothing but the unit ("Prozent", "Jahr", "Meilen"): the figure's topic is unknown. */
export function isGenericLabel(label: string): boolean {
  const body = wordsOf(labelBody(label)).map((w) => foldWord(w.text));
  return body.length === 0 || body.every((w) => UNIT_WORD_FORMS.has(w));
}

/** The score of one statement, 0–1, before repetition is known. */
export function statementScore(
  f: FigureDraft,
  ctx: DraftContext,
  isGeneric: (label: string) => boolean = isGenericLabel,
): number {
  let score = KIND_BASE[UNIT_KIND[f.unit]];
  // A count of something named ("500 Mitarbeiter") says more than a bare scaled number.
  if (f.unit === "count" && /\p{L}{3,}$/u.test(f.text)) score += 0.05;
  const generic = isGeneric(f.label);
  if (f.label.includes(": ") && !generic) score += 0.15;
  if (!generic) score += 0.1;
  else score -= 0.15;
  if (ctx.position <= 0.2) score += 0.1;
  if (ctx.structured) score += 0.05;
  if (ctx.amountsInSentence >= 4) score -= 0.1;
  return Math.min(1, Math.max(0, score));
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    while (this.parent[i] !== root) {
      const up = this.parent[i] as number;
      this.parent[i] = root;
      i = up;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The earlier statement stays the root, so it becomes the fact's primary entry.
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Two statements of one value in one document state the same fact when they are about the same actors
 * (a name in common), or, when neither names anyone, when their labels share a content word.
 */
function sameFact(a: Set<string>, b: Set<string>, labelA: Set<string>, labelB: Set<string>): boolean {
  for (const name of a) if (b.has(name)) return true;
  if (a.size > 0 && b.size > 0) return false;
  for (const w of labelA) if (labelB.has(w)) return true;
  return false;
}

const statementOf = (f: FigureDraft): FigureStatement => ({
  label: f.label,
  text: f.text,
  quote: f.quote,
  chunkId: f.chunkId,
  section: f.section,
});

/**
 * Groups the drafts into facts and scores them. Drafts keep their order; every statement stays (lists that
 * want one entry per fact keep the `primary` ones, whose `alternates` hold the other quotes). A fact's score
 * is its best statement's, raised when the document states it more than once; every document's best fact
 * is key even when its score is low.
 */
export function assignFacts(drafts: FigureDraft[], contexts: DraftContext[]): Figure[] {
  const n = drafts.length;
  const uf = new UnionFind(n);
  const quoteNames = new Map<string, Map<string, Set<string>>>();
  const actors = drafts.map((f, i) => actorsOf(f, contexts[i] as DraftContext, quoteNames));
  const wordsByLabel = new Map<string, Set<string>>();
  const words = drafts.map((f) => {
    let w = wordsByLabel.get(f.label);
    if (!w) {
      w = labelWords(f.label);
      wordsByLabel.set(f.label, w);
    }
    return w;
  });
  const byValue = new Map<string, number[]>();
  drafts.forEach((f, i) => {
    const key = `${f.documentId}\u0000${f.unit}\u0000${f.value}`;
    const list = byValue.get(key);
    if (list) list.push(i);
    else byValue.set(key, [i]);
  });
  for (const list of byValue.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = list[x] as number;
        const b = list[y] as number;
        const quoteRepeat = drafts[a]?.quote === drafts[b]?.quote;
        if (
          quoteRepeat ||
          sameFact(
            actors[a] as Set<string>,
            actors[b] as Set<string>,
            words[a] as Set<string>,
            words[b] as Set<string>,
          )
        ) {
          uf.union(a, b);
        }
      }
    }
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  const generic = new Map<string, boolean>();
  const isGeneric = (label: string) => {
    let g = generic.get(label);
    if (g === undefined) {
      g = isGenericLabel(label);
      generic.set(label, g);
    }
    return g;
  };
  const scores = drafts.map((f, i) => statementScore(f, contexts[i] as DraftContext, isGeneric));
  const factScore = new Map<number, number>();
  for (const [root, list] of members) {
    const best = Math.max(...list.map((i) => scores[i] as number));
    const repeated = new Set(list.map((i) => drafts[i]?.chunkId)).size > 1 ? 0.15 : 0;
    factScore.set(root, Math.min(1, Math.round((best + repeated) * 100) / 100));
  }
  // Every document's best fact is key: a list grouped by document never shows a document without one.
  const bestOfDocument = new Map<string, number>();
  for (const [root, score] of factScore) {
    const doc = drafts[root]?.documentId as string;
    const current = bestOfDocument.get(doc);
    if (current === undefined || score > (factScore.get(current) as number)) bestOfDocument.set(doc, root);
  }
  const docBest = new Set(bestOfDocument.values());
  // The primary lists every other statement; a repeat lists the primary (so a fact stated k times costs O(k)).
  const evidence = new Map<number, { others: FigureStatement[]; primary: FigureStatement[] }>();
  for (const [root, list] of members) {
    evidence.set(root, {
      others: list.filter((j) => j !== root).map((j) => statementOf(drafts[j] as FigureDraft)),
      primary: [statementOf(drafts[root] as FigureDraft)],
    });
  }
  return drafts.map((f, i) => {
    const root = uf.find(i);
    const keyScore = factScore.get(root) as number;
    const facts = evidence.get(root) as { others: FigureStatement[]; primary: FigureStatement[] };
    const alternates = root === i ? facts.others : facts.primary;
    // Written out rather than spread: this runs once per figure of the corpus, and the spread is its slow path.
    return {
      label: f.label,
      text: f.text,
      value: f.value,
      unit: f.unit,
      quote: f.quote,
      chunkId: f.chunkId,
      documentId: f.documentId,
      documentTitle: f.documentTitle,
      section: f.section,
      topics: f.topics,
      keyScore,
      key: keyScore >= KEY_THRESHOLD || docBest.has(root),
      factId: `${drafts[root]?.chunkId}:${drafts[root]?.text}`,
      primary: root === i,
      alternates,
    };
  });
}
