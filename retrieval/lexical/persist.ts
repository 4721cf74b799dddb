/**
 * The lexical index as one binary file of the snapshot: a fixed header, then the typed arrays (body lengths,
 * posting offsets, chunk ids, term frequencies) and the term dictionary as UTF-8 joined by newlines.
 * Loading views the arrays in place and only rebuilds the term → position map: no text is analysed again.
 *
 *   magic "FSLX", format u32, chunks u32, terms u32, postings u32, dictionary bytes u32,
 *   k1 f64, b f64, sectionWeight f64                                      (48 bytes, little-endian)
 *   lengths f32[chunks] · offsets u32[terms + 1] · ids i32[postings] · tfs f32[postings] · dictionary
 */
import type { Pause } from "../cooperative.ts";
import { LexicalIndex } from "./bm25.ts";

export const LEXICAL_FILE = "lexical.bin";
const MAGIC = 0x584c5346; // "FSLX" read little-endian
const FORMAT = 1;
const HEADER_BYTES = 48;
/** Terms are single words (normalize.ts splits on everything else), so a newline can separate them. */
const SEPARATOR = "\n";

export function serializeLexical(index: LexicalIndex): Buffer {
  const { terms, offsets, ids, tfs, lengths, options } = index.data;
  if (terms.some((t) => t.includes(SEPARATOR))) throw new Error("an index term contains a newline");
  const dictionary = Buffer.from(terms.join(SEPARATOR), "utf8");
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(FORMAT, 4);
  header.writeUInt32LE(lengths.length, 8);
  header.writeUInt32LE(terms.length, 12);
  header.writeUInt32LE(ids.length, 16);
  header.writeUInt32LE(dictionary.byteLength, 20);
  header.writeDoubleLE(options.k1, 24);
  header.writeDoubleLE(options.b, 32);
  header.writeDoubleLE(options.sectionWeight, 40);
  const bytes = (a: Float32Array | Uint32Array | Int32Array) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([header, bytes(lengths), bytes(offsets), bytes(ids), bytes(tfs), dictionary]);
}

/**
 * Reads what `serializeLexical` wrote. The arrays are views on `content` (copied once if it is not 4-byte
 * aligned); throws a plain Error naming the problem when the file does not fit its header.
 */
export async function deserializeLexical(content: Buffer, pause: Pause): Promise<LexicalIndex> {
  if (content.byteLength < HEADER_BYTES) throw new Error(`${LEXICAL_FILE} is shorter than its header`);
  if (content.readUInt32LE(0) !== MAGIC) throw new Error(`${LEXICAL_FILE} is not a lexical index`);
  const format = content.readUInt32LE(4);
  if (format !== FORMAT) throw new Error(`${LEXICAL_FILE} has format ${format}, expected ${FORMAT}`);
  const chunks = content.readUInt32LE(8);
  const termCount = content.readUInt32LE(12);
  const postings = content.readUInt32LE(16);
  const dictionaryBytes = content.readUInt32LE(20);
  const options = {
    k1: content.readDoubleLE(24),
    b: content.readDoubleLE(32),
    sectionWeight: content.readDoubleLE(40),
  };
  const expected = HEADER_BYTES + 4 * (chunks + termCount + 1 + 2 * postings) + dictionaryBytes;
  if (content.byteLength !== expected) {
    throw new Error(`${LEXICAL_FILE} has ${content.byteLength} bytes, its header describes ${expected}`);
  }
  const data = content.byteOffset % 4 === 0 ? content : Buffer.from(content);
  let at = data.byteOffset + HEADER_BYTES;
  const take = <T>(
    make: (buffer: ArrayBufferLike, offset: number, length: number) => T,
    length: number,
  ): T => {
    const view = make(data.buffer, at, length);
    at += 4 * length;
    return view;
  };
  const lengths = take((b, o, l) => new Float32Array(b, o, l), chunks);
  const offsets = take((b, o, l) => new Uint32Array(b, o, l), termCount + 1);
  const ids = take((b, o, l) => new Int32Array(b, o, l), postings);
  const tfs = take((b, o, l) => new Float32Array(b, o, l), postings);
  const dictionaryStart = at - data.byteOffset;
  const text = data.toString("utf8", dictionaryStart, dictionaryStart + dictionaryBytes);
  const terms = termCount === 0 ? [] : text.split(SEPARATOR);
  if (terms.length !== termCount) {
    throw new Error(`${LEXICAL_FILE} lists ${terms.length} terms, its header says ${termCount}`);
  }
  if (offsets[0] !== 0 || offsets[termCount] !== postings) {
    throw new Error(`${LEXICAL_FILE} has posting offsets that do not span its postings`);
  }
  const dictionary = new Map<string, number>();
  for (let t = 0; t < termCount; t++) {
    if ((offsets[t] as number) > (offsets[t + 1] as number)) {
      throw new Error(`${LEXICAL_FILE} has posting offsets out of order at term ${t}`);
    }
    dictionary.set(terms[t] as string, t);
    if ((t & 1023) === 1023) await pause();
  }
  for (let j = 0; j < postings; j++) {
    const id = ids[j] as number;
    if (id < 0 || id >= chunks) throw new Error(`${LEXICAL_FILE} has a posting for chunk ${id} of ${chunks}`);
    if ((j & 65535) === 65535) await pause();
  }
  const index = new LexicalIndex({ terms, dictionary, offsets, ids, tfs, lengths, options });
  await index.prepareRelatives(pause);
  return index;
}
