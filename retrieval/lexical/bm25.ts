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

/** The index's arrays, as built or as read back from a snapshot (see persist.ts). */
export interface LexicalParts {
  /** Index terms in first-seen order; a term's postings are `ids/tfs[offsets[t] .. offsets[t + 1])`. */
  terms: string[];
  /** Term → position in `terms`. */
  dictionary: Map<string, number>;
  offsets: Uint32Array;
  ids: Int32Array;
  tfs: Float32Array;
  /** Body length in terms per chunk. */
  lengths: Float32Array;
  options: Bm25Options;
}

/**
 * Postings live in flat typed arrays and the search reuses per-chunk score buffers: at 100k chunks this is what
 * keeps a question in single-digit milliseconds (objects per posting cost 5× the memory and most of the time),
 * and it is what lets a snapshot save the index and load it back without analysing any text again.
 */
export class LexicalIndex {
  private readonly parts: LexicalParts;
  /** BM25 length normalization per chunk, k1 · (1 − b + b · len / avgLen). */
  private readonly norm: Float64Array;
  private readonly scores: Float64Array;
  private readonly best: Float64Array;
  private readonly masks: Uint32Array;
  /** Built on first use (or by `prepareRelatives`): a one-off question never pays for them. */
  private prefixBuckets: Map<string, string[]> | null = null;
  private suffixBuckets: Map<string, string[]> | null = null;
  readonly size: number;

  constructor(source: IndexedText[] | LexicalParts, options: Bm25Options = defaults) {
    const parts = Array.isArray(source) ? buildParts(source, options) : source;
    const n = parts.lengths.length;
    this.parts = parts;
    this.size = n;
    let total = 0;
    for (let i = 0; i < n; i++) total += parts.lengths[i] as number;
    const avgLength = n ? total / n : 1;
    const { k1, b } = parts.options;
    this.norm = Float64Array.from(parts.lengths, (len) => k1 * (1 - b + (b * len) / avgLength));
    this.scores = new Float64Array(n);
    this.best = new Float64Array(n);
    this.masks = new Uint32Array(n);
  }

  /** The arrays to persist (read-only use: they back the live index). */
  get data(): Readonly<LexicalParts> {
    return this.parts;
  }

  has(term: string): boolean {
    return this.parts.dictionary.has(term);
  }

  documentFrequency(term: string): number {
    const t = this.parts.dictionary.get(term);
    if (t === undefined) return 0;
    return (this.parts.offsets[t + 1] as number) - (this.parts.offsets[t] as number);
  }

  /** Robertson–Spärck Jones IDF, floored at a small positive value so common words still count a little. */
  idf(term: string): number {
    return this.idfOf(this.documentFrequency(term));
  }

  /** The IDF of a term held by `df` passages (for a set of variants counted as one term). */
  idfOf(df: number): number {
    return Math.max(0.05, Math.log(1 + (this.size - df + 0.5) / (df + 0.5)));
  }

  /** IDF a term would have if it occurred once: the weight of a question word the corpus lacks. */
  unseenIdf(): number {
    return Math.log(1 + (this.size + 0.5) / 1.5);
  }

  /**
   * Builds the prefix/suffix buckets of `prefixRelatives`/`suffixRelatives` in slices, awaiting `pause` between
   * them, so that a large index is readied without blocking the caller's event loop for long.
   */
  async prepareRelatives(pause: () => Promise<void>): Promise<void> {
    if (this.prefixBuckets && this.suffixBuckets) return;
    const prefix = new Map<string, string[]>();
    const suffix = new Map<string, string[]>();
    const { terms } = this.parts;
    for (let from = 0; from < terms.length; from += BUCKET_SLICE) {
      addToBuckets(terms, from, Math.min(terms.length, from + BUCKET_SLICE), prefix, suffix);
      await pause();
    }
    this.prefixBuckets = prefix;
    this.suffixBuckets = suffix;
  }

  private buckets(): { prefix: Map<string, string[]>; suffix: Map<string, string[]> } {
    if (!this.prefixBuckets || !this.suffixBuckets) {
      const prefix = new Map<string, string[]>();
      const suffix = new Map<string, string[]>();
      addToBuckets(this.parts.terms, 0, this.parts.terms.length, prefix, suffix);
      this.prefixBuckets = prefix;
      this.suffixBuckets = suffix;
    }
    return { prefix: this.prefixBuckets, suffix: this.suffixBuckets };
  }

  /**
   * Index terms related to `term` by a shared stem prefix ("wach" → "wachstum", "invest" → "investition").
   * Only long-enough overlaps count, so short stems don't match everything.
   */
  prefixRelatives(term: string): string[] {
    if (term.length < 4 || /^\d/.test(term)) return [];
    const bucket = this.buckets().prefix.get(term.slice(0, 4)) ?? [];
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
    const bucket = this.buckets().suffix.get(term.slice(-4)) ?? [];
    return closest(
      bucket.filter((candidate) => candidate.length >= term.length + 3 && candidate.endsWith(term)),
      term,
    );
  }

  /** Top-k chunks for the concepts, by score (ties by position). Concepts past MAX_CONCEPTS are ignored. */
  search(allConcepts: Concept[], k: number): LexicalHit[] {
    const concepts = allConcepts.slice(0, MAX_CONCEPTS);
    const { scores, best, masks, norm } = this;
    const { dictionary, offsets, ids, tfs } = this.parts;
    const k1p1 = this.parts.options.k1 + 1;
    const touched: number[] = [];
    const scoredByConcept: number[] = [];
    concepts.forEach((concept, conceptIndex) => {
      // Per chunk, a concept scores through its best variant only (no double counting of variants).
      for (const variant of concept.variants) {
        const t = dictionary.get(variant.term);
        if (t === undefined) continue;
        const idf = this.idf(variant.term);
        const weight = variant.weight * concept.weight;
        const end = offsets[t + 1] as number;
        for (let j = offsets[t] as number; j < end; j++) {
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

const BUCKET_SLICE = 8192;

/** Relatives share the first or last four letters; numbers and short terms have none. */
function addToBuckets(
  terms: string[],
  from: number,
  to: number,
  prefix: Map<string, string[]>,
  suffix: Map<string, string[]>,
): void {
  for (let i = from; i < to; i++) {
    const term = terms[i] as string;
    if (term.length < 4 || /^\d/.test(term)) continue;
    pushTo(prefix, term.slice(0, 4), term);
    pushTo(suffix, term.slice(-4), term);
  }
}

/** Analyses every text once (folding, stemming, compounds): the expensive part, done only when building. */
function buildParts(texts: IndexedText[], options: Bm25Options): LexicalParts {
  const lengths = new Float32Array(texts.length);
  const building = new Map<string, { ids: number[]; tfs: number[] }>();
  let postings = 0;
  texts.forEach((text, id) => {
    const tf = new Map<string, number>();
    const body = terms(text.body, text.lang);
    for (const t of body) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of terms(text.section, text.lang)) tf.set(t, (tf.get(t) ?? 0) + options.sectionWeight);
    lengths[id] = body.length;
    for (const [term, count] of tf) {
      let list = building.get(term);
      if (!list) {
        list = { ids: [], tfs: [] };
        building.set(term, list);
      }
      list.ids.push(id);
      list.tfs.push(count);
      postings++;
    }
  });
  const termList: string[] = [];
  const dictionary = new Map<string, number>();
  const offsets = new Uint32Array(building.size + 1);
  const ids = new Int32Array(postings);
  const tfs = new Float32Array(postings);
  let at = 0;
  for (const [term, list] of building) {
    dictionary.set(term, termList.length);
    termList.push(term);
    ids.set(list.ids, at);
    tfs.set(list.tfs, at);
    at += list.ids.length;
    offsets[termList.length] = at;
  }
  return { terms: termList, dictionary, offsets, ids, tfs, lengths, options };
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
