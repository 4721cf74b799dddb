/** `node --import tsx large-snapshot-child.ts CORPUS_DIR INDEX_DIR CHUNKS`: see large-snapshot.ts. */
import { writeLargeSnapshot } from "./large-snapshot.ts";

const [corpusDir, indexDir, chunks] = process.argv.slice(2);
if (!corpusDir || !indexDir || !chunks) {
  process.stderr.write("usage: large-snapshot-child.ts CORPUS_DIR INDEX_DIR CHUNKS\n");
  process.exit(2);
}
const manifest = await writeLargeSnapshot(corpusDir, indexDir, Number(chunks));
process.stdout.write(`${manifest.indexVersion}\n`);
