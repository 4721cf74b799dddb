/** The console chat's own words, one language per session (German or English). */
import type { Lang, RetrievalMode } from "../retrieval/index.ts";

const de = {
  banner: (title: string, chunks: number, mode: string) =>
    `Fundstelle — ${title}\n${chunks} Abschnitte · ${mode}\nStell eine Frage zum Artikel. /help zeigt die Befehle, /quit beendet.`,
  mode: {
    hybrid: "Suchmodus: Stichwörter + Bedeutung",
    lexical: "Suchmodus: nur Stichwörter (kein Embedding-Modell geladen)",
  } satisfies Record<RetrievalMode, string>,
  help: [
    "Befehle:",
    "  /figures [Thema]  die Zahlen des Artikels, eine Zeile je Zahl (optional nach Thema gefiltert)",
    "  /sources          Titel, Datum, Adresse und Referenzen des Artikels, Zustand des Index",
    "  /help             diese Hilfe",
    "  /quit             beenden (auch /exit oder Strg-D)",
    "Alles andere ist eine Frage. Folgefragen beziehen sich auf die vorige Frage.",
  ].join("\n"),
  unknownCommand: (name: string) => `Unbekannter Befehl ${name}. /help zeigt die Befehle.`,
  noFigures: (topic: string) =>
    topic ? `Keine Kennzahlen zu „${topic}“.` : "Der Korpus enthält keine Kennzahlen.",
  figuresCount: (n: number) => `${n} Kennzahlen`,
  date: "Datum",
  address: "Adresse",
  references: "Referenzen des Artikels",
  index: (when: string) => `Index vom ${when}`,
  bye: "Tschüss!",
};

type ConsoleStrings = typeof de;

const en: ConsoleStrings = {
  banner: (title, chunks, mode) =>
    `Fundstelle — ${title}\n${chunks} passages · ${mode}\nAsk a question about the article. /help lists the commands, /quit ends.`,
  mode: {
    hybrid: "search: keywords + meaning",
    lexical: "search: keywords only (no embedding model loaded)",
  },
  help: [
    "Commands:",
    "  /figures [topic]  the article's figures, one line each (optionally filtered by topic)",
    "  /sources          the article's title, date, address and references, and the index status",
    "  /help             this help",
    "  /quit             quit (also /exit or Ctrl-D)",
    "Anything else is a question. Follow-ups refer to the previous question.",
  ].join("\n"),
  unknownCommand: (name) => `Unknown command ${name}. /help lists the commands.`,
  noFigures: (topic) => (topic ? `No key figures for “${topic}”.` : "The corpus holds no key figures."),
  figuresCount: (n) => `${n} key figures`,
  date: "Date",
  address: "Address",
  references: "The article's references",
  index: (when) => `index of ${when}`,
  bye: "Bye!",
};

export function consoleStrings(lang: Lang): ConsoleStrings {
  return lang === "de" ? de : en;
}
