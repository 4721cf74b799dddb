/** `npm run stats [-- --json] [-- --lang de]`: the usage numbers of /stats, read from the question log. */
import { parseArgs } from "node:util";
import { readAllRecords } from "../bot/feedback/log.ts";
import { statsText } from "../bot/feedback/render-stats.ts";
import { usageStats } from "../bot/feedback/stats.ts";
import { loadCliConfig } from "../cli/engine-cli.ts";
import { createLogger } from "../config/logger.ts";

const { values } = parseArgs({
  options: { json: { type: "boolean", default: false }, lang: { type: "string", default: "en" } },
});
const config = loadCliConfig();
const logger = createLogger(config.log);
if (!config.feedbackFile) {
  process.stderr.write("The question log is off (FEEDBACK_FILE=off): there is nothing to count.\n");
  process.exit(1);
}
const records = await readAllRecords(config.feedbackFile, logger);
const windows = usageStats(records, Date.now());
if (values.json) {
  process.stdout.write(`${JSON.stringify({ file: config.feedbackFile, windows }, null, 2)}\n`);
} else {
  process.stdout.write(`${statsText(windows, values.lang === "de" ? "de" : "en")}\n`);
  if (records.length === 0) process.stderr.write(`(no records yet in ${config.feedbackFile})\n`);
}
