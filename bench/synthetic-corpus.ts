/**
 * Synthetic corpora for the scale curve, made from the article's own vocabulary: a word-bigram chain learned
 * from the article writes German-looking sentences, and a Zipf-distributed lexicon (compounds of the article's
 * words, new names and terms) stands in for what new articles bring, so the vocabulary grows with the corpus.
 * Documents are markdown with front matter, so the real ingestion (parse → sentences → chunks) runs on them.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pick, seededRandom, zipfSampler } from "../tools/random.ts";

export interface ArticleModel {
  /** Words that start a sentence in the article. */
  starts: string[];
  /** Word → the words that follow it (with repetition, so frequent pairs are likelier); "" ends a sentence. */
  next: Map<string, string[]>;
  /** Content words of the article (letters only, ≥ 4 characters): material for compounds and questions. */
  contentWords: string[];
}

const END = "";
const WORD_CHARS = /^[\p{L}]{4,}$/u;

/** Learns the bigram chain from article text (the source list and URLs are left out). */
export function learnArticle(text: string): ArticleModel {
  const body = text.split(/\n\s*Quellenangabe/i)[0] ?? text;
  const prose = body
    .split("\n")
    // Table rows and list markers would leak markup into generated prose.
    .filter((line) => !line.includes("|"))
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, ""))
    .join("\n");
  const sentences = prose
    .replace(/https?:\/\/\S+/g, " ")
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 4);
  const starts: string[] = [];
  const next = new Map<string, string[]>();
  const content = new Set<string>();
  for (const sentence of sentences) {
    const words = sentence
      .replace(/[.!?]+$/, "")
      .split(/\s+/)
      .filter(Boolean);
    if (words.length === 0) continue;
    starts.push(words[0] as string);
    words.forEach((word, i) => {
      const following = words[i + 1] ?? END;
      const list = next.get(word);
      if (list) list.push(following);
      else next.set(word, [following]);
      const bare = word.replace(/[^\p{L}]/gu, "");
      if (WORD_CHARS.test(bare)) content.add(bare);
    });
  }
  if (starts.length === 0) throw new Error("the article has no sentences to learn from");
  return { starts, next, contentWords: [...content].sort() };
}

const SYLLABLES = (
  "ber bau ka lin sch tra mo ver gen hal ter ost wal dor fen ris mar tel kon zen pro bis lan ger neu stein " +
  "burg feld haus wer ak ti on ex per ma li da ne ro sa ul vi zu"
).split(" ");

/**
 * Words a growing corpus brings besides the article's: a third are compounds of article words ("Chippartnerschaft",
 * "Azure-Vertrag"), which share prefixes with the article's terms as German compounds do; the rest are new names
 * and terms from syllables ("Kalinburg", "Verzenti"), as other articles bring other people, places and topics.
 */
export function buildLexicon(model: ArticleModel, size: number, seed: number): string[] {
  const random = seededRandom(seed);
  const out = new Set<string>();
  const words = model.contentWords;
  let guard = 0;
  while (out.size < size && guard++ < size * 20) {
    const roll = random();
    let word: string;
    if (roll < 0.25) {
      const a = pick(words, random);
      word = `${a.slice(0, 4 + Math.floor(random() * Math.max(1, a.length - 3)))}${pick(words, random).toLowerCase()}`;
    } else if (roll < 0.33) {
      word = `${pick(words, random)}-${capitalize(pick(words, random).toLowerCase())}`;
    } else {
      const parts = 2 + Math.floor(random() * 3);
      word = capitalize(Array.from({ length: parts }, () => pick(SYLLABLES, random)).join(""));
    }
    out.add(word);
  }
  return [...out];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export interface SyntheticOptions {
  /** Chunks the corpus should yield at least (the chunker makes about one chunk per two sentences). */
  targetChunks: number;
  seed: number;
  /** Share of words replaced by lexicon words. */
  novelShare?: number;
  /** Chunks per document (about). */
  chunksPerDocument?: number;
}

export interface SyntheticFile {
  name: string;
  text: string;
}

/** Generates the corpus files (deterministic for a given seed and size). */
export function generateCorpus(model: ArticleModel, options: SyntheticOptions): SyntheticFile[] {
  const random = seededRandom(options.seed);
  const novelShare = options.novelShare ?? 0.25;
  const perDoc = options.chunksPerDocument ?? 100;
  // Vocabulary grows with the corpus (Heaps' law): about two lexicon entries per chunk, Zipf-distributed use.
  const lexicon = buildLexicon(model, Math.max(2000, options.targetChunks * 2), options.seed + 1);
  const zipf = zipfSampler(lexicon.length, 1.0, random);
  const sentence = (): string => {
    const words: string[] = [];
    let word = pick(model.starts, random);
    while (word !== END && words.length < 28) {
      words.push(random() < novelShare ? (lexicon[zipf()] as string) : word);
      word = pick(model.next.get(word) ?? [END], random);
    }
    while (words.length < 6) words.push(lexicon[zipf()] as string);
    const text = words.join(" ").replace(/[,;:—-]+$/, "");
    return `${capitalize(text)}.`;
  };
  const files: SyntheticFile[] = [];
  // ~2 sentences per chunk (3-sentence chunks with 1 of overlap), plus a margin for short sections.
  const documents = Math.max(1, Math.ceil((options.targetChunks * 1.08) / perDoc));
  for (let d = 0; d < documents; d++) {
    // Quoted: a generated title may hold ": ", which YAML front matter only takes in quotes (JSON is YAML).
    const title = JSON.stringify(sentence().slice(0, -1));
    const lines = ["---", `title: ${title}`, "date: 2026-02-01", "language: de", "---", ""];
    let sentences = 0;
    while (sentences < perDoc * 2) {
      const heading = sentence().replace(/\.$/, " ?");
      lines.push(`## ${heading}`, "");
      const paragraphs = 1 + Math.floor(random() * 3);
      for (let p = 0; p < paragraphs; p++) {
        const count = 3 + Math.floor(random() * 5);
        lines.push(Array.from({ length: count }, sentence).join(" "), "");
        sentences += count;
      }
    }
    files.push({ name: `synthetic-${String(d).padStart(5, "0")}.md`, text: lines.join("\n") });
  }
  return files;
}

export async function writeCorpus(dir: string, files: SyntheticFile[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of files) await writeFile(path.join(dir, file.name), file.text);
}

/** Questions in the article's style: a question word and 2–4 article content words. */
export function syntheticQuestions(model: ArticleModel, count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const openers = ["Wie viel", "Warum", "Wer", "Wann", "Was bedeutet", "Welche Rolle spielt", "Wie hoch ist"];
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 2 + Math.floor(random() * 3) }, () =>
      pick(model.contentWords, random),
    );
    return `${pick(openers, random)} ${words.join(" ")}?`;
  });
}
