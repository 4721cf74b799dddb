/**
 * The fake's REST side: reading a request (JSON or multipart with attachments), the body checks Discord makes
 * (`rules.ts`), and the routes the bot uses, each answering as Discord does.
 */
import type { IncomingMessage } from "node:http";
import {
  type APIInteractionResponseCallbackData,
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type RESTPatchAPIWebhookWithTokenMessageJSONBody,
  type RESTPostAPIChannelMessageJSONBody,
  type RESTPostAPIChannelMessagesThreadsJSONBody,
  type RESTPutAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { snowflake } from "./ids.ts";
import {
  botMessage,
  type FakeMessage,
  type FakeThread,
  type FakeUser,
  threadPayload,
  type World,
} from "./payloads.ts";
import { messageProblems } from "./rules.ts";

export interface RecordedRequest {
  method: string;
  /** Route after `/api/v10`, URL-decoded, without the query: `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: the body is whatever the bot sent (JSON, or text); tests read what they need.
  body: any;
  /** performance.now() when the request arrived. */
  at: number;
  status: number;
  authorization?: string;
  /** Files of a multipart request (attachments), with their raw bytes. */
  files?: RecordedFile[];
}

export interface RecordedFile {
  /** The form field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Sends the response: a status, a JSON payload (none: empty body) and extra headers. */
export type Send = (status: number, payload?: unknown, headers?: Record<string, string>) => void;

/** What the routes read and change: the fake's world, its stored messages, threads and reactions. */
export interface RestWorld extends World {
  readonly owner: FakeUser;
  readonly gatewayUrl: string;
  readonly messages: Map<string, FakeMessage>;
  readonly threads: Map<string, FakeThread>;
  readonly reactions: string[];
  dispatch(t: GatewayDispatchEvents, d: unknown): number[];
}

/** An interaction callback as the bot sends it: a response type and, for messages, the message. */
interface CallbackBody {
  type: InteractionResponseType;
  data: APIInteractionResponseCallbackData;
}

/**
 * The body as the JSON object Discord documents for the route: the fields are read as optional, and a body
 * that is no object (text, null) reads as `{}`, so a malformed request gets defaults rather than a crash.
 */
function bodyAs<T>(body: unknown): Partial<T> {
  return (typeof body === "object" && body !== null ? body : {}) as Partial<T>;
}

/** Splits a multipart/form-data body into its parts, bytes intact (PNG attachments are binary). */
function multipartParts(raw: Buffer, contentType: string): Array<{ headers: string; data: Buffer }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ""}`);
  const parts: Array<{ headers: string; data: Buffer }> = [];
  let at = raw.indexOf(marker);
  while (at >= 0) {
    const next = raw.indexOf(marker, at + marker.length);
    if (next < 0) break;
    const part = raw.subarray(at + marker.length + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    if (split >= 0)
      parts.push({ headers: part.subarray(0, split).toString("utf8"), data: part.subarray(split + 4) });
    at = next;
  }
  return parts;
}

/** Reads the whole request: the route after `/api[/vN]`, the query, the body (JSON or text) and any files. */
export async function readRequest(
  req: IncomingMessage,
  url: URL,
  method: string,
  at: number,
): Promise<RecordedRequest> {
  const path = decodeURIComponent(url.pathname.replace(/^\/api(?:\/v\d+)?/, ""));
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBytes = Buffer.concat(chunks);
  const raw = rawBytes.toString("utf8");
  let body: unknown = null;
  let files: RecordedFile[] | undefined;
  if (raw) {
    const contentType = req.headers["content-type"] ?? "";
    if (contentType.includes("multipart/form-data")) {
      const parts = multipartParts(rawBytes, contentType);
      const json = parts.find((p) => /name="payload_json"/.test(p.headers));
      body = json ? JSON.parse(json.data.toString("utf8")) : raw;
      files = parts
        .filter((p) => /filename="/.test(p.headers))
        .map((p) => ({
          field: /name="([^"]+)"/.exec(p.headers)?.[1] ?? "",
          filename: /filename="([^"]+)"/.exec(p.headers)?.[1] ?? "",
          contentType: /content-type:\s*([^\r\n]+)/i.exec(p.headers)?.[1] ?? "",
          data: p.data,
        }));
    } else {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
  }
  return {
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    body,
    at,
    status: 0,
    authorization: req.headers.authorization,
    ...(files ? { files } : {}),
  };
}

/** Routes that carry a message body, with the body Discord would refuse for them (empty: acceptable). */
export function invalidBody(method: string, path: string, body: unknown): string[] {
  if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(path) && method === "POST") {
    const callback = bodyAs<CallbackBody>(body);
    return callback.type === InteractionResponseType.ChannelMessageWithSource
      ? messageProblems(callback.data ?? {}, { create: true })
      : [];
  }
  if (/^\/webhooks\/\d+\/[^/]+\/messages\/[^/]+$/.test(path) && method === "PATCH") {
    return messageProblems(body ?? {});
  }
  if (/^\/webhooks\/\d+\/[^/]+$/.test(path) && method === "POST") {
    return messageProblems(body ?? {}, { create: true });
  }
  if (/^\/channels\/\d+\/messages$/.test(path) && method === "POST") {
    return messageProblems(body ?? {}, { create: true });
  }
  return [];
}

type Route = [method: string, pattern: RegExp, handler: (match: RegExpExecArray, method: string) => void];

/** The REST routes the bot uses, as [method or "*", path pattern, handler]. */
export function routes(world: RestWorld, request: RecordedRequest, send: Send): Route[] {
  const body: unknown = request.body;
  return [
    [
      "GET",
      /^\/gateway(?:\/bot)?$/,
      () =>
        send(200, {
          url: world.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
        }),
    ],
    ["GET", /^\/users\/@me$/, () => send(200, world.bot)],
    [
      "GET",
      /^\/applications\/@me$/,
      () =>
        send(200, {
          id: world.applicationId,
          name: "Fundstelle",
          owner: world.owner,
          team: null,
          flags: 0,
          bot_public: true,
          description: "",
        }),
    ],
    [
      "PUT",
      /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
      (m) => {
        const list: RESTPutAPIApplicationCommandsJSONBody = Array.isArray(body) ? body : [];
        send(
          200,
          list.map((c) => ({
            ...c,
            id: snowflake(),
            application_id: m[1],
            version: snowflake(),
            ...(m[2] ? { guild_id: m[2] } : {}),
          })),
        );
      },
    ],
    [
      "POST",
      /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      (m) => {
        const token = m[2] as string;
        const { type, data = {} } = bodyAs<CallbackBody>(body);
        let message: FakeMessage | undefined;
        if (
          type === InteractionResponseType.ChannelMessageWithSource ||
          type === InteractionResponseType.DeferredChannelMessageWithSource
        ) {
          message = botMessage(world, data, world.channelId, {
            flags: data.flags ?? 0,
            ...(type === InteractionResponseType.DeferredChannelMessageWithSource
              ? { content: "", flags: (data.flags ?? 0) | MessageFlags.Loading }
              : {}),
            webhook_id: world.applicationId,
            application_id: world.applicationId,
          });
          world.messages.set(`original:${token}`, message);
        }
        if (request.query.with_response === "true") {
          send(200, {
            interaction: {
              id: m[1],
              type: InteractionType.ApplicationCommand,
              response_message_id: message?.id,
            },
            resource: { type, ...(message ? { message } : {}) },
          });
        } else {
          send(204);
        }
      },
    ],
    [
      "*",
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/,
      (m, method) => {
        const key = m[3] === "@original" ? `original:${m[2]}` : (m[3] as string);
        const existing = world.messages.get(key);
        if (method === "DELETE") {
          world.messages.delete(key);
          send(204);
        } else if (!existing) {
          send(404, { message: "Unknown Message", code: 10008 });
        } else if (method === "GET") {
          send(200, existing);
        } else if (method === "PATCH") {
          const edit = bodyAs<RESTPatchAPIWebhookWithTokenMessageJSONBody>(body);
          const updated: FakeMessage = {
            ...existing,
            ...edit,
            flags: (existing.flags & ~MessageFlags.Loading) | (edit.flags ?? 0),
            edited_timestamp: new Date().toISOString(),
          };
          delete updated.allowed_mentions;
          world.messages.set(key, updated);
          send(200, updated);
        } else {
          send(405, { message: "405: Method Not Allowed", code: 0 });
        }
      },
    ],
    [
      "POST",
      /^\/webhooks\/(\d+)\/([^/]+)$/,
      () => {
        const message = botMessage(world, bodyAs<RESTPostAPIChannelMessageJSONBody>(body), world.channelId, {
          webhook_id: world.applicationId,
          application_id: world.applicationId,
        });
        world.messages.set(message.id, message);
        send(200, message);
      },
    ],
    [
      "POST",
      /^\/channels\/(\d+)\/messages$/,
      (m) => {
        const message = botMessage(world, bodyAs<RESTPostAPIChannelMessageJSONBody>(body), m[1] as string);
        world.messages.set(message.id, message);
        send(200, message);
      },
    ],
    [
      "POST",
      /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/,
      (m) => {
        const thread = threadPayload(
          world,
          m[1] as string,
          m[2] as string,
          bodyAs<RESTPostAPIChannelMessagesThreadsJSONBody>(body),
        );
        world.threads.set(thread.id, thread);
        send(201, thread);
        world.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true });
      },
    ],
    ["POST", /^\/channels\/(\d+)\/typing$/, () => send(204)],
    [
      "PUT",
      /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/,
      (m) => {
        world.reactions.push(`${m[1]}/${m[2]}/${m[3]}`);
        send(204);
      },
    ],
  ];
}
