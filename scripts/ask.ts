/**
 * `npm run ask -- "Frage"`            readable answer
 * `npm run ask -- --json "Frage"`     one JSON object
 * `npm run ask -- --batch FILE`       one JSON object per line of FILE, in order (empty lines get an `error`)
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { runWithEngine } from "../cli/engine-cli.ts";
import { answerJson, formatAnswer } from "../cli/format.ts";

const { values, positionals } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    batch: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
  allowPositionals: true,
});

if (values.help || (!values.batch && positionals.length === 0)) {
  process.stdout.write(
    'Usage: npm run ask -- [--json] "question"\n       npm run ask -- --batch questions.txt\n',
  );
  process.exit(values.help ? 0 : 2);
}

/** Reads the batch file before the engine loads, so a wrong path fails fast. */
async function readBatch(file: string): Promise<string[]> {
  try {
    const lines = (await readFile(file, "utf8")).split(/\r?\n/);
    if (lines.at(-1) === "") lines.pop();
    return lines;
  } catch (error) {
    process.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

const batch = values.batch ? await readBatch(values.batch) : null;

await runWithEngine(async ({ engine }) => {
  if (batch) {
    const lines = batch;
    for (const line of lines) {
      const question = line.trim();
      if (question === "") {
        process.stdout.write(
          `${JSON.stringify({ question: line, error: "empty line: no question to answer" })}\n`,
        );
        continue;
      }
      process.stdout.write(`${JSON.stringify(answerJson(await engine.ask(question)))}\n`);
    }
    return;
  }
  const answer = await engine.ask(positionals.join(" "));
  process.stdout.write(
    values.json ? `${JSON.stringify(answerJson(answer), null, 2)}\n` : `${formatAnswer(answer)}\n`,
  );
});
