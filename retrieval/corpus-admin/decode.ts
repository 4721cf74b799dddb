/**
 * Bytes → text. The charset comes from the Content-Type header, a byte-order mark or an HTML `<meta charset>`,
 * else UTF-8. Declared legacy charsets (ISO-8859-1, windows-1252, …) are decoded; bytes that are not valid in
 * the charset are refused rather than turned into replacement characters in the corpus.
 */
import { CorpusChangeRefused } from "./errors.ts";

function sniffHtmlCharset(head: string): string | undefined {
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return meta?.[1];
}

function bomCharset(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

export function decodeText(bytes: Buffer, declared: string | undefined, isHtml: boolean): string {
  const charset =
    bomCharset(bytes) ??
    declared ??
    (isHtml ? sniffHtmlCharset(bytes.subarray(0, 2048).toString("latin1")) : undefined) ??
    "utf-8";
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new CorpusChangeRefused(
      "bad-encoding",
      `The document's character set "${charset}" is not supported.`,
    );
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new CorpusChangeRefused(
      "bad-encoding",
      `The document is not valid ${decoder.encoding} text (declare its character set, or save it as UTF-8).`,
    );
  }
  if (text.includes("\u0000")) throw new CorpusChangeRefused("bad-encoding", "The document looks binary.");
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}
