/**
 * Writes a large index snapshot quickly, for tests of what a running bot does when one appears (a swap):
 * the article's chunks and figures copied over and over, each copy with a few words of its own so that the
 * vocabulary grows with the size as it does in real corpora. No ingestion or figure extraction runs, only
 * the BM25 build and the snapshot write, so 30k chunks take seconds. Run it in a child process
 * (large-snapshot-child.ts) so that the test's own event loop is not what gets measured.
 */
import { readCorpus } from "../../retrieval/corpus/ingest.ts";
import { extractFigures } from "../../retrieval/figures/extract.ts";
import { LexicalIndex } from "../../retrieval/lexical/bm25.ts";
import { writeSnapshot } from "../../retrieval/store/index-store.ts";
import { type Chunk, type Figure, silentLogger } from "../../retrieval/types.ts";

export async function writeLargeSnapshot(corpusDir: string, indexDir: string, targetChunks: number) {
  const corpus = await readCorpus(corpusDir);
  const figures = extractFigures(corpus.chunks, () => "de");
  const chunks: Chunk[] = [];
  const copiedFigures: Figure[] = [];
  for (let copy = 0; chunks.length < targetChunks; copy++) {
    const tag = `Meldung${copy.toString(36)}`;
    for (const original of corpus.chunks) {
      if (chunks.length >= targetChunks) break;
      const id = `${original.id}-${copy}`;
      const suffix = ` ${tag} Nummer ${copy}.`;
      const text = `${original.text}${suffix}`;
      chunks.push({ ...original, id, text, section: `${original.section} (${tag})` });
      for (const f of figures) {
        if (f.chunkId === original.id)
          copiedFigures.push({ ...f, chunkId: id, section: `${f.section} (${tag})` });
      }
    }
  }
  const lexical = new LexicalIndex(
    chunks.map((c) => ({ body: c.text, section: c.section, lang: "de" as const })),
  );
  return writeSnapshot(
    indexDir,
    {
      corpusHash: `large-${targetChunks}-${corpus.hash}`,
      documents: corpus.documents,
      chunks,
      figures: copiedFigures,
      lexical,
      vectors: null,
      model: null,
    },
    silentLogger,
  );
}
