/**
 * A synthetic German news corpus of a chosen size, for re-index and load measurements. Deterministic:
 * the same chunk target gives the same text. The real article is copied in, so questions about it still work.
 */
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

const COMPANIES = [
  "Nvidia",
  "OpenAI",
  "Microsoft",
  "Amazon",
  "Google",
  "Anthropic",
  "AMD",
  "Intel",
  "Meta",
  "Apple",
];
const TOPICS = [
  "Rechenzentren",
  "KI-Chips",
  "Cloud-Verträge",
  "Stromnetze",
  "Kühlsysteme",
  "Trainingsdaten",
  "Lizenzen",
];
const VERBS = ["investierte", "plante", "verschob", "bestätigte", "kürzte", "verdoppelte", "prüfte"];
const PLACES = ["Texas", "Irland", "Bayern", "Arizona", "Norwegen", "Singapur", "Ohio"];

/** Sentences per section; the chunker makes about one chunk per two sentences (3 per chunk, 1 overlap). */
const SENTENCES_PER_SECTION = 40;
const SECTIONS_PER_DOCUMENT = 20;

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length] as T;
}

function sentence(n: number): string {
  const company = pick(COMPANIES, n);
  const other = pick(COMPANIES, n * 7 + 3);
  const amount = ((n * 37) % 900) + 10;
  return (
    `${company} ${pick(VERBS, n * 3)} im Quartal ${(n % 4) + 1} insgesamt ${amount} Millionen Dollar ` +
    `in ${pick(TOPICS, n * 5)} in ${pick(PLACES, n * 11)}, berichtete ${other} in Meldung ${n}.`
  );
}

/** Writes about `targetChunks` chunks of text into `dir` (plus the real article); returns the file count. */
export async function writeSyntheticCorpus(
  dir: string,
  targetChunks: number,
  articleFile?: string,
): Promise<number> {
  await mkdir(dir, { recursive: true });
  const sections = Math.max(1, Math.ceil((targetChunks * 2) / SENTENCES_PER_SECTION));
  const documents = Math.ceil(sections / SECTIONS_PER_DOCUMENT);
  let n = 0;
  for (let d = 0; d < documents; d++) {
    const lines = [`# Marktbericht ${d + 1}: Infrastruktur der KI-Branche`, "01/02/2026", ""];
    for (let s = 0; s < SECTIONS_PER_DOCUMENT && d * SECTIONS_PER_DOCUMENT + s < sections; s++) {
      lines.push(`## Abschnitt ${s + 1} über ${pick(TOPICS, d + s)}`, "");
      for (let p = 0; p < SENTENCES_PER_SECTION / 5; p++) {
        lines.push(Array.from({ length: 5 }, () => sentence(n++)).join(" "), "");
      }
    }
    await writeFile(path.join(dir, `bericht-${String(d + 1).padStart(3, "0")}.de.txt`), lines.join("\n"));
  }
  if (articleFile) await copyFile(articleFile, path.join(dir, path.basename(articleFile)));
  return documents + (articleFile ? 1 : 0);
}
