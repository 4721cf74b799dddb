import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type LogRecord, QuestionLog, type QuestionRecord, readAllRecords } from "../../bot/feedback/log.ts";
import { statsText } from "../../bot/feedback/render-stats.ts";
import { percentile, questionKey, usageStats, windowStats } from "../../bot/feedback/stats.ts";
import { silentLogger } from "../../retrieval/types.ts";
import { TERMINAL_CONTROL } from "../fixtures/hostile-corpus.ts";

const dir = mkdtempSync(path.join(tmpdir(), "fundstelle-feedback-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = Date.parse("2026-11-29T14:00:00Z");
const ago = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();

function question(overrides: Partial<QuestionRecord>): QuestionRecord {
  return {
    v: 1,
    type: "question",
    at: ago(1),
    answerId: "a1",
    user: "u1",
    source: "slash",
    question: "Wie viel?",
    lang: "de",
    abstained: false,
    answer: "$250 Milliarden [1]",
    citations: [],
    indexVersion: "v1",
    mode: "lexical",
    ms: 100,
    ...overrides,
  };
}

describe("usage statistics", () => {
  const records: LogRecord[] = [
    question({ answerId: "a1", ms: 100 }),
    question({ answerId: "a2", ms: 300, abstained: true, question: "Wer ist CEO von Nvidia?" }),
    question({ answerId: "a3", ms: 200, abstained: true, question: "wer ist  CEO von Nvidia" }),
    question({ answerId: "a4", ms: 50, abstained: true, question: "Was kostet Gold?", at: ago(48) }),
    question({ answerId: "old", at: ago(24 * 8) }),
    { v: 1, type: "feedback", at: ago(1), answerId: "a1", user: "u1", vote: "down" },
    // The same person changes their mind: the last vote counts.
    { v: 1, type: "feedback", at: ago(0.5), answerId: "a1", user: "u1", vote: "up" },
    { v: 1, type: "feedback", at: ago(0.5), answerId: "a1", user: "u2", vote: "down" },
  ];

  it("counts a day and a week: questions, answered vs abstained, votes, times, unanswered", () => {
    const day = windowStats(records, "day", NOW);
    expect(day).toMatchObject({ questions: 3, answered: 1, abstained: 2, up: 1, down: 1, upRatio: 0.5 });
    expect(day.unanswered).toEqual([{ question: "Wer ist CEO von Nvidia?", count: 2 }]);
    expect([day.p50Ms, day.p95Ms]).toEqual([200, 300]);
    const week = windowStats(records, "week", NOW);
    expect(week.questions).toBe(4);
    expect(week.unanswered.map((u) => u.count)).toEqual([2, 1]);
  });

  it("folds case, spacing and punctuation when counting the same question", () => {
    expect(questionKey("Wer ist  CEO von Nvidia?")).toBe(questionKey("wer ist ceo von nvidia"));
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.95)).toBe(4);
  });

  it("prints the same numbers as plain text", () => {
    const text = statsText(usageStats(records, NOW), "en");
    expect(text).toContain("Last 24 hours:");
    expect(text).toContain("3 questions: 1 answered (33%), 2 not answered");
    expect(text).toContain("1. Wer ist CEO von Nvidia? (2×)");
  });

  it("prints logged questions without their escape sequences (they are what users typed)", () => {
    const hostile = "Wer ist \u001b]0;pwned\u0007CEO\u001b[2J von \u001b[31mNvidia\u001b[0m?";
    const text = statsText(usageStats([question({ question: hostile, abstained: true })], NOW), "en");
    expect(text).toContain("Wer ist CEO von Nvidia?");
    expect(text).not.toMatch(TERMINAL_CONTROL);
  });
});

describe("question log", () => {
  it("appends JSONL, finds an answer again, hashes user ids with a kept key, skips broken lines", async () => {
    const file = path.join(dir, "a", "feedback.jsonl");
    const log = new QuestionLog(file, silentLogger);
    const user = await log.hashUser("123456789012345678");
    expect(user).toMatch(/^[0-9a-f]{16}$/);
    await log.append(question({ answerId: "x1", user }));
    appendFileSync(file, '{"v":1,"type":"question","at":"2026-11-29T1'); // a line cut short by a crash
    appendFileSync(file, "\n");
    await log.append({ v: 1, type: "feedback", at: ago(0), answerId: "x1", user, vote: "up" });

    const reopened = new QuestionLog(file, silentLogger);
    expect(await reopened.hashUser("123456789012345678")).toBe(user);
    expect((await reopened.findAnswer("x1"))?.answer).toBe("$250 Milliarden [1]");
    expect(await reopened.findAnswer("nope")).toBeUndefined();
    const all = await readAllRecords(file);
    expect(all.map((r) => r.type)).toEqual(["question", "feedback"]);
    expect(readFileSync(file, "utf8")).not.toContain("123456789012345678");
    // Another installation (another key) hashes the same id differently.
    expect(
      await new QuestionLog(path.join(dir, "b", "f.jsonl"), silentLogger).hashUser("123456789012345678"),
    ).not.toBe(user);
  });

  it("a missing file is an empty log; FEEDBACK_FILE=off writes nothing", async () => {
    expect(await readAllRecords(path.join(dir, "missing.jsonl"))).toEqual([]);
    const off = new QuestionLog(null, silentLogger);
    await off.append(question({}));
    expect(await off.findAnswer("a1")).toEqual(question({}));
    expect(await readAllRecords(null)).toEqual([]);
  });

  it("a write failure is logged, not thrown", async () => {
    const warnings: unknown[] = [];
    const blocked = path.join(dir, "blocked");
    appendFileSync(blocked, "a file where a folder should be");
    const log = new QuestionLog(path.join(blocked, "feedback.jsonl"), {
      ...silentLogger,
      warn: (o) => warnings.push(o),
    });
    await expect(log.append(question({}))).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it("npm run stats prints the numbers from FEEDBACK_FILE", () => {
    const file = path.join(dir, "cli.jsonl");
    const now = new Date().toISOString();
    appendFileSync(
      file,
      `${JSON.stringify(question({ at: now, abstained: true, question: "Was kostet Gold?" }))}\n`,
    );
    const root = path.resolve(import.meta.dirname, "../..");
    const tsx = pathToFileURL(path.join(root, "node_modules", "tsx", "dist", "loader.mjs")).href;
    const out = execFileSync(process.execPath, ["--import", tsx, path.join(root, "scripts/stats.ts")], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", FEEDBACK_FILE: file, LOG_LEVEL: "silent" },
      encoding: "utf8",
    });
    expect(out).toContain("1 questions: 0 answered (0%), 1 not answered");
    expect(out).toContain("1. Was kostet Gold? (1×)");
  });
});

describe("FEEDBACK_FILE", () => {
  it("defaults under INDEX_DIR, follows the variable, and 'off' turns the log off", async () => {
    const { loadConfig } = await import("../../config/index.ts");
    expect(loadConfig({ INDEX_DIR: "/srv/idx" }, { dotenvPath: false }).feedbackFile).toBe(
      "/srv/idx/feedback.jsonl",
    );
    expect(loadConfig({ FEEDBACK_FILE: "/var/log/f.jsonl" }, { dotenvPath: false }).feedbackFile).toBe(
      "/var/log/f.jsonl",
    );
    expect(loadConfig({ FEEDBACK_FILE: "off" }, { dotenvPath: false }).feedbackFile).toBeNull();
  });
});
