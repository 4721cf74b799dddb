import { type APIEmbed, embedLength, MessageFlags, type RepliableInteraction } from "discord.js";
import { describe, expect, it } from "vitest";
import {
  fitEmbed,
  fitMessage,
  LIMITS,
  type Outgoing,
  respond,
  splitText,
  truncate,
} from "../../bot/respond.ts";
import { seededRandom } from "../../tools/random.ts";

const WORDS = [
  "Nvidia",
  "OpenAI",
  "$250 Milliarden",
  "Azure-Services",
  "😀",
  "\n",
  "\n\n",
  "zugesagt.",
  "x".repeat(300),
  "und",
];

function text(rand: () => number, length: number): string {
  let s = "";
  while (s.length < length) s += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
  return s.slice(0, length);
}

function assertMessageLimits(m: Outgoing) {
  expect((m.content ?? "").length).toBeLessThanOrEqual(LIMITS.content);
  const embeds = m.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedsTotal);
  for (const e of embeds) {
    expect((e.title ?? "").length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect((e.description ?? "").length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect((e.footer?.text ?? "").length).toBeLessThanOrEqual(LIMITS.footerText);
    expect((e.author?.name ?? "").length).toBeLessThanOrEqual(LIMITS.authorName);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
  expect((m.components ?? []).length).toBeLessThanOrEqual(LIMITS.actionRows);
  expect(Boolean(m.content) || embeds.length > 0).toBe(true);
}

describe("truncate", () => {
  it("keeps short text and trims long text at a word boundary with an ellipsis", () => {
    expect(truncate("kurz", 10)).toBe("kurz");
    const out = truncate("Nvidia und OpenAI standen kurz davor, sich zu einigen", 30);
    expect(out.length).toBeLessThanOrEqual(30);
    expect(out).toBe("Nvidia und OpenAI standen…");
  });

  it("never splits a surrogate pair and never exceeds the limit", () => {
    const rand = seededRandom(1);
    for (let i = 0; i < 500; i++) {
      const s = text(rand, 1 + Math.floor(rand() * 400));
      const max = 1 + Math.floor(rand() * 300);
      const out = truncate(s, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
  });
});

describe("splitText", () => {
  it("splits at paragraph and sentence boundaries, each piece within the limit", () => {
    const para = `${"Satz eins ist hier. ".repeat(60)}\n\n${"Zweiter Absatz. ".repeat(60)}`;
    const pieces = splitText(para, 1000);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(1000);
    expect(pieces.join(" ").replace(/\s+/g, " ")).toBe(para.replace(/\s+/g, " ").trim());
  });

  it("keeps every non-space character (fuzz)", () => {
    const rand = seededRandom(2);
    for (let i = 0; i < 300; i++) {
      const s = text(rand, Math.floor(rand() * 9000));
      const max = 50 + Math.floor(rand() * 2000);
      const pieces = splitText(s, max);
      for (const p of pieces) expect(p.length).toBeLessThanOrEqual(max);
      expect(pieces.join("").replace(/\s/g, "")).toBe(s.replace(/\s/g, ""));
    }
  });
});

describe("fitEmbed / fitMessage", () => {
  it("trims every part of an oversized embed and moves extra fields to a continuation", () => {
    const embed: APIEmbed = {
      title: "T".repeat(400),
      description: "D ".repeat(3000),
      author: { name: "A".repeat(300) },
      footer: { text: "F".repeat(3000) },
      fields: Array.from({ length: 30 }, (_, i) => ({
        name: `N${i} ${"n".repeat(300)}`,
        value: "v ".repeat(800),
      })),
      color: 1,
    };
    const parts = fitEmbed(embed);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap((p) => p.fields ?? [])).toHaveLength(30);
    expect(parts[0]?.title?.endsWith("…")).toBe(true);
    expect(parts.at(-1)?.footer?.text.length).toBeLessThanOrEqual(LIMITS.footerText);
    for (const p of parts) {
      expect(embedLength(p)).toBeLessThanOrEqual(LIMITS.embedsTotal);
      expect(p.color).toBe(1);
    }
    for (const m of fitMessage({ embeds: [embed] })) assertMessageLimits(m);
  });

  it("splits long content into several messages and keeps components on the first", () => {
    const messages = fitMessage({
      content: "Wort ".repeat(1000),
      components: [
        { type: 1, components: [{ type: 2, style: 2, label: "Passage 1", custom_id: "passage:1:x" }] },
      ],
    });
    expect(messages.length).toBe(3);
    expect(messages[0]?.components).toHaveLength(1);
    expect(messages[1]?.components).toBeUndefined();
    for (const m of messages) assertMessageLimits(m);
  });

  it("packs embeds at most 10 and 6000 characters per message", () => {
    const small = Array.from({ length: 23 }, (_, i) => ({ title: `E${i}`, description: "x" }));
    const packed = fitMessage({ embeds: small });
    expect(packed.map((m) => m.embeds?.length)).toEqual([10, 10, 3]);
    const big = Array.from({ length: 4 }, () => ({ description: "y".repeat(4000) }));
    const packedBig = fitMessage({ embeds: big });
    expect(packedBig).toHaveLength(4);
    for (const m of [...packed, ...packedBig]) assertMessageLimits(m);
  });

  it("never produces an empty message or exceeds a limit (fuzz)", () => {
    const rand = seededRandom(3);
    for (let i = 0; i < 80; i++) {
      const payload: Outgoing = {
        content: rand() < 0.5 ? text(rand, Math.floor(rand() * 5000)) : undefined,
        embeds: Array.from({ length: Math.floor(rand() * 14) }, () => ({
          title: rand() < 0.7 ? text(rand, Math.floor(rand() * 400)) : undefined,
          description: rand() < 0.8 ? text(rand, Math.floor(rand() * 6000)) : undefined,
          fields: Array.from({ length: Math.floor(rand() * 35) }, () => ({
            name: text(rand, Math.floor(rand() * 400)),
            value: text(rand, Math.floor(rand() * 1500)),
          })),
          footer: rand() < 0.5 ? { text: text(rand, Math.floor(rand() * 2500)) } : undefined,
        })),
      };
      const messages = fitMessage(payload);
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) assertMessageLimits(m);
    }
  });
});

describe("respond", () => {
  type Call = [string, Record<string, unknown>];
  function interaction(state: { deferred?: boolean; replied?: boolean; ephemeral?: boolean }) {
    const calls: Call[] = [];
    const i = {
      ephemeral: state.ephemeral ?? null,
      deferred: state.deferred ?? false,
      replied: state.replied ?? false,
      async reply(o: Record<string, unknown>) {
        calls.push(["reply", o]);
        i.replied = true;
      },
      async editReply(o: Record<string, unknown>) {
        calls.push(["editReply", o]);
        i.replied = true;
      },
      async followUp(o: Record<string, unknown>) {
        calls.push(["followUp", o]);
      },
    };
    return { i: i as unknown as RepliableInteraction, calls };
  }

  it("replies ephemerally with no mentions when not yet acknowledged", async () => {
    const { i, calls } = interaction({});
    await respond({ interaction: i }, { content: "Hallo @everyone <@&123>" }, { ephemeral: true });
    expect(calls).toHaveLength(1);
    const [kind, body] = calls[0] as Call;
    expect(kind).toBe("reply");
    expect(body.flags).toBe(MessageFlags.Ephemeral);
    expect(body.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it("edits a deferred reply (clearing old content) and sends the rest as follow-ups", async () => {
    const { i, calls } = interaction({ deferred: true });
    await respond({ interaction: i }, { content: "x ".repeat(2500) }, { ephemeral: true });
    expect(calls.map((c) => c[0])).toEqual(["editReply", "followUp", "followUp"]);
    expect(calls[0]?.[1].embeds).toEqual([]);
    expect(calls[0]?.[1].components).toEqual([]);
    expect(calls[1]?.[1].flags).toBe(MessageFlags.Ephemeral);
    for (const [, body] of calls) expect(body.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it("keeps follow-ups of an ephemerally deferred reply ephemeral", async () => {
    const { i, calls } = interaction({ deferred: true, ephemeral: true });
    await respond({ interaction: i }, { content: "y ".repeat(1500) });
    expect(calls.map((c) => c[0])).toEqual(["editReply", "followUp"]);
    expect(calls[1]?.[1].flags).toBe(MessageFlags.Ephemeral);
  });

  it("suppresses link previews on text-only messages, not on embeds", async () => {
    const { i, calls } = interaction({});
    await respond({ interaction: i }, { content: "siehe https://example.org" });
    expect(calls[0]?.[1].flags).toBe(MessageFlags.SuppressEmbeds);
    const second = interaction({});
    await respond({ interaction: second.i }, { embeds: [{ description: "https://example.org" }] });
    expect(second.calls[0]?.[1].flags).toBe(0);
  });
});
