/**
 * Usage numbers from the question log, for /stats and `npm run stats`: questions, answered vs. abstained,
 * 👍/👎, the most frequent unanswered questions and answer times, over a window (last day, last week). Pure.
 */
import type { LogRecord } from "./log.ts";

export interface WindowStats {
  label: "day" | "week";
  questions: number;
  answered: number;
  abstained: number;
  up: number;
  down: number;
  /** Share of 👍 among the votes, 0–1; null without votes. */
  upRatio: number | null;
  /** Most frequent unanswered questions (case and spacing folded), most frequent first. */
  unanswered: Array<{ question: string; count: number }>;
  p50Ms: number | null;
  p95Ms: number | null;
}

export const WINDOWS = { day: 86_400_000, week: 7 * 86_400_000 } as const;

/** "Wer ist  CEO von Nvidia?" and "wer ist ceo von nvidia" count as one question. */
export function questionKey(question: string): string {
  return question
    .toLocaleLowerCase("de")
    .replace(/[\s\p{P}]+/gu, " ")
    .trim();
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function windowStats(
  records: LogRecord[],
  label: keyof typeof WINDOWS,
  now: number,
  topUnanswered = 5,
): WindowStats {
  const since = now - WINDOWS[label];
  const inWindow = records.filter((r) => {
    const at = Date.parse(r.at);
    return Number.isFinite(at) && at >= since && at <= now;
  });
  const questions = inWindow.flatMap((r) => (r.type === "question" ? [r] : []));
  // One vote per person and answer: the last one counts (people change their mind).
  const votes = new Map<string, "up" | "down">();
  for (const r of inWindow) if (r.type === "feedback") votes.set(`${r.answerId}\u0000${r.user}`, r.vote);
  const up = [...votes.values()].filter((v) => v === "up").length;
  const down = votes.size - up;

  const unanswered = new Map<string, { question: string; count: number }>();
  for (const q of questions) {
    if (!q.abstained) continue;
    const key = questionKey(q.question);
    if (!key) continue;
    const entry = unanswered.get(key) ?? { question: q.question.replace(/\s+/g, " ").trim(), count: 0 };
    entry.count += 1;
    unanswered.set(key, entry);
  }
  const times = questions
    .map((q) => q.ms)
    .filter((ms) => Number.isFinite(ms) && ms >= 0)
    .sort((a, b) => a - b);
  const abstained = questions.filter((q) => q.abstained).length;
  return {
    label,
    questions: questions.length,
    answered: questions.length - abstained,
    abstained,
    up,
    down,
    upRatio: votes.size > 0 ? up / votes.size : null,
    unanswered: [...unanswered.values()]
      .sort((a, b) => b.count - a.count || a.question.localeCompare(b.question))
      .slice(0, topUnanswered),
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
  };
}

export function usageStats(records: LogRecord[], now: number): WindowStats[] {
  return [windowStats(records, "day", now), windowStats(records, "week", now)];
}
