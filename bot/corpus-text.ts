/** Interface text of /corpus and the corpus policy, in German and English. */
import type { Lang } from "./i18n.ts";

const de = {
  notEditor: (editors: "operators" | "server-admins"): string =>
    editors === "operators"
      ? "Den gemeinsamen Korpus und den Index dürfen nur die Betreiber des Bots ändern."
      : "Den Korpus und den Index dürfen nur Server-Admins (Server verwalten) und die Betreiber des Bots ändern.",
  rateLimited: (seconds: number): string =>
    `Auf diesem Server wurde in letzter Zeit oft neu indiziert – bitte warte noch ${seconds} s.`,
  unavailable: "Korpus-Änderungen sind in dieser Instanz nicht eingerichtet.",
  busy: "Gerade läuft schon eine Korpus-Änderung oder Neuindizierung – bitte warte, bis sie fertig ist.",
  addNeedsOne: "Gib genau eins an: `url` (ein Link) oder `file` (eine .txt-, .md- oder .html-Datei).",
  fileTooLarge: (size: number, max: number) =>
    `Die Datei hat ${size} Bytes; erlaubt sind höchstens ${max} Bytes.`,
  fetching: "Dokument wird geladen und geprüft …",
  removing: "Dokument wird entfernt …",
  refreshing: "Dokumente werden neu geladen …",
  refused: (reason: string) => `Nicht übernommen: ${reason}\nKorpus und Index bleiben unverändert.`,
  added: "Dokument hinzugefügt",
  removed: "Dokument entfernt",
  refreshed: "Korpus aktualisiert",
  nothingChanged: "Keine Änderungen – der Index bleibt, wie er ist.",
  listTitle: (n: number) => `Korpus: ${n} Dokument${n === 1 ? "" : "e"}`,
  empty: "Der Korpus ist leer.",
  firstSentence: "Erster Satz",
  chunks: "Abschnitte",
  figures: "Kennzahlen",
  documents: "Dokumente",
  index: "Index",
  duration: "Dauer",
  figuresAdded: "Neue Kennzahlen",
  figuresRemoved: "Entfernte Kennzahlen",
  figuresChanged: "Geänderte Kennzahlen",
  outcome: {
    added: "neu",
    removed: "entfernt",
    updated: "aktualisiert",
    unchanged: "unverändert",
    failed: "fehlgeschlagen",
  },
};

const en: typeof de = {
  notEditor: (editors) =>
    editors === "operators"
      ? "Only the bot's operators can change the shared corpus and the index."
      : "Only server admins (Manage Server) and the bot's operators can change the corpus and the index.",
  rateLimited: (seconds) => `This server has re-indexed often lately — please wait ${seconds} s.`,
  unavailable: "Corpus changes are not set up for this instance.",
  busy: "A corpus change or re-index is already running — please wait until it has finished.",
  addNeedsOne: "Give exactly one: `url` (a link) or `file` (a .txt, .md or .html file).",
  fileTooLarge: (size, max) => `The file is ${size} bytes; at most ${max} bytes are allowed.`,
  fetching: "Fetching and checking the document…",
  removing: "Removing the document…",
  refreshing: "Fetching the documents again…",
  refused: (reason) => `Not added: ${reason}\nThe corpus and the index are unchanged.`,
  added: "Document added",
  removed: "Document removed",
  refreshed: "Corpus refreshed",
  nothingChanged: "Nothing changed — the index stays as it is.",
  listTitle: (n) => `Corpus: ${n} document${n === 1 ? "" : "s"}`,
  empty: "The corpus is empty.",
  firstSentence: "First sentence",
  chunks: "Chunks",
  figures: "Figures",
  documents: "Documents",
  index: "Index",
  duration: "Duration",
  figuresAdded: "New figures",
  figuresRemoved: "Removed figures",
  figuresChanged: "Changed figures",
  outcome: {
    added: "added",
    removed: "removed",
    updated: "updated",
    unchanged: "unchanged",
    failed: "failed",
  },
};

export function corpusText(lang: Lang): typeof de {
  return lang === "de" ? de : en;
}
