/** Plain-text rendering of answers for the terminal (CLI and console chat). */
import { type Answer, type Citation, type Lang, terminalSafe } from "../retrieval/index.ts";

/** The JSON shape of `npm run ask -- --json` and `--batch`. */
export function answerJson(answer: Answer) {
  return {
    question: answer.question,
    abstained: answer.abstained,
    answer: answer.answer,
    mode: answer.mode,
    citations: answer.citations.map((c) => ({
      n: c.n,
      chunkId: c.chunkId,
      documentId: c.documentId,
      section: c.section,
      quote: c.quote,
      passage: c.passage,
      score: c.score,
      sources: c.sources,
      ...(c.weak ? { weak: true } : {}),
    })),
  };
}

function formatCitation(c: Citation, lang: Lang): string {
  const label =
    lang === "de" ? { sources: "Quellen", weak: "schwach" } : { sources: "Sources", weak: "weak" };
  const sources =
    c.sources.length > 0 ? `\n      ${label.sources}: ${c.sources.map((s) => s.url).join(", ")}` : "";
  return `  [${c.n}]${c.weak ? ` (${label.weak})` : ""} „${c.quote}“\n      — ${c.section} (${c.documentId})${sources}`;
}

export function formatAnswer(answer: Answer, options: { sources?: boolean } = {}): string {
  const citations = answer.citations.map((c) =>
    formatCitation(options.sources === false ? { ...c, sources: [] } : c, answer.lang),
  );
  // Article text is untrusted: no escape sequence from it may reach the terminal.
  return terminalSafe(
    [
      answer.answer,
      ...(citations.length ? ["", ...citations] : []),
      "",
      `(${answer.mode}, ${answer.timings.totalMs.toFixed(1)} ms)`,
    ].join("\n"),
  );
}
