/**
 * Fetches one web resource the careful way: http(s) only, every address checked before connecting and the
 * connection pinned to the checked address (no DNS rebinding between check and connect), each redirect checked
 * again, time limits on connecting and on the whole transfer, the body streamed and cut at a size limit, and
 * only the content types the corpus can use. Every refusal is a CorpusChangeRefused with a message for humans.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { addressProblem, bareHost, isIpLiteral } from "./address-policy.ts";
import { CorpusChangeRefused } from "./errors.ts";
import { defaultFetchLimits, type FetchLimits } from "./limits.ts";

export { defaultFetchLimits, type FetchLimits };

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses. Injectable so tests can make a name point anywhere. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export interface FetchPolicy {
  limits: FetchLimits;
  /**
   * Host names or IP literals exempt from the address check (FETCH_ALLOW_HOSTS). Meant for tests that serve
   * pages on 127.0.0.1; everything else about the fetch (redirects, limits, types) still applies.
   */
  allowHosts: readonly string[];
  resolve?: Resolver;
  /** MIME types accepted (default ACCEPTED_TYPES). */
  acceptTypes?: readonly string[];
}

export interface FetchedResource {
  /** The URL the body came from, after redirects. */
  url: string;
  /** Lower-case MIME type without parameters, e.g. `text/html`. */
  mimeType: string;
  /** Charset named by the Content-Type header, if any. */
  charset?: string;
  body: Buffer;
}

/** MIME types the corpus can ingest (PDF is recognised so that the refusal can say why). */
export const ACCEPTED_TYPES = [
  "text/html",
  "application/xhtml+xml",
  "text/plain",
  "text/markdown",
  "text/x-markdown",
  "application/pdf",
] as const;

const USER_AGENT = "Fundstelle corpus fetcher (+https://github.com/fundstelle)";

function parseUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    throw new CorpusChangeRefused("bad-url", `"${raw.slice(0, 200)}" is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CorpusChangeRefused("bad-url", `Only http and https links can be added (got ${url.protocol}).`);
  }
  if (url.username || url.password) {
    throw new CorpusChangeRefused("bad-url", "Links with a user name or password are not fetched.");
  }
  return url;
}

function isAllowed(host: string, policy: FetchPolicy): boolean {
  const h = bareHost(host).toLowerCase();
  return policy.allowHosts.some((a) => bareHost(a.trim()).toLowerCase() === h);
}

/**
 * Resolves the URL's host and checks every address. Returns the one address to connect to.
 * URL parsing has already turned decimal, octal and hex IPv4 forms (`http://2130706433/`) into dotted quads.
 */
async function checkedAddress(url: URL, policy: FetchPolicy): Promise<ResolvedAddress> {
  const host = bareHost(url.hostname);
  const allowed = isAllowed(host, policy);
  if (isIpLiteral(host)) {
    const problem = allowed ? null : addressProblem(host);
    if (problem) {
      throw new CorpusChangeRefused("blocked-address", `${host} is ${problem}, not a public web server.`);
    }
    return { address: host, family: host.includes(":") ? 6 : 4 };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (policy.resolve ?? systemResolver)(host);
  } catch (error) {
    throw new CorpusChangeRefused("dns-failed", `The host name ${host} could not be resolved.`, {
      cause: error,
    });
  }
  const first = addresses[0];
  if (!first) throw new CorpusChangeRefused("dns-failed", `The host name ${host} has no address.`);
  if (!allowed) {
    // All of them, not only the first: a name that also points inward is refused as a whole.
    for (const a of addresses) {
      const problem = addressProblem(a.address);
      if (problem) {
        throw new CorpusChangeRefused(
          "blocked-address",
          `${host} resolves to ${a.address}, ${problem}, not a public web server.`,
        );
      }
    }
  }
  return first;
}

interface Hop {
  response: IncomingMessage;
  /** Drops the connection; the caller throws its own refusal. */
  abort: () => void;
}

/** One request to the pinned address; resolves once the response headers are in. */
function request(url: URL, target: ResolvedAddress, policy: FetchPolicy, signal: AbortSignal): Promise<Hop> {
  return new Promise<Hop>((resolve, reject) => {
    // The socket connects to the address checked above, whatever DNS says now.
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(
      url,
      {
        method: "GET",
        lookup: pinned,
        signal,
        headers: {
          "user-agent": USER_AGENT,
          accept: "text/html,application/xhtml+xml,text/plain,text/markdown;q=0.9,*/*;q=0.1",
          "accept-encoding": "identity",
        },
      },
      (response) => {
        clearTimeout(connectTimer);
        // Errors after we stopped reading (a dropped socket) have no one left to tell.
        response.on("error", () => {});
        resolve({ response, abort: () => req.destroy() });
      },
    );
    const connectTimer = setTimeout(() => {
      req.destroy(
        new CorpusChangeRefused(
          "timeout",
          `No connection to ${url.host} within ${policy.limits.connectTimeoutMs} ms.`,
        ),
      );
    }, policy.limits.connectTimeoutMs);
    req.on("socket", (socket) => {
      socket.once(url.protocol === "https:" ? "secureConnect" : "connect", () => clearTimeout(connectTimer));
    });
    req.on("error", (error) => {
      clearTimeout(connectTimer);
      reject(error);
    });
    req.end();
  });
}

function mimeOf(contentType: string | undefined): { mimeType: string; charset?: string } {
  const [type = "", ...params] = (contentType ?? "").split(";");
  const charset = params
    .map((p) => p.trim())
    .find((p) => p.toLowerCase().startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/^["']|["']$/g, "");
  return { mimeType: type.trim().toLowerCase(), charset: charset || undefined };
}

async function readBody(hop: Hop, maxBytes: number, url: URL): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of hop.response) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      const refusal = new CorpusChangeRefused(
        "too-large",
        `${url.host} sent more than ${maxBytes} bytes (MAX_DOCUMENT_BYTES); the page was not added.`,
      );
      hop.abort();
      throw refusal;
    }
    parts.push(buffer);
  }
  return Buffer.concat(parts);
}

/** Fetches `rawUrl` under `policy`. Throws CorpusChangeRefused for every reason it will not deliver a body. */
export async function safeFetch(rawUrl: string, policy: FetchPolicy): Promise<FetchedResource> {
  const { limits } = policy;
  const deadline = AbortSignal.timeout(limits.totalTimeoutMs);
  const totalTimeout = new CorpusChangeRefused(
    "timeout",
    `The download took longer than ${Math.round(limits.totalTimeoutMs / 1000)} s and was stopped.`,
  );
  let url = parseUrl(rawUrl);
  for (let redirects = 0; ; redirects++) {
    const target = await checkedAddress(url, policy);
    if (deadline.aborted) throw totalTimeout;
    let hop: Hop;
    try {
      hop = await request(url, target, policy, deadline);
    } catch (error) {
      throw asRefusal(error, deadline, totalTimeout, url);
    }
    const { response } = hop;
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      hop.abort();
      if (redirects >= limits.maxRedirects) {
        throw new CorpusChangeRefused(
          "too-many-redirects",
          `More than ${limits.maxRedirects} redirects; the link was not followed further.`,
        );
      }
      url = parseUrl(response.headers.location, url.href);
      continue;
    }
    if (status < 200 || status >= 300) {
      hop.abort();
      throw new CorpusChangeRefused("http-status", `${url.host} answered with HTTP ${status}.`);
    }
    const { mimeType, charset } = mimeOf(response.headers["content-type"]);
    if (!(policy.acceptTypes ?? ACCEPTED_TYPES).includes(mimeType)) {
      hop.abort();
      throw new CorpusChangeRefused(
        "unsupported-type",
        `The link serves ${mimeType || "an unknown type"}; only web pages (HTML), plain text and Markdown can be added.`,
      );
    }
    const declared = Number(response.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      hop.abort();
      throw new CorpusChangeRefused(
        "too-large",
        `The document is ${declared} bytes; the limit is ${limits.maxBytes} bytes (MAX_DOCUMENT_BYTES).`,
      );
    }
    let body: Buffer;
    try {
      body = await readBody(hop, limits.maxBytes, url);
    } catch (error) {
      throw asRefusal(error, deadline, totalTimeout, url);
    }
    return { url: url.href, mimeType, charset, body };
  }
}

/** Network errors, aborts and our own refusals, all as one kind of error with a readable message. */
function asRefusal(
  error: unknown,
  deadline: AbortSignal,
  totalTimeout: CorpusChangeRefused,
  url: URL,
): CorpusChangeRefused {
  if (error instanceof CorpusChangeRefused) return error;
  if (deadline.aborted) return totalTimeout;
  const code = (error as NodeJS.ErrnoException).code;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof CorpusChangeRefused) return cause;
  return new CorpusChangeRefused(
    "network",
    `Could not download from ${url.host}${code ? ` (${code})` : ""}.`,
    { cause: error },
  );
}
