/** The fake Discord refuses what Discord refuses: 400 with code 50035 "Invalid Form Body". */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../../tools/fake-discord/index.ts";
import { messageProblems } from "../../../tools/fake-discord/rules.ts";

describe("messageProblems", () => {
  it("accepts a plain valid message", () => {
    expect(
      messageProblems(
        { content: "ok", embeds: [{ title: "t", url: "https://a.example/", author: { name: "a" } }] },
        { create: true },
      ),
    ).toEqual([]);
  });

  it.each([
    [{ embeds: [{ url: "javascript:alert(1)" }] }, /embeds\[0\]\.url/],
    [{ embeds: [{ author: { name: "a", url: "data:text/html,x" } }] }, /author\.url/],
    [{ content: "x".repeat(2001) }, /content/],
    [{ embeds: [{ description: "x".repeat(4097) }] }, /description/],
    [{ embeds: [{ fields: [{ name: "", value: "v" }] }] }, /name must be/],
    [{ embeds: [{ description: "x".repeat(4000) }, { description: "y".repeat(2001) }] }, /6000/],
    [
      {
        components: [
          { type: 1, components: [{ type: 3, custom_id: "s", options: [{ label: "", value: "v" }] }] },
        ],
      },
      /label must be/,
    ],
    [{}, /empty message/],
  ])("refuses %j", (body, problem) => {
    expect(messageProblems(body, { create: true }).join("\n")).toMatch(problem);
  });
});

describe("the strict fake", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(() => fake.close());

  it("answers 400 / 50035 to an embed with a javascript: URL, and records the refusal", async () => {
    const response = await fetch(`${fake.apiUrl}/v10/channels/1/messages`, {
      method: "POST",
      headers: { authorization: `Bot ${fake.token}`, "content-type": "application/json" },
      body: JSON.stringify({ embeds: [{ title: "x", url: "javascript:alert(1)" }] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: number }).code).toBe(50035);
    expect(fake.rejected).toHaveLength(1);
  });
});
