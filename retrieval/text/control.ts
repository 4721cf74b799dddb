/**
 * Control characters and terminal escape sequences in untrusted text. Article files may carry ANSI/OSC
 * sequences (colours, OSC 8 hyperlinks, window titles, "clear screen"): they must never reach a terminal,
 * and their printable remainders (`[0m`) must never be read as text — "0 Meter" in a figure list.
 * Ingestion removes them once (see corpus/ingest.ts); the CLI and the bot clean again at output.
 */

/** ESC-introduced sequences: CSI (`ESC [ … final`), OSC/DCS/SOS/PM/APC strings (to BEL, ST or the line end), 2-byte escapes. */
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b\u009c\n]*(?:\u0007|\u001b\\|\u009c)?|[ -/]*[0-~]?)/g;
/** The 8-bit forms: CSI (U+009B) and OSC/DCS/… (U+0090, U+0098, U+009D–U+009F) with their payload. */
const C1_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u0098\u009d-\u009f][^\u0007\u001b\u009c\n]*(?:\u0007|\u009c|\u001b\\)?/g;
/** C0 controls except tab and line feed, DEL, and the remaining C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidirectional overrides and isolates: they make a terminal (or a chat) show text in a misleading order. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Removes escape sequences (with their payload), control characters (keeping `\n` and `\t`; a lone `\r`
 * becomes `\n`) and bidi overrides. Printable text, including every letter and emoji, is kept as is.
 */
export function stripControlSequences(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(ESCAPE_SEQUENCE, "")
    .replace(C1_SEQUENCE, "")
    .replace(CONTROL, "")
    .replace(BIDI_CONTROL, "");
}

/** One line for a terminal: no escape sequences, no controls, line breaks kept only where `multiline`. */
export function terminalSafe(text: string, options: { multiline?: boolean } = {}): string {
  const clean = stripControlSequences(String(text ?? ""));
  return options.multiline === false ? clean.replace(/[\n\t]+/g, " ") : clean;
}
