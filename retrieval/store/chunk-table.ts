/**
 * The chunks of a live index, and their columnar file in a snapshot (chunks.bin).
 *
 * A snapshot at 100k chunks held them as 75 MB of JSON: parsing it and collecting the garbage was most of a
 * start-up, and the objects most of the heap. Here the chunk texts stay one UTF-8 blob, the repeated strings
 * (ids, document ids, section headings) one pool, and positions typed arrays: loading is reading the file and
 * checking its offsets, and a Chunk object is made only when someone asks for that chunk (a cited passage, a
 * neighbour's context): a few microseconds each.
 *
 *   magic "FSCH", format u32, chunks u32, strings u32, sentences u32, text bytes u32, pool bytes u32,
 *   reserved u32                                                              (32 bytes, little-endian)
 *   textOffsets u32[chunks + 1] · spanStart u32[chunks] · spanEnd u32[chunks] · id u32[chunks] ·
 *   document u32[chunks] · section u32[chunks] · kind u32[chunks] · sentenceOffsets u32[chunks + 1] ·
 *   sentenceAt i32[sentences] · sentenceLength u32[sentences] · sentenceStart u32[sentences] ·
 *   sentenceEnd u32[sentences] · poolOffsets u32[strings + 1] · text · pool
 *
 * A sentence is a slice of its chunk's text (`at` ≥ 0, in UTF-16 units, as `String.slice` counts) or, when it is
 * not a verbatim part of it, pool string `-1 - at`.
 */
import type { Pause } from "../cooperative.ts";
import type { Chunk, ChunkKind, SentenceSpan } from "../types.ts";

/** The chunks of an index by position, without requiring every one of them to exist as an object. */
export interface ChunkList {
  readonly length: number;
  /** The chunk at `index` (made when asked for), or undefined outside 0 … length − 1. */
  at(index: number): Chunk | undefined;
  idAt(index: number): string;
  documentIdAt(index: number): string;
  /** Position of the chunk with this id, or -1. */
  indexOfId(id: string): number;
}

export const CHUNKS_FILE = "chunks.bin";
const MAGIC = 0x48435346; // "FSCH" read little-endian
const FORMAT = 1;
const HEADER_BYTES = 32;
const KINDS: readonly ChunkKind[] = ["prose", "table", "list"];

/** Chunks that exist as objects already (a fresh build). */
export class ArrayChunkList implements ChunkList {
  private ids: Map<string, number> | null = null;

  constructor(private readonly chunks: readonly Chunk[]) {}

  get length(): number {
    return this.chunks.length;
  }

  at(index: number): Chunk | undefined {
    return index >= 0 ? this.chunks[index] : undefined;
  }

  idAt(index: number): string {
    return (this.chunks[index] as Chunk).id;
  }

  documentIdAt(index: number): string {
    return (this.chunks[index] as Chunk).documentId;
  }

  indexOfId(id: string): number {
    this.ids ??= new Map(this.chunks.map((c, i) => [c.id, i]));
    return this.ids.get(id) ?? -1;
  }
}

export function chunkList(chunks: readonly Chunk[] | ChunkList): ChunkList {
  return isChunkList(chunks) ? chunks : new ArrayChunkList(chunks);
}

function isChunkList(chunks: readonly Chunk[] | ChunkList): chunks is ChunkList {
  return typeof (chunks as Partial<ChunkList>).indexOfId === "function";
}

/** Every chunk id in order (diff reports, summaries). */
export function chunkIdsOf(chunks: ChunkList): string[] {
  const ids = new Array<string>(chunks.length);
  for (let i = 0; i < chunks.length; i++) ids[i] = chunks.idAt(i);
  return ids;
}

/**
 * Writes the columnar file. Builds the string pool on the way (equal strings are stored once). Chunks read from
 * such a file are written as the bytes they were read from.
 */
export function encodeChunks(source: ChunkList): Buffer {
  if (source instanceof PackedChunkList) return source.bytes;
  const n = source.length;
  const pool = new Map<string, number>();
  const poolStrings: string[] = [];
  const intern = (value: string): number => {
    let at = pool.get(value);
    if (at === undefined) {
      at = poolStrings.length;
      pool.set(value, at);
      poolStrings.push(value);
    }
    return at;
  };
  const texts: Buffer[] = [];
  const textOffsets = new Uint32Array(n + 1);
  const spanStart = new Uint32Array(n);
  const spanEnd = new Uint32Array(n);
  const id = new Uint32Array(n);
  const document = new Uint32Array(n);
  const section = new Uint32Array(n);
  const kind = new Uint32Array(n);
  const sentenceOffsets = new Uint32Array(n + 1);
  const sentenceAt: number[] = [];
  const sentenceLength: number[] = [];
  const sentenceStart: number[] = [];
  const sentenceEnd: number[] = [];
  let textBytes = 0;
  for (let i = 0; i < n; i++) {
    const chunk = source.at(i) as Chunk;
    const text = Buffer.from(chunk.text, "utf8");
    texts.push(text);
    textBytes += text.byteLength;
    textOffsets[i + 1] = textBytes;
    spanStart[i] = checkedU32(chunk.start, "chunk start");
    spanEnd[i] = checkedU32(chunk.end, "chunk end");
    id[i] = intern(chunk.id);
    document[i] = intern(chunk.documentId);
    section[i] = intern(chunk.section);
    const k = KINDS.indexOf(chunk.kind);
    if (k < 0) throw new Error(`chunk ${chunk.id} has an unknown kind "${chunk.kind}"`);
    kind[i] = k;
    let from = 0;
    for (const sentence of chunk.sentences) {
      // The same search as before the columnar file: the next occurrence, else any occurrence.
      let at = chunk.text.indexOf(sentence.text, from);
      if (at < 0) at = chunk.text.indexOf(sentence.text);
      if (at >= 0) from = at + sentence.text.length;
      sentenceAt.push(at >= 0 ? at : -1 - intern(sentence.text));
      sentenceLength.push(sentence.text.length);
      sentenceStart.push(checkedU32(sentence.start, "sentence start"));
      sentenceEnd.push(checkedU32(sentence.end, "sentence end"));
    }
    sentenceOffsets[i + 1] = sentenceAt.length;
  }
  const poolBuffers = poolStrings.map((s) => Buffer.from(s, "utf8"));
  const poolOffsets = new Uint32Array(poolStrings.length + 1);
  let poolBytes = 0;
  poolBuffers.forEach((b, i) => {
    poolBytes += b.byteLength;
    poolOffsets[i + 1] = poolBytes;
  });
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(FORMAT, 4);
  header.writeUInt32LE(n, 8);
  header.writeUInt32LE(poolStrings.length, 12);
  header.writeUInt32LE(sentenceAt.length, 16);
  header.writeUInt32LE(textBytes, 20);
  header.writeUInt32LE(poolBytes, 24);
  const bytes = (a: Uint32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([
    header,
    ...[textOffsets, spanStart, spanEnd, id, document, section, kind, sentenceOffsets].map(bytes),
    bytes(Int32Array.from(sentenceAt)),
    ...[sentenceLength, sentenceStart, sentenceEnd].map((a) => bytes(Uint32Array.from(a))),
    bytes(poolOffsets),
    ...texts,
    ...poolBuffers,
  ]);
}

function checkedU32(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new Error(`${what} ${value} is not an offset`);
  }
  return value;
}

/**
 * Chunk objects kept once made. The answer path caches sentence analysis per sentence object (compose.ts), so
 * the chunks a question touches must stay the same objects across questions; a bound keeps the objects of a
 * large index from piling up (a question touches about ten).
 */
const KEPT_CHUNKS = 4096;

/** Chunks read from chunks.bin: views on the file's bytes, objects made on demand. */
export class PackedChunkList implements ChunkList {
  private ids: Map<string, number> | null = null;
  /** Recently used chunk objects, oldest first. */
  private readonly made = new Map<number, Chunk>();
  /** Pool strings decoded so far (document ids and sections repeat: each is decoded once). */
  private readonly decoded: Array<string | undefined>;

  private constructor(
    /** The file's bytes, as checked: views point into them. */
    readonly bytes: Buffer,
    readonly length: number,
    private readonly columns: Columns,
    private readonly textStart: number,
    private readonly poolStart: number,
  ) {
    this.decoded = new Array(columns.poolOffsets.length - 1);
  }

  /**
   * Reads what `encodeChunks` wrote. Throws a plain Error naming the problem when the file does not fit its
   * header or an offset points outside it (the checksum has passed by then: this catches bugs, not damage).
   */
  static async decode(content: Buffer, pause: Pause): Promise<PackedChunkList> {
    if (content.byteLength < HEADER_BYTES) throw new Error(`${CHUNKS_FILE} is shorter than its header`);
    if (content.readUInt32LE(0) !== MAGIC) throw new Error(`${CHUNKS_FILE} is not a chunk table`);
    const format = content.readUInt32LE(4);
    if (format !== FORMAT) throw new Error(`${CHUNKS_FILE} has format ${format}, expected ${FORMAT}`);
    const n = content.readUInt32LE(8);
    const strings = content.readUInt32LE(12);
    const sentences = content.readUInt32LE(16);
    const textBytes = content.readUInt32LE(20);
    const poolBytes = content.readUInt32LE(24);
    const words = 8 * n + 2 + 4 * sentences + strings + 1;
    const expected = HEADER_BYTES + 4 * words + textBytes + poolBytes;
    if (content.byteLength !== expected) {
      throw new Error(`${CHUNKS_FILE} has ${content.byteLength} bytes, its header describes ${expected}`);
    }
    const data = content.byteOffset % 4 === 0 ? content : Buffer.from(content);
    let at = data.byteOffset + HEADER_BYTES;
    const u32 = (length: number) => {
      const view = new Uint32Array(data.buffer, at, length);
      at += 4 * length;
      return view;
    };
    const i32 = (length: number) => {
      const view = new Int32Array(data.buffer, at, length);
      at += 4 * length;
      return view;
    };
    const columns: Columns = {
      textOffsets: u32(n + 1),
      spanStart: u32(n),
      spanEnd: u32(n),
      id: u32(n),
      document: u32(n),
      section: u32(n),
      kind: u32(n),
      sentenceOffsets: u32(n + 1),
      sentenceAt: i32(sentences),
      sentenceLength: u32(sentences),
      sentenceStart: u32(sentences),
      sentenceEnd: u32(sentences),
      poolOffsets: u32(strings + 1),
    };
    const textStart = at - data.byteOffset;
    await checkColumns(columns, { n, strings, sentences, textBytes, poolBytes }, pause);
    return new PackedChunkList(data, n, columns, textStart, textStart + textBytes);
  }

  at(index: number): Chunk | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    let chunk = this.made.get(index);
    if (chunk) {
      // Most recently used goes last: the oldest is the first to go.
      this.made.delete(index);
    } else {
      chunk = this.make(index);
      if (this.made.size >= KEPT_CHUNKS) this.made.delete(this.made.keys().next().value as number);
    }
    this.made.set(index, chunk);
    return chunk;
  }

  private make(index: number): Chunk {
    const c = this.columns;
    const text = this.bytes.toString(
      "utf8",
      this.textStart + (c.textOffsets[index] as number),
      this.textStart + (c.textOffsets[index + 1] as number),
    );
    const sentences: SentenceSpan[] = [];
    for (let s = c.sentenceOffsets[index] as number; s < (c.sentenceOffsets[index + 1] as number); s++) {
      const at = c.sentenceAt[s] as number;
      sentences.push({
        text: at >= 0 ? text.slice(at, at + (c.sentenceLength[s] as number)) : this.pooled(-1 - at),
        start: c.sentenceStart[s] as number,
        end: c.sentenceEnd[s] as number,
      });
    }
    return {
      id: this.idAt(index),
      documentId: this.documentIdAt(index),
      section: this.pooled(c.section[index] as number),
      kind: KINDS[c.kind[index] as number] as ChunkKind,
      text,
      start: c.spanStart[index] as number,
      end: c.spanEnd[index] as number,
      sentences,
    };
  }

  idAt(index: number): string {
    // Ids are unique: decoded without keeping them, so a pass over all ids leaves nothing behind.
    const ref = this.columns.id[index] as number;
    return this.decoded[ref] ?? this.poolText(ref);
  }

  documentIdAt(index: number): string {
    return this.pooled(this.columns.document[index] as number);
  }

  indexOfId(id: string): number {
    if (!this.ids) {
      const ids = new Map<string, number>();
      for (let i = 0; i < this.length; i++) ids.set(this.idAt(i), i);
      this.ids = ids;
    }
    return this.ids.get(id) ?? -1;
  }

  private pooled(ref: number): string {
    let value = this.decoded[ref];
    if (value === undefined) {
      value = this.poolText(ref);
      this.decoded[ref] = value;
    }
    return value;
  }

  private poolText(ref: number): string {
    const offsets = this.columns.poolOffsets;
    return this.bytes.toString(
      "utf8",
      this.poolStart + (offsets[ref] as number),
      this.poolStart + (offsets[ref + 1] as number),
    );
  }
}

interface Columns {
  textOffsets: Uint32Array;
  spanStart: Uint32Array;
  spanEnd: Uint32Array;
  id: Uint32Array;
  document: Uint32Array;
  section: Uint32Array;
  kind: Uint32Array;
  sentenceOffsets: Uint32Array;
  sentenceAt: Int32Array;
  sentenceLength: Uint32Array;
  sentenceStart: Uint32Array;
  sentenceEnd: Uint32Array;
  poolOffsets: Uint32Array;
}

/** Every offset inside its blob and in order, every reference inside the pool: then `at` cannot read garbage. */
async function checkColumns(
  c: Columns,
  size: { n: number; strings: number; sentences: number; textBytes: number; poolBytes: number },
  pause: Pause,
): Promise<void> {
  const fail = (what: string, i: number) => {
    throw new Error(`${CHUNKS_FILE} has ${what} out of range at ${i}`);
  };
  ascending(c.textOffsets, size.textBytes, "text offsets", fail);
  ascending(c.sentenceOffsets, size.sentences, "sentence offsets", fail);
  ascending(c.poolOffsets, size.poolBytes, "pool offsets", fail);
  await pause();
  for (let i = 0; i < size.n; i++) {
    if ((c.id[i] as number) >= size.strings) fail("an id", i);
    if ((c.document[i] as number) >= size.strings) fail("a document id", i);
    if ((c.section[i] as number) >= size.strings) fail("a section", i);
    if ((c.kind[i] as number) >= KINDS.length) fail("a kind", i);
    if ((i & 16383) === 16383) await pause();
  }
  for (let s = 0; s < size.sentences; s++) {
    const at = c.sentenceAt[s] as number;
    if (at < 0 && -1 - at >= size.strings) fail("a sentence", s);
    if ((s & 65535) === 65535) await pause();
  }
}

function ascending(
  offsets: Uint32Array,
  last: number,
  what: string,
  fail: (what: string, i: number) => void,
): void {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== last) fail(what, 0);
  for (let i = 1; i < offsets.length; i++) {
    if ((offsets[i] as number) < (offsets[i - 1] as number)) fail(what, i);
  }
}
