/**
 * The console chat `npm start` runs when no DISCORD_TOKEN is set: the same engine, in a terminal. One
 * language per session: the article's until the first question, then the first question's. Lines starting
 * with "/" are commands (/help, /figures, /sources, /quit), never questions.
 */
import { createInterface } from "node:readline/promises";
import { groupFigures } from "../bot/figures/group.ts";
import { normalizedValue } from "../bot/figures/view.ts";
import { formatShortTimestamp } from "../bot/i18n.ts";
import { type Engine, formatArticleDate, type Lang, terminalSafe } from "../retrieval/index.ts";
import { consoleStrings } from "./console-strings.ts";
import { formatAnswer } from "./format.ts";

const line = (text: string) => terminalSafe(text, { multiline: false });

/** /figures: one line per fact (label — as written · short value), grouped by document and section. */
export function figuresText(engine: Engine, topic: string | undefined, lang: Lang): string {
  const s = consoleStrings(lang);
  const figures = engine.figures(topic ? { topic } : undefined);
  const groups = groupFigures(figures, engine.documents());
  const rows = groups.flatMap((g) => g.rows);
  if (rows.length === 0) return s.noFigures(topic ?? "");
  const several = new Set(rows.map((r) => r.documentId)).size > 1;
  const out: string[] = [];
  let doc = "";
  let n = 0;
  for (const g of groups) {
    if (several && g.documentId !== doc) out.push(`# ${line(g.documentTitle)}`);
    doc = g.documentId;
    out.push(`  ${line(g.topic)}`);
    for (const r of g.rows) {
      n += 1;
      const normalized = normalizedValue(r, lang);
      const value = `${r.texts.join(" / ")}${normalized ? ` · ${normalized}` : ""}`;
      out.push(`   ${String(n).padStart(2)}. ${line(`${r.label} — ${value}`)}`);
    }
  }
  out.push(s.figuresCount(rows.length));
  return out.join("\n");
}

/** /sources: each document's title, date, own address and references; the index in plain words. */
export function sourcesText(engine: Engine, lang: Lang): string {
  const s = consoleStrings(lang);
  const status = engine.status();
  const out: string[] = [];
  for (const d of engine.documents()) {
    out.push(line(d.title));
    if (d.date) out.push(`  ${s.date}: ${formatArticleDate(d.date, lang)}`);
    if (d.url) out.push(`  ${s.address}: ${line(d.url)}`);
    if (d.sources.length) {
      out.push(`  ${s.references}:`);
      for (const src of d.sources) out.push(`    • ${line(src.url)}`);
    }
  }
  out.push(`${s.index(formatShortTimestamp(status.builtAt, lang))} · ${s.mode[status.mode]}`);
  return out.join("\n");
}

export async function runConsoleChat(
  engine: Engine,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = {
    input: process.stdin,
    output: process.stdout,
  },
): Promise<void> {
  const status = engine.status();
  const doc = engine.documents()[0];
  // Until the first question the article's language; from then on the first question's.
  let lang: Lang = doc?.language ?? "de";
  let languageChosen = false;
  const say = (text: string) => io.output.write(`${text}\n`);
  say(
    consoleStrings(lang).banner(
      line(doc?.title ?? "corpus"),
      status.chunks,
      consoleStrings(lang).mode[status.mode],
    ),
  );

  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  const history: string[] = [];
  io.output.write("> ");
  for await (const raw of rl) {
    const text = raw.trim();
    const s = consoleStrings(lang);
    if (text.startsWith("/")) {
      const [name = "", ...rest] = text.split(/\s+/);
      const arg = rest.join(" ").trim() || undefined;
      if (name === "/quit" || name === "/exit") break;
      if (name === "/help") say(s.help);
      else if (name === "/figures") say(figuresText(engine, arg, lang));
      else if (name === "/sources") say(sourcesText(engine, lang));
      else say(s.unknownCommand(line(name)));
    } else if (text !== "") {
      const answer = await engine.ask(text, { context: history.slice(-2) });
      if (!languageChosen) {
        lang = answer.lang;
        languageChosen = true;
      }
      say(formatAnswer(answer, { sources: false }));
      if (!answer.abstained) history.push(text);
    }
    io.output.write("> ");
  }
  say(consoleStrings(lang).bye);
  rl.close();
}
