/** The console chat `npm start` runs when no DISCORD_TOKEN is set: the same engine, in a terminal. */
import { createInterface } from "node:readline/promises";
import { type Engine, terminalSafe } from "../../retrieval/index.ts";
import { formatAnswer } from "./format.ts";

export async function runConsoleChat(
  engine: Engine,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = {
    input: process.stdin,
    output: process.stdout,
  },
): Promise<void> {
  const status = engine.status();
  const doc = engine.documents()[0];
  io.output.write(
    `Fundstelle — ${terminalSafe(doc?.title ?? "corpus", { multiline: false })} (${status.chunks} passages, ${status.mode} mode)\n` +
      "Frag etwas zum Artikel (oder /figures, /quit). Follow-ups use the previous question as context.\n",
  );
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  const history: string[] = [];
  io.output.write("> ");
  for await (const line of rl) {
    const question = line.trim();
    if (question === "/quit" || question === "/exit") break;
    if (question === "/figures") {
      for (const f of engine.figures())
        io.output.write(`  ${terminalSafe(`${f.label}: ${f.text}`, { multiline: false })}\n`);
    } else if (question !== "") {
      const answer = await engine.ask(question, { context: history.slice(-2) });
      io.output.write(`${formatAnswer(answer, { sources: false })}\n`);
      if (!answer.abstained) history.push(question);
    }
    io.output.write("> ");
  }
  rl.close();
}
