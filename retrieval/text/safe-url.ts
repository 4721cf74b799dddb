/**
 * URLs from documents (front matter `sources`/`url`, a `Quellen` list) are untrusted. Only plain web links
 * survive: http(s), no credentials, a host, within Discord's 2048-character limit for embed URLs, and in a
 * form that cannot break out of a markdown link `[title](url)`.
 */

/** Discord rejects embed URLs (`url`, `author.url`) longer than this. */
export const MAX_URL_LENGTH = 2048;

/** Characters that end or nest a markdown link target; percent-encoded so the URL stays one link. */
const MARKDOWN_BREAKERS: Record<string, string> = { "(": "%28", ")": "%29", "[": "%5B", "]": "%5D" };

/**
 * The normalized URL, or null when `raw` is not a safe web link. Whitespace or controls inside the text are
 * a refusal (`https://ok.example/a) [Login](https://phish.example` is two links in disguise, not one URL).
 */
export function safeWebUrl(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const text = raw.trim();
  if (text === "" || text.length > MAX_URL_LENGTH) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\s\u0000-\u001f\u007f-\u009f<>"`\\{}|^]/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || !url.hostname) return null;
  const href = url.href.replace(/[()[\]]/g, (c) => MARKDOWN_BREAKERS[c] ?? c);
  return href.length <= MAX_URL_LENGTH ? href : null;
}
