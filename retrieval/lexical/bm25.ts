/**
 * BM25 over chunk terms (body plus section heading at half weight), with query-side term variants:
 * each question word becomes a "concept" with weighted variants (exact stem, translations, prefix relatives),
 * so German inflection ("wächst" ~ "Wachstum") and English questions still meet the German text.
 */

import { terms } from "../text/normalize.ts";
import type { Lang } from "../types.ts";

export interface IndexedText {
  body: string;
  section: string;
  lang: Lang;
}

export interface Variant {
  term: string;
  weight: number;
}

/** One question word and the index terms that may stand for it. */
export interface Concept {
  word: string;
  variants: Variant[];
  /** Follow-up context gets a lower weight than the question itself. */
  weight: number;
  isNumber: boolean;
}

export interface LexicalHit {
  id: number;
  score: number;
  /** Indices into the query's concepts that this chunk matched. */
  matched: Set<number>;
}

export interface Bm25Options {
  k1: number;
  b: number;
  sectionWeight: number;
}

const defaults: Bm25Options = { k1: 1.2, b: 0.75, sectionWeight: 0.5 };

export class LexicalIndex {
  private readonly postings = new Map<string, Array<{ id: number; tf: number }>>();
  private readonly lengths: Float64Array;
  private readonly avgLength: number;
  private readonly prefixBuckets = new Map<string, string[]>();
  private readonly suffixBuckets = new Map<string, string[]>();
  readonly size: number;

  constructor(
    texts: IndexedText[],
    private readonly options: Bm25Options = defaults,
  ) {
    this.size = texts.length;
    this.lengths = new Float64Array(texts.length);
    let total = 0;
    texts.forEach((text, id) => {
      const tf = new Map<string, number>();
      const body = terms(text.body, text.lang);
      for (const t of body) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of terms(text.section, text.lang)) tf.set(t, (tf.get(t) ?? 0) + options.sectionWeight);
      this.lengths[id] = body.length;
      total += body.length;
      for (const [term, count] of tf) {
        let list = this.postings.get(term);
        if (!list) {
          list = [];
          this.postings.set(term, list);
        }
        list.push({ id, tf: count });
      }
    });
    this.avgLength = texts.length ? total / texts.length : 1;
    for (const term of this.postings.keys()) {
      if (term.length < 4 || /^\d/.test(term)) continue;
      pushTo(this.prefixBuckets, term.slice(0, 4), term);
      pushTo(this.suffixBuckets, term.slice(-4), term);
    }
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.length ?? 0;
  }

  /** Robertson–Spärck Jones IDF, floored at a small positive value so common words still count a little. */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.max(0.05, Math.log(1 + (this.size - df + 0.5) / (df + 0.5)));
  }

  /** IDF a term would have if it occurred once: the weight of a question word the corpus lacks. */
  unseenIdf(): number {
    return Math.log(1 + (this.size + 0.5) / 1.5);
  }

  /**
   * Index terms related to `term` by a shared stem prefix ("wach" → "wachstum", "invest" → "investition").
   * Only long-enough overlaps count, so short stems don't match everything.
   */
  prefixRelatives(term: string): string[] {
    if (term.length < 4 || /^\d/.test(term)) return [];
    const bucket = this.prefixBuckets.get(term.slice(0, 4)) ?? [];
    const out: string[] = [];
    for (const candidate of bucket) {
      if (candidate === term) continue;
      const shorter = Math.min(candidate.length, term.length);
      let common = 0;
      while (common < shorter && candidate[common] === term[common]) common++;
      const needed = Math.max(5, Math.ceil(shorter * 0.8));
      if (common >= needed || (common === term.length && term.length >= 4)) out.push(candidate);
    }
    return out;
  }

  /**
   * Compounds whose head is `term` ("abschluss" → "geschaftsabschluss"): German puts the meaning-bearing
   * part last, so a question word found at the end of a longer word is a good, if weaker, match.
   */
  suffixRelatives(term: string): string[] {
    if (term.length < 5 || /^\d/.test(term)) return [];
    const bucket = this.suffixBuckets.get(term.slice(-4)) ?? [];
    return bucket.filter((candidate) => candidate.length >= term.length + 3 && candidate.endsWith(term));
  }

  search(concepts: Concept[], k: number): LexicalHit[] {
    const { k1, b } = this.options;
    const scores = new Map<number, LexicalHit>();
    concepts.forEach((concept, conceptIndex) => {
      // Per chunk, a concept scores through its best variant only (no double counting of variants).
      const best = new Map<number, number>();
      for (const variant of concept.variants) {
        const list = this.postings.get(variant.term);
        if (!list) continue;
        const idf = this.idf(variant.term);
        for (const { id, tf } of list) {
          const norm = tf + k1 * (1 - b + (b * (this.lengths[id] as number)) / this.avgLength);
          const s = (idf * (tf * (k1 + 1))) / norm;
          const weighted = s * variant.weight * concept.weight;
          if (weighted > (best.get(id) ?? 0)) best.set(id, weighted);
        }
      }
      for (const [id, s] of best) {
        let hit = scores.get(id);
        if (!hit) {
          hit = { id, score: 0, matched: new Set() };
          scores.set(id, hit);
        }
        hit.score += s;
        hit.matched.add(conceptIndex);
      }
    });
    // Coordination: a passage matching more of the question's concepts beats one repeating a few of them.
    const totalWeight = concepts.reduce((sum, c) => sum + c.weight, 0);
    for (const hit of scores.values()) {
      let matchedWeight = 0;
      for (const i of hit.matched) matchedWeight += (concepts[i] as Concept).weight;
      hit.score *= Math.sqrt(matchedWeight / totalWeight);
    }
    return [...scores.values()].sort((x, y) => y.score - x.score || x.id - y.id).slice(0, k);
  }
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const bucket = map.get(key);
  if (bucket) bucket.push(value);
  else map.set(key, [value]);
}
