/**
 * The figures of a live index, parsed when first asked for. Answers never read figures, and at 100k chunks
 * figures.json is 55 MB of JSON (about 60k figures): parsing it at every start and swap cost a second and
 * held the objects whether or not anyone ran /figures. Here a load keeps the checked bytes; the first
 * `all()` parses them (or `prepare()`, in slices between pauses, for callers on a live bot's thread).
 */
import type { Pause } from "../cooperative.ts";
import type { Figure } from "../types.ts";

export class FigureList {
  private figures: Figure[] | null;
  private parsed: Figure[] = [];
  /** Byte position of the next unparsed line. */
  private at = 0;

  private constructor(
    figures: Figure[] | null,
    readonly count: number,
    private readonly lines: Buffer | null,
    private readonly expand: (line: string) => Figure,
  ) {
    this.figures = figures;
  }

  /** Figures that exist as objects already (a fresh build). */
  static of(figures: Figure[]): FigureList {
    return new FigureList(figures, figures.length, null, () => {
      throw new Error("nothing to parse");
    });
  }

  /**
   * `count` figures as one JSON value per line between a "[" line and a "]" line (see `jsonLines`); `expand`
   * parses one line into a Figure and throws on a bad one. Nothing is parsed here.
   */
  static lazy(content: Buffer, count: number, expand: (line: string) => Figure): FigureList {
    const bad = (problem: string) => new Error(`figures are not one value per line (${problem})`);
    if (content.indexOf(NEWLINE) !== 1 || content[0] !== OPEN) throw bad("no opening line");
    if (!content.subarray(-2).equals(CLOSE)) throw bad("no closing line");
    const list = new FigureList(null, count, content, expand);
    list.at = 2;
    return list;
  }

  /** The stored lines while none has been parsed (a snapshot written again reuses them as they are). */
  get unparsedLines(): Buffer | null {
    return this.figures === null && this.parsed.length === 0 ? this.lines : null;
  }

  /** Every figure (parses what is left in one go). */
  all(): Figure[] {
    if (!this.figures) {
      while (this.parseOne()) {}
    }
    return this.figures as Figure[];
  }

  /** Every figure, parsed in slices with `pause` between them: for a thread that must stay responsive. */
  async prepare(pause: Pause): Promise<Figure[]> {
    while (!this.figures) {
      this.parseOne();
      await pause();
    }
    return this.figures;
  }

  /** Parses the next line; false once all are parsed. */
  private parseOne(): boolean {
    if (this.figures) return false;
    const content = this.lines as Buffer;
    const end = content.indexOf(NEWLINE, this.at);
    if (end < 0) throw new Error("figures end without a closing line");
    const line = content.toString("utf8", this.at, content[end - 1] === COMMA ? end - 1 : end);
    this.at = end + 1;
    if (line === "]") {
      if (this.parsed.length !== this.count) {
        throw new Error(`${this.parsed.length} figures stored where ${this.count} were written`);
      }
      this.figures = this.parsed;
      return false;
    }
    this.parsed.push(this.expand(line));
    return true;
  }
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = Buffer.from("]\n");
