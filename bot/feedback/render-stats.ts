/** Usage statistics as a Discord embed (for /stats) and as plain text (for `npm run stats`). */
import type { APIEmbed } from "discord.js";
import { terminalSafe } from "../../retrieval/index.ts";
import { type Lang, t } from "../i18n.ts";
import type { Outgoing } from "../respond.ts";
import { discordText, plainText } from "../safe-text.ts";
import type { WindowStats } from "./stats.ts";

function percent(part: number, whole: number, lang: Lang): string {
  if (whole === 0) return "–";
  return new Intl.NumberFormat(lang === "de" ? "de-DE" : "en-GB", { style: "percent" }).format(part / whole);
}

function ms(value: number | null): string {
  if (value === null) return "–";
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`;
}

/** The lines of one window, shared by the embed and the console. */
export function windowLines(w: WindowStats, lang: Lang): string[] {
  const s = t(lang);
  const votes = w.up + w.down;
  return [
    `${w.questions} ${s.statsQuestions}: ${w.answered} ${s.statsAnswered} (${percent(w.answered, w.questions, lang)}), ${w.abstained} ${s.statsAbstained}`,
    `${s.statsFeedback}: 👍 ${w.up} · 👎 ${w.down}${votes ? ` (${percent(w.up, votes, lang)} 👍)` : ""}`,
    `${s.statsTime}: p50 ${ms(w.p50Ms)} · p95 ${ms(w.p95Ms)}`,
  ];
}

export function renderStats(windows: WindowStats[], lang: Lang): Outgoing {
  const s = t(lang);
  const week = windows.find((w) => w.label === "week");
  const unanswered = (week?.unanswered ?? []).map(
    (u, i) => `${i + 1}. ${discordText(plainText(u.question))} (${u.count}×)`,
  );
  const embed: APIEmbed = {
    color: 0xd98b1c,
    title: s.statsTitle,
    fields: [
      ...windows.map((w) => ({
        name: s.statsWindow[w.label],
        value: windowLines(w, lang).join("\n"),
        inline: true,
      })),
      { name: s.statsUnanswered, value: unanswered.join("\n") || s.statsNone },
    ],
  };
  return { embeds: [embed] };
}

export function statsText(windows: WindowStats[], lang: Lang): string {
  const s = t(lang);
  const out: string[] = [s.statsTitle, ""];
  for (const w of windows) {
    out.push(`${s.statsWindow[w.label]}:`, ...windowLines(w, lang).map((l) => `  ${l}`), "");
  }
  const week = windows.find((w) => w.label === "week");
  out.push(`${s.statsUnanswered}:`);
  if (!week?.unanswered.length) out.push(`  ${s.statsNone}`);
  // Questions are what users typed: no escape sequence of theirs may reach the terminal.
  for (const [i, u] of (week?.unanswered ?? []).entries())
    out.push(`  ${i + 1}. ${terminalSafe(u.question, { multiline: false })} (${u.count}×)`);
  return out.join("\n");
}
