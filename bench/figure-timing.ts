/**
 * Figure extraction timing on a synthetic corpus (the scale curve's generator): what the scale runs call to
 * include figures in their snapshot (issue 11), and the body of `npm run bench:figures`. Reports CPU time as
 * well as wall time, since the machine is usually shared.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ingestText } from "../retrieval/corpus/ingest.ts";
import { extractFigures } from "../retrieval/figures/extract.ts";
import type { Chunk, Figure, Lang } from "../retrieval/types.ts";
import { generateCorpus, learnArticle } from "./synthetic-corpus.ts";

export interface FigureTiming {
  chunks: number;
  figures: number;
  wallMs: number;
  cpuMs: number;
  cpuMsPerChunk: number;
}

/** One `extractFigures` pass over the chunks, timed: the figures (for a snapshot) and what they cost. */
export function extractFiguresTimed(
  chunks: Chunk[],
  lang: (documentId: string) => Lang = () => "de",
  title: (documentId: string) => string = (id) => id,
): { figures: Figure[]; timing: FigureTiming } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const figures = extractFigures(chunks, lang, title);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    figures,
    timing: {
      chunks: chunks.length,
      figures: figures.length,
      wallMs: Math.round(wallMs),
      cpuMs: Math.round(cpuMs),
      cpuMsPerChunk: Number((cpuMs / Math.max(1, chunks.length)).toFixed(4)),
    },
  };
}

/** Times one `extractFigures` pass over the chunks. */
export function timeFigureExtraction(
  chunks: Chunk[],
  lang: (documentId: string) => Lang = () => "de",
): FigureTiming {
  return extractFiguresTimed(chunks, lang).timing;
}

/** Chunks of a synthetic corpus learned from the articles in `articleDir`, made in memory. */
export async function syntheticChunks(articleDir: string, n: number, seed = 7): Promise<Chunk[]> {
  const names = (await readdir(articleDir)).filter((f) => /\.(txt|md)$/i.test(f)).sort();
  const text = (await Promise.all(names.map((f) => readFile(path.join(articleDir, f), "utf8")))).join("\n\n");
  const chunks: Chunk[] = [];
  for (const file of generateCorpus(learnArticle(text), { targetChunks: n, seed })) {
    chunks.push(...ingestText(file.name, file.text).chunks);
    if (chunks.length >= n) break;
  }
  return chunks.slice(0, n);
}
