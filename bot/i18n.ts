/** Interface text in German and English. Answers follow `answer.lang`; other replies follow the user's locale. */
import type { IndexWriteReason, Lang, ProgressPhase, RetrievalMode } from "../retrieval/index.ts";

export type { Lang };

/** Discord locales are like "de", "en-US", "en-GB": German for German, English for everything else. */
export function langOfLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith("de") ? "de" : "en";
}

const de = {
  closestPassage: "Nächstliegende Stelle",
  passageButton: (n: number) => `Passage ${n}`,
  articleOf: (date: string) => `Artikel vom ${date}`,
  index: (version: string) => `Index ${version}`,
  mode: (mode: string) => `Suche: ${mode}`,
  sources: "Quellen",
  cooldown: (seconds: number) => `Bitte warte noch ${seconds} s bis zur nächsten Frage.`,
  queued: (seconds: number) => `⏳ Deine Frage ist notiert – die Antwort kommt in etwa ${seconds} s.`,
  busy: "Gerade sind zu viele Fragen offen – bitte versuch es gleich noch einmal.",
  apology: (id: string) =>
    `Entschuldigung, da ist etwas schiefgegangen (Fehler-ID \`${id}\`). Bitte versuch es noch einmal.`,
  shuttingDown: "Der Bot startet gerade neu – bitte versuch es gleich noch einmal.",
  reindexRunning: "Es läuft bereits eine Neuindizierung – bitte warte, bis sie fertig ist.",
  reindexStarted: "Neuindizierung gestartet …",
  reindexProgress: (phase: string, done: number, total: number) =>
    `Neuindizierung läuft: ${phase}${total > 0 ? ` (${done}/${total})` : ""} …`,
  phase: {
    read: "Korpus lesen",
    chunk: "Abschnitte bilden",
    embed: "Einbettungen berechnen",
    index: "Index aufbauen",
    write: "Index speichern",
    swap: "Index umschalten",
  } satisfies Record<ProgressPhase, string>,
  corpusError: (reason: string) =>
    `Der Korpus konnte nicht verarbeitet werden: ${reason}\nDer bisherige Index bleibt aktiv.`,
  indexNotSaved: (reason: IndexWriteReason) =>
    `Der neue Index konnte nicht gespeichert werden: ${
      {
        "disk-full": "Der Speicherplatz ist voll",
        "read-only": "Das Index-Verzeichnis ist schreibgeschützt (read-only)",
        permission: "Keine Schreibrechte im Index-Verzeichnis",
        path: "Der Pfad des Index-Verzeichnisses stimmt nicht",
        io: "Der Datenträger meldet einen Ein-/Ausgabefehler",
      }[reason]
    }.\nDer bisherige Index bleibt aktiv; Details stehen im Log.`,
  reindexDone: "Neuindizierung abgeschlossen",
  documents: "Dokumente",
  chunks: "Abschnitte",
  figures: "Kennzahlen",
  duration: "Dauer",
  figuresAdded: "Neue Kennzahlen",
  figuresRemoved: "Entfernte Kennzahlen",
  figuresChanged: "Geänderte Kennzahlen",
  none: "keine",
  componentUnknown: "Dieser Knopf gehört zu einer älteren Version des Bots – bitte ruf den Befehl neu auf.",
  passageGone:
    "Diese Stelle gibt es im aktuellen Index nicht mehr (der Artikel wurde geändert) – bitte stell die Frage noch einmal.",
  indexOf: (date: string) => `Index vom ${date}`,
  modeWords: {
    hybrid: "Suchmodus: Stichwörter + Bedeutung",
    lexical: "Suchmodus: nur Stichwörter",
  } satisfies Record<RetrievalMode, string>,
  searchMode: "Suchmodus",
  modeDetail: {
    hybrid: "Stichwörter + Bedeutung (Embedding-Modell geladen)",
    lexical: "nur Stichwörter (kein Embedding-Modell geladen)",
  } satisfies Record<RetrievalMode, string>,
  noModel: "kein Embedding-Modell geladen",
  references: "Referenzen des Artikels",
  referencesNote: "Quellen, die der Artikel selbst angibt",
  inDocument: (title: string) => `in „${title}“`,
  feedbackUp: "Hilfreich",
  feedbackDown: "Nicht hilfreich",
  feedbackThanks: (up: boolean): string =>
    up ? "Danke! Gut zu wissen, dass die Antwort geholfen hat." : "Danke! Wir schauen uns diese Antwort an.",
  guildOnly: "Das geht nur in einem Server, nicht in Direktnachrichten.",
  unknownCommand: "Diesen Befehl kenne ich nicht (mehr). Eine Übersicht gibt /help.",
  notAdminStats: "Nur Server-Admins (Server verwalten) sehen die Nutzungsstatistik.",
  statsTitle: "Nutzung von Fundstelle",
  statsWindow: { day: "Letzte 24 Stunden", week: "Letzte 7 Tage" },
  statsQuestions: "Fragen",
  statsAnswered: "beantwortet",
  statsAbstained: "nicht beantwortet",
  statsFeedback: "Feedback",
  statsTime: "Antwortzeit",
  statsUnanswered: "Häufigste unbeantwortete Fragen (7 Tage)",
  statsNone: "–",
  emptyQuestion: "Stell mir eine Frage zum Artikel, z. B. „Wie viel hat OpenAI für Azure-Services zugesagt?“",
  tooLong: (max: number) => `Die Frage ist zu lang (höchstens ${max} Zeichen).`,
  figuresTitle: "Kennzahlen des Artikels",
  topic: (t: string) => `Thema: ${t}`,
  noFigures: (t: string) => `Keine Kennzahlen zu „${t}“ gefunden.`,
  noFiguresAtAll: "Der Korpus enthält keine Kennzahlen.",
  figuresCount: (n: number) => `${n} Kennzahlen`,
  pageOf: (page: number, pages: number) => `Seite ${page}/${pages}`,
  figuresQuoteHint: "Belegstelle: Menü unten",
  figuresTopicHint: (option: string) => `eingrenzen mit der Option „${option}“`,
  figuresSelectPlaceholder: "Belegstelle zu einer Zahl zeigen …",
  previousPage: "◀ Zurück",
  nextPage: "Weiter ▶",
  statedTimes: (n: number) => `${n}-mal im Text genannt`,
  figureGone: "Diese Kennzahl gibt es im aktuellen Index nicht mehr – ruf /figures bitte neu auf.",
  chartAlt: "Diagramm der Kennzahlen: Geldbeträge und Leistung, logarithmische Skala",
  sourcesTitle: "Quellen und Index",
  language: "Sprache",
  date: "Datum",
  indexStatus: "Index",
  built: "Erstellt",
  model: "Modell",
  reindexing: "Neuindizierung läuft",
  yes: "ja",
  no: "nein",
  helpTitle: "Fundstelle – Hilfe",
  help: (mentions: boolean, threads: boolean) =>
    [
      "Ich beantworte Fragen zum Artikel mit kurzen Antworten und nummerierten Belegen [n], die den Satz wörtlich zitieren.",
      "",
      "**/ask** `frage` – eine Frage stellen (`privat: true` = nur für dich sichtbar). „Passage n“ zeigt die ganze Stelle, 👍/👎 sagt uns, ob die Antwort geholfen hat.",
      "**/figures** `[thema]` – die Zahlen des Artikels auf einen Blick, mit Diagramm; das Menü zeigt den Beleg zu jeder Zahl.",
      "**/sources** – Titel, Datum und Referenzen des Artikels, Zustand des Index.",
      "**/reindex** – nur für Admins: den Korpus neu einlesen, ohne den Bot anzuhalten.",
      "**/stats** – nur für Admins: Fragen, Antwortquote, Feedback und offene Fragen.",
      ...(mentions
        ? [
            `**@Fundstelle** \`Frage\` – in einem Kanal fragen.${threads ? " Ich antworte in einem Thread; Folgefragen dort brauchen keine Erwähnung." : ""}`,
          ]
        : []),
      "",
      "Steht etwas nicht im Artikel, sage ich das, statt zu raten.",
    ].join("\n"),
};

type Strings = typeof de;

const en: Strings = {
  closestPassage: "Closest passage",
  passageButton: (n) => `Passage ${n}`,
  articleOf: (date) => `Article of ${date}`,
  index: (version) => `index ${version}`,
  mode: (mode) => `search: ${mode}`,
  sources: "Sources",
  cooldown: (seconds) => `Please wait ${seconds} s before your next question.`,
  queued: (seconds) => `⏳ Got your question — the answer follows in about ${seconds} s.`,
  busy: "Too many questions are open right now — please try again in a moment.",
  apology: (id) => `Sorry, something went wrong (error id \`${id}\`). Please try again.`,
  shuttingDown: "The bot is restarting — please try again in a moment.",
  reindexRunning: "A re-index is already running — please wait until it has finished.",
  reindexStarted: "Re-index started…",
  reindexProgress: (phase, done, total) => `Re-indexing: ${phase}${total > 0 ? ` (${done}/${total})` : ""}…`,
  phase: {
    read: "reading the corpus",
    chunk: "chunking",
    embed: "computing embeddings",
    index: "building the index",
    write: "saving the index",
    swap: "switching the index",
  },
  corpusError: (reason) => `The corpus could not be processed: ${reason}\nThe previous index keeps serving.`,
  indexNotSaved: (reason) =>
    `The new index could not be saved: ${
      {
        "disk-full": "the disk is full",
        "read-only": "the index folder is read-only",
        permission: "no permission to write the index folder",
        path: "the index folder's path is wrong",
        io: "the disk reports an input/output error",
      }[reason]
    }.\nThe previous index keeps serving; details are in the log.`,
  reindexDone: "Re-index finished",
  documents: "Documents",
  chunks: "Chunks",
  figures: "Key figures",
  duration: "Duration",
  figuresAdded: "New figures",
  figuresRemoved: "Removed figures",
  figuresChanged: "Changed figures",
  none: "none",
  componentUnknown: "This button belongs to an older version of the bot — please run the command again.",
  passageGone: "This passage is not in the current index any more (the article changed) — please ask again.",
  indexOf: (date) => `index of ${date}`,
  modeWords: { hybrid: "search: keywords + meaning", lexical: "search: keywords only" },
  searchMode: "Search mode",
  modeDetail: {
    hybrid: "keywords + meaning (embedding model loaded)",
    lexical: "keywords only (no embedding model loaded)",
  },
  noModel: "no embedding model loaded",
  references: "The article's references",
  referencesNote: "sources the article itself names",
  inDocument: (title) => `in “${title}”`,
  feedbackUp: "Helpful",
  feedbackDown: "Not helpful",
  feedbackThanks: (up) =>
    up ? "Thanks! Good to know the answer helped." : "Thanks! We'll take a look at this answer.",
  guildOnly: "This only works in a server, not in direct messages.",
  unknownCommand: "I don't know this command (any more). /help lists what I can do.",
  notAdminStats: "Only server admins (Manage Server) can see the usage statistics.",
  statsTitle: "Fundstelle usage",
  statsWindow: { day: "Last 24 hours", week: "Last 7 days" },
  statsQuestions: "questions",
  statsAnswered: "answered",
  statsAbstained: "not answered",
  statsFeedback: "Feedback",
  statsTime: "Answer time",
  statsUnanswered: "Most frequent unanswered questions (7 days)",
  statsNone: "–",
  emptyQuestion: "Ask me a question about the article, e.g. “How much did OpenAI commit to Azure services?”",
  tooLong: (max) => `The question is too long (at most ${max} characters).`,
  figuresTitle: "Key figures of the article",
  topic: (t) => `Topic: ${t}`,
  noFigures: (t) => `No key figures found for “${t}”.`,
  noFiguresAtAll: "The corpus holds no key figures.",
  figuresCount: (n) => `${n} key figures`,
  pageOf: (page, pages) => `page ${page}/${pages}`,
  figuresQuoteHint: "evidence: menu below",
  figuresTopicHint: (option) => `narrow down with the “${option}” option`,
  figuresSelectPlaceholder: "Show the sentence behind a figure…",
  previousPage: "◀ Back",
  nextPage: "Next ▶",
  statedTimes: (n) => `stated ${n} times in the text`,
  figureGone: "This figure is not in the current index any more — please run /figures again.",
  chartAlt: "Chart of the key figures: amounts of money and power, log scale",
  sourcesTitle: "Sources and index",
  language: "Language",
  date: "Date",
  indexStatus: "Index",
  built: "Built",
  model: "Model",
  reindexing: "Re-index running",
  yes: "yes",
  no: "no",
  helpTitle: "Fundstelle — help",
  help: (mentions, threads) =>
    [
      "I answer questions about the article with short answers and numbered citations [n] that quote the sentence verbatim.",
      "",
      "**/ask** `question` — ask a question (`private: true` = only you see it). “Passage n” shows the whole passage, 👍/👎 tells us whether the answer helped.",
      "**/figures** `[topic]` — the article's figures at a glance, with a chart; the menu shows the sentence behind each figure.",
      "**/sources** — the article's title, date and references, and the index status.",
      "**/reindex** — admins only: re-read the corpus without stopping the bot.",
      "**/stats** — admins only: questions, answer rate, feedback and unanswered questions.",
      ...(mentions
        ? [
            `**@Fundstelle** \`question\` — ask in a channel.${threads ? " I answer in a thread; follow-ups there need no mention." : ""}`,
          ]
        : []),
      "",
      "When the article does not cover something, I say so instead of guessing.",
    ].join("\n"),
};

export function t(lang: Lang): Strings {
  return lang === "de" ? de : en;
}

export function formatDuration(ms: number, lang: Lang): string {
  const locale = lang === "de" ? "de-DE" : "en-GB";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
}

/** An ISO timestamp as "29.11.2026 14:21 UTC" / "29 Nov 2026 14:21 UTC", for footers. */
export function formatShortTimestamp(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return iso || "–";
  const parts = new Intl.DateTimeFormat(lang === "de" ? "de-DE" : "en-GB", {
    day: "2-digit",
    month: lang === "de" ? "2-digit" : "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "UTC",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day =
    lang === "de"
      ? `${get("day")}.${get("month")}.${get("year")}`
      : `${get("day")} ${get("month")} ${get("year")}`;
  return `${day} ${get("hour")}:${get("minute")} UTC`;
}
