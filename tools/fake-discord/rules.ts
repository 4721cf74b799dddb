/**
 * Discord's documented limits for a message body, as the API enforces them (400 with code 50035 "Invalid Form
 * Body"). The fake Discord answers like Discord does; tests also call `messageProblems` on every recorded body.
 */

// biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON.
type Json = any;

const URL_FIELDS: Array<[string, (embed: Json) => unknown, { image?: boolean }]> = [
  ["url", (e) => e.url, {}],
  ["author.url", (e) => e.author?.url, {}],
  ["author.icon_url", (e) => e.author?.icon_url, { image: true }],
  ["footer.icon_url", (e) => e.footer?.icon_url, { image: true }],
  ["image.url", (e) => e.image?.url, { image: true }],
  ["thumbnail.url", (e) => e.thumbnail?.url, { image: true }],
];

function urlProblem(value: unknown, image: boolean): string | null {
  if (typeof value !== "string") return "not a string";
  if (value.length > 2048) return "longer than 2048";
  if (image && value.startsWith("attachment://")) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return "Not a well formed URL (scheme)";
    if (/\s/.test(value)) return "Not a well formed URL (whitespace)";
  } catch {
    return "Not a well formed URL";
  }
  return null;
}

function len(v: unknown): number {
  return typeof v === "string" ? v.length : 0;
}

/** Every way `body` breaks Discord's rules for a message; empty when Discord would accept it. */
export function messageProblems(body: Json, options: { create?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (!body || typeof body !== "object") return problems;
  if (len(body.content) > 2000) problems.push(`content: ${len(body.content)} > 2000 characters`);
  const embeds: Json[] = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `embeds[${i}]`;
    const fields: Json[] = Array.isArray(e.fields) ? e.fields : [];
    if (len(e.title) > 256) problems.push(`${at}.title > 256`);
    if (len(e.description) > 4096) problems.push(`${at}.description > 4096`);
    if (fields.length > 25) problems.push(`${at}.fields > 25`);
    if (len(e.footer?.text) > 2048) problems.push(`${at}.footer.text > 2048`);
    if (e.author && (len(e.author.name) < 1 || len(e.author.name) > 256))
      problems.push(`${at}.author.name must be 1–256 characters`);
    fields.forEach((f, j) => {
      if (len(f.name) < 1 || len(f.name) > 256) problems.push(`${at}.fields[${j}].name must be 1–256`);
      if (len(f.value) < 1 || len(f.value) > 1024) problems.push(`${at}.fields[${j}].value must be 1–1024`);
      total += len(f.name) + len(f.value);
    });
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
    for (const [name, get, opts] of URL_FIELDS) {
      const value = get(e);
      if (value === undefined || value === null) continue;
      const problem = urlProblem(value, opts.image ?? false);
      if (problem) problems.push(`${at}.${name}: ${problem}`);
    }
  });
  if (total > 6000) problems.push(`embeds: ${total} > 6000 characters in total`);
  const rows: Json[] = Array.isArray(body.components) ? body.components : [];
  if (rows.length > 5) problems.push(`components: ${rows.length} > 5 rows`);
  rows.forEach((row, i) => {
    const items: Json[] = Array.isArray(row?.components) ? row.components : [];
    items.forEach((c, j) => {
      if (len(c.custom_id) > 100) problems.push(`components[${i}][${j}].custom_id > 100`);
      if (len(c.label) > 80) problems.push(`components[${i}][${j}].label > 80`);
      if (c.url !== undefined && urlProblem(c.url, false))
        problems.push(`components[${i}][${j}].url: ${urlProblem(c.url, false)}`);
      if (len(c.placeholder) > 150) problems.push(`components[${i}][${j}].placeholder > 150`);
      const options: Json[] = Array.isArray(c.options) ? c.options : [];
      if (options.length > 25) problems.push(`components[${i}][${j}].options > 25`);
      options.forEach((o, k) => {
        const at = `components[${i}][${j}].options[${k}]`;
        if (len(o.label) < 1 || len(o.label) > 100) problems.push(`${at}.label must be 1–100`);
        if (len(o.value) < 1 || len(o.value) > 100) problems.push(`${at}.value must be 1–100`);
        if (len(o.description) > 100) problems.push(`${at}.description > 100`);
      });
    });
  });
  if (options.create) {
    const empty =
      len(body.content) === 0 &&
      embeds.length === 0 &&
      rows.length === 0 &&
      !(Array.isArray(body.attachments) && body.attachments.length > 0) &&
      !body.sticker_ids?.length;
    if (empty) problems.push("Cannot send an empty message");
  }
  return problems;
}
