/**
 * A fake Discord on 127.0.0.1 (REST + gateway) that the real discord.js client runs against: end-to-end
 * tests, the reliability harness and the benchmarks use it. See server.ts.
 */
export type { InjectedFailure, InjectedStall } from "./faults.ts";
export type { ClientPayloads, GatewayRecord } from "./gateway.ts";
export { PERMS, snowflake } from "./ids.ts";
export type { FakeAttachment, FakeMessage, FakeThread, FakeUser } from "./payloads.ts";
export type { RecordedFile, RecordedRequest } from "./rest.ts";
export { messageProblems } from "./rules.ts";
export { type CommandSource, FakeDiscord, type FakeDiscordOptions, type SentInteraction } from "./server.ts";
export { waitFor } from "./wait.ts";
