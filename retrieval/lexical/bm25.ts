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

/** Relatives per question word at most: on big corpora a short stem would otherwise pull in hundreds of terms. */
const MAX_RELATIVES = 8;
/** Concepts are tracked in a 32-bit mask per chunk (questions are cut to this many content words). */
export const MAX_CONCEPTS = 32;

interface PostingList {
  ids: Int32Array;
  tfs: Float32Array;
}

/**
 * Postings live in typed arrays and the search reuses per-chunk score buffers: at 100k chunks this is what
 * keeps a question in single-digit milliseconds (objects per posting cost 5× the memory and most of the time).
 */
export class LexicalIndex {
  private readonly postings = new Map<string, PostingList>();
  /** BM25 length normalization per chunk, k1 · (1 − b + b · len / avgLen). */
  private readonly norm: Float64Array;
  private readonly scores: Float64Array;
  private readonly best: Float64Array;
  private readonly masks: Uint32Array;
  private readonly prefixBuckets = new Map<string, string[]>();
  private readonly suffixBuckets = new Map<string, string[]>();
  readonly size: number;

  constructor(
    texts: IndexedText[],
    private readonly options: Bm25Options = defaults,
  ) {
    const n = texts.length;
    this.size = n;
    const lengths = new Float64Array(n);
    const building = new Map<string, { ids: number[]; tfs: number[] }>();
    let total = 0;
    texts.forEach((text, id) => {
      const tf = new Map<string, number>();
      const body = terms(text.body, text.lang);
      for (const t of body) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of terms(text.section, text.lang)) tf.set(t, (tf.get(t) ?? 0) + options.sectionWeight);
      lengths[id] = body.length;
      total += body.length;
      for (const [term, count] of tf) {
        let list = building.get(term);
        if (!list) {
          list = { ids: [], tfs: [] };
          building.set(term, list);
        }
        list.ids.push(id);
        list.tfs.push(count);
      }
    });
    for (const [term, list] of building) {
      this.postings.set(term, { ids: Int32Array.from(list.ids), tfs: Float32Array.from(list.tfs) });
    }
    const avgLength = n ? total / n : 1;
    const { k1, b } = options;
    this.norm = Float64Array.from(lengths, (len) => k1 * (1 - b + (b * len) / avgLength));
    this.scores = new Float64Array(n);
    this.best = new Float64Array(n);
    this.masks = new Uint32Array(n);
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
    return this.postings.get(term)?.ids.length ?? 0;
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
    return closest(out, term);
  }

  /**
   * Compounds whose head is `term` ("abschluss" → "geschaftsabschluss"): German puts the meaning-bearing
   * part last, so a question word found at the end of a longer word is a good, if weaker, match.
   */
  suffixRelatives(term: string): string[] {
    if (term.length < 5 || /^\d/.test(term)) return [];
    const bucket = this.suffixBuckets.get(term.slice(-4)) ?? [];
    return closest(
      bucket.filter((candidate) => candidate.length >= term.length + 3 && candidate.endsWith(term)),
      term,
    );
  }

  /** Top-k chunks for the concepts, by score (ties by position). Concepts past MAX_CONCEPTS are ignored. */
  search(allConcepts: Concept[], k: number): LexicalHit[] {
    const concepts = allConcepts.slice(0, MAX_CONCEPTS);
    const { scores, best, masks, norm } = this;
    const k1p1 = this.options.k1 + 1;
    const touched: number[] = [];
    const scoredByConcept: number[] = [];
    concepts.forEach((concept, conceptIndex) => {
      // Per chunk, a concept scores through its best variant only (no double counting of variants).
      for (const variant of concept.variants) {
        const list = this.postings.get(variant.term);
        if (!list) continue;
        const idf = this.idf(variant.term);
        const weight = variant.weight * concept.weight;
        const { ids, tfs } = list;
        for (let j = 0; j < ids.length; j++) {
          const id = ids[j] as number;
          const tf = tfs[j] as number;
          const s = ((idf * tf * k1p1) / (tf + (norm[id] as number))) * weight;
          const previous = best[id] as number;
          if (s > previous) {
            if (previous === 0) scoredByConcept.push(id);
            best[id] = s;
          }
        }
      }
      const bit = 2 ** conceptIndex;
      for (const id of scoredByConcept) {
        if (masks[id] === 0) touched.push(id);
        scores[id] = (scores[id] as number) + (best[id] as number);
        masks[id] = ((masks[id] as number) | bit) >>> 0;
        best[id] = 0;
      }
      scoredByConcept.length = 0;
    });

    // Coordination: a passage matching more of the question's concepts beats one repeating a few of them.
    const totalWeight = concepts.reduce((sum, c) => sum + c.weight, 0);
    const top: Array<{ id: number; score: number }> = [];
    for (const id of touched) {
      const score =
        (scores[id] as number) * Math.sqrt(maskWeight(masks[id] as number, concepts) / totalWeight);
      insertTopK(top, k, id, score);
    }
    const hits = top.map(({ id, score }) => ({ id, score, matched: maskIndices(masks[id] as number) }));
    for (const id of touched) {
      scores[id] = 0;
      masks[id] = 0;
    }
    return hits;
  }
}

function maskWeight(mask: number, concepts: Concept[]): number {
  let weight = 0;
  for (let i = 0, m = mask; m !== 0; i++, m >>>= 1) if (m & 1) weight += (concepts[i] as Concept).weight;
  return weight;
}

function maskIndices(mask: number): Set<number> {
  const out = new Set<number>();
  for (let i = 0, m = mask; m !== 0; i++, m >>>= 1) if (m & 1) out.add(i);
  return out;
}

/** Keeps `top` sorted by score desc, id asc, at most k long (k is small: a bounded insertion). */
function insertTopK(top: Array<{ id: number; score: number }>, k: number, id: number, score: number): void {
  if (k <= 0) return;
  if (top.length === k) {
    const last = top[k - 1] as { id: number; score: number };
    if (score < last.score || (score === last.score && id > last.id)) return;
  }
  let at = top.length === k ? k - 1 : top.length;
  while (at > 0) {
    const previous = top[at - 1] as { id: number; score: number };
    if (previous.score > score || (previous.score === score && previous.id < id)) break;
    top[at] = previous;
    at--;
  }
  top[at] = { id, score };
}

/** The relatives closest in length to `term` (the likeliest inflections or compounds of it). */
function closest(candidates: string[], term: string): string[] {
  if (candidates.length <= MAX_RELATIVES) return candidates;
  return [...candidates]
    .sort((a, b) => Math.abs(a.length - term.length) - Math.abs(b.length - term.length) || (a < b ? -1 : 1))
    .slice(0, MAX_RELATIVES);
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const bucket = map.get(key);
  if (bucket) bucket.push(value);
  else map.set(key, [value]);
}
