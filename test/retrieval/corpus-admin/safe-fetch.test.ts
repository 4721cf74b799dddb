import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CorpusChangeRefused,
  defaultFetchLimits,
  type FetchPolicy,
  type Resolver,
  safeFetch,
} from "../../../retrieval/corpus-admin/index.ts";
import { PageServer } from "../../support/page-server.ts";

let server: PageServer;
const limits = { ...defaultFetchLimits, maxBytes: 4096, totalTimeoutMs: 1_500, connectTimeoutMs: 1_000 };
/** The loopback test server is reachable only through the explicit allow-list, as in production config. */
const allowLoopback: FetchPolicy = { limits, allowHosts: ["127.0.0.1"] };
const noResolver: Resolver = async (host) => {
  throw new Error(`unexpected DNS lookup of ${host}`);
};

async function refusal(url: string, policy: FetchPolicy): Promise<CorpusChangeRefused> {
  try {
    await safeFetch(url, policy);
  } catch (error) {
    if (error instanceof CorpusChangeRefused) return error;
    throw error;
  }
  throw new Error(`fetching ${url} was not refused`);
}

beforeAll(async () => {
  server = await PageServer.start();
  server.page("/ok", "<html><body><p>hello</p></body></html>");
  server.page("/image", Buffer.from([0x89, 0x50, 0x4e, 0x47]), "image/png");
  server.page("/json", "{}", "application/json");
  server.page("/big", "x".repeat(10_000), "text/plain");
  server.routes.set("/big-chunked", (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    for (let i = 0; i < 10; i++) res.write("y".repeat(1000));
    res.end();
  });
  server.routes.set("/drip", (_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    let n = 0;
    const timer = setInterval(() => {
      // Bounded: a byte every 50 ms for at most 5 s, well past the test's 1.5 s limit.
      if (n++ > 100 || res.destroyed) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write("x");
    }, 50);
    res.on("close", () => clearInterval(timer));
  });
  server.redirect("/to-private", "http://10.0.0.7/admin");
  server.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/");
  server.redirect("/to-localhost", `http://localhost:${server.port}/ok`);
  server.redirect("/to-ok", "/ok");
  server.redirect("/loop", "/loop");
  server.redirect("/to-file", "file:///etc/passwd");
});

afterAll(async () => {
  await server?.close();
});

describe("safeFetch: addresses", () => {
  it.each([
    ["http://127.0.0.1/", "loopback"],
    ["http://127.1.2.3:8080/x", "loopback"],
    ["http://2130706433/", "loopback"],
    ["http://0177.0.0.1/", "loopback"],
    ["http://0x7f.0.0.1/", "loopback"],
    ["http://017700000001/", "loopback"],
    ["http://[::1]/", "loopback"],
    ["http://[::ffff:127.0.0.1]/", "IPv4-mapped"],
    ["http://[::ffff:10.0.0.1]/", "IPv4-mapped"],
    ["http://10.1.2.3/", "private"],
    ["http://172.16.0.1/", "private"],
    ["http://192.168.178.1/", "private"],
    ["http://169.254.169.254/latest/meta-data/", "link-local"],
    ["http://100.64.0.1/", "carrier-grade NAT"],
    ["http://224.0.0.251/", "multicast"],
    ["http://0.0.0.0/", "unspecified"],
    ["http://255.255.255.255/", "broadcast"],
    ["http://240.0.0.1/", "reserved"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[fc00::1]/", "private"],
    ["http://[fd12:3456::1]/", "private"],
    ["http://[ff02::1]/", "multicast"],
    ["http://[::]/", "unspecified"],
    ["http://[2002:7f00:1::]/", "6to4"],
  ])("refuses %s (%s) before connecting", async (url, word) => {
    const error = await refusal(url, { limits, allowHosts: [], resolve: noResolver });
    expect(error.code).toBe("blocked-address");
    expect(error.message).toContain(word);
  });

  it("refuses the loopback test server when it is not on the allow-list", async () => {
    const error = await refusal(server.url("/ok"), { limits, allowHosts: [] });
    expect(error.code).toBe("blocked-address");
  });

  it("refuses a host name that resolves to a private address, and one with any private address", async () => {
    const privateOnly: Resolver = async () => [{ address: "10.20.30.40", family: 4 }];
    const mixed: Resolver = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "::ffff:192.168.0.1", family: 6 },
    ];
    const a = await refusal("http://intranet.example/", { limits, allowHosts: [], resolve: privateOnly });
    expect(a.code).toBe("blocked-address");
    expect(a.message).toContain("10.20.30.40");
    const b = await refusal("https://news.example/a", { limits, allowHosts: [], resolve: mixed });
    expect(b.code).toBe("blocked-address");
  });

  it("connects to the address it checked, not to a second DNS answer (no rebinding)", async () => {
    let lookups = 0;
    const resolver: Resolver = async () => {
      lookups++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const fetched = await safeFetch(`http://pages.test:${server.port}/ok`, {
      limits,
      allowHosts: ["pages.test"],
      resolve: resolver,
    });
    expect(fetched.body.toString()).toContain("hello");
    expect(lookups).toBe(1);
    expect(server.hits.at(-1)?.host).toBe(`pages.test:${server.port}`);
  });

  it("refuses names that do not resolve", async () => {
    const error = await refusal("http://nowhere.invalid/", {
      limits,
      allowHosts: [],
      resolve: async () => {
        throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
      },
    });
    expect(error.code).toBe("dns-failed");
  });

  it.each([
    "ftp://example.com/a",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "not a url",
    "http://user:pw@example.com/",
  ])("refuses %s", async (url) => {
    expect((await refusal(url, { limits, allowHosts: [], resolve: noResolver })).code).toBe("bad-url");
  });
});

describe("safeFetch: redirects, size, time, type", () => {
  it("fetches an allowed page and follows a checked redirect", async () => {
    const fetched = await safeFetch(server.url("/to-ok"), allowLoopback);
    expect(fetched.url).toBe(server.url("/ok"));
    expect(fetched.mimeType).toBe("text/html");
    expect(fetched.charset).toBe("utf-8");
  });

  it("checks every redirect target again", async () => {
    expect((await refusal(server.url("/to-private"), allowLoopback)).code).toBe("blocked-address");
    expect((await refusal(server.url("/to-metadata"), allowLoopback)).code).toBe("blocked-address");
    const viaName = await refusal(server.url("/to-localhost"), {
      ...allowLoopback,
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
    });
    expect(viaName.code).toBe("blocked-address");
    expect((await refusal(server.url("/to-file"), allowLoopback)).code).toBe("bad-url");
  });

  it("stops after five redirects", async () => {
    const error = await refusal(server.url("/loop"), allowLoopback);
    expect(error.code).toBe("too-many-redirects");
    expect(error.message).toContain("5");
  });

  it("refuses bodies over the size limit, declared or streamed", async () => {
    expect((await refusal(server.url("/big"), allowLoopback)).code).toBe("too-large");
    const streamed = await refusal(server.url("/big-chunked"), allowLoopback);
    expect(streamed.code).toBe("too-large");
    expect(streamed.message).toContain("MAX_DOCUMENT_BYTES");
  });

  it("gives up on a server that drips bytes slowly", async () => {
    const started = Date.now();
    const error = await refusal(server.url("/drip"), allowLoopback);
    expect(error.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("refuses types other than HTML, text and Markdown", async () => {
    expect((await refusal(server.url("/image"), allowLoopback)).message).toContain("image/png");
    expect((await refusal(server.url("/json"), allowLoopback)).code).toBe("unsupported-type");
  });

  it("reports HTTP errors", async () => {
    const error = await refusal(server.url("/missing"), allowLoopback);
    expect(error.code).toBe("http-status");
    expect(error.message).toContain("404");
  });
});
