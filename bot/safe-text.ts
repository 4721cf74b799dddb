/**
 * The one boundary between document text and Discord. Article text, front matter and fetched pages are
 * untrusted: everything from a document that goes into a message passes `discordText` (rendered markdown)
 * or `plainText` (fields Discord shows verbatim), and every link passes `discordLink`/`discordUrl`.
 *
 * - masked links `[https://bank.example](https://phish.example)` lose their meaning (`](` is split);
 * - markdown (bold, code, spoilers, headings, lists, quotes) is escaped, so a quote looks like what it says;
 * - mentions and Discord tags (`<@id>`, `<#id>`, `<t:…>`, `</cmd:id>`, `@everyone`) are broken with a
 *   zero-width space (pings are off anyway: respond.ts sends `allowed_mentions.parse: []`);
 * - escape sequences and control characters are removed.
 */
import { escapeMarkdown } from "discord.js";
import { safeWebUrl, stripControlSequences } from "../retrieval/index.ts";

const ZWSP = "\u200b";

/** Text for fields Discord renders as markdown (descriptions, field values and names, titles, content). */
export function discordText(text: string): string {
  const clean = stripControlSequences(String(text ?? ""));
  return neutralizeMentions(
    escapeMarkdown(clean, { heading: true, bulletedList: true, numberedList: true })
      // `](` is what makes `[label](url)` a masked link (backslash escapes do not stop Discord's parser from
      // closing a label at `\]`): split by a zero-width space, both URLs stay visible, neither hides the other.
      .replace(/\](?=\()/g, `]${ZWSP}`)
      // `-# small text` and `> quote` at a line start are markdown too.
      .replace(/^(\s*)(-#|>)/gm, "$1\\$2"),
  );
}

/** Text for fields Discord shows verbatim (author name, footer, button labels, thread names). */
export function plainText(text: string): string {
  return stripControlSequences(String(text ?? ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** `<@id>`, `<@&id>`, `<#id>`, `</cmd:id>`, `<t:…>`, `<:emoji:id>` and `@everyone`/`@here` shown inert. */
export function neutralizeMentions(text: string): string {
  return text.replace(/<(?=[@#/:&!ta])/g, `<${ZWSP}`).replace(/@(?=everyone|here)/gi, `@${ZWSP}`);
}

/** A document URL fit for `embed.url` / `author.url`, or undefined (Discord answers 400 to anything else). */
export function discordUrl(url: string | undefined): string | undefined {
  return url === undefined ? undefined : (safeWebUrl(url) ?? undefined);
}

/** `[label](url)` with an escaped label and a checked URL; just the label when the URL is not a safe link. */
export function discordLink(label: string, url: string): string {
  // Brackets in the label could end the link early: they are simply dropped.
  const safeLabel = discordText(plainText(label).replace(/[[\]]/g, "")) || "Link";
  const safe = safeWebUrl(url);
  return safe ? `[${safeLabel}](${safe})` : safeLabel;
}
