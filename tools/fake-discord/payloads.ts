/**
 * The JSON the fake Discord sends: users, members, the guild, channels, threads, interactions and messages,
 * shaped like Discord's (discord.js parses them as it would parse the real ones).
 */
import { randomBytes } from "node:crypto";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  InteractionContextType,
  type InteractionType,
  MessageType,
  type RESTPostAPIChannelMessagesThreadsJSONBody,
  ThreadAutoArchiveDuration,
} from "discord-api-types/v10";
import { PERMS, snowflake } from "./ids.ts";

/** A JSON object as it travels between the bot and the fake. */
export type JsonObject = Record<string, unknown>;

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
  flags: number;
}

/** A message as the fake stores it (created by the bot, edited with PATCH). */
export interface FakeMessage extends JsonObject {
  id: string;
  channel_id: string;
  flags: number;
}

/** A thread the bot opened on a message. */
export interface FakeThread extends JsonObject {
  id: string;
  type: ChannelType.PublicThread;
}

/** A file as Discord's CDN serves it, and as it appears in `data.resolved.attachments`. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type: string;
}

export const isAttachment = (value: unknown): value is FakeAttachment =>
  typeof value === "object" && value !== null && "proxy_url" in value;

/** What the payloads need to know of the fake's one guild, channel and bot. */
export interface World {
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly adminRoleId: string;
  readonly guildLocale: string;
  readonly bot: FakeUser;
  readonly admin: FakeUser;
  readonly threads: ReadonlyMap<string, FakeThread>;
}

/** Who sends an interaction, and from where. */
export interface InteractionSource {
  permissions?: bigint;
  roles?: string[];
  locale?: string;
  channelId?: string;
  guildId?: string;
  /** A direct message to the bot: no guild, no member, the user at the top level. */
  dm?: boolean;
}

/** An option value of a slash command: string, boolean, or an attachment from `attach()`. */
export type CommandOptionValue = string | boolean | FakeAttachment;

export function fakeUser(id: string, username: string, bot = false): FakeUser {
  return {
    id,
    username,
    global_name: username,
    discriminator: "0",
    avatar: null,
    flags: 0,
    ...(bot ? { bot } : {}),
  };
}

export function memberPayload(u: FakeUser, roles: string[], permissions?: bigint) {
  return {
    user: u,
    roles,
    joined_at: new Date().toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
    ...(permissions === undefined ? {} : { permissions: String(permissions) }),
  };
}

function role(id: string, name: string, position: number, mentionable: boolean) {
  return {
    id,
    name,
    color: 0,
    hoist: false,
    position,
    permissions: String(PERMS.member),
    managed: false,
    mentionable,
    flags: 0,
  };
}

/** A thread the bot opened, or the fake's one text channel. */
export function channelPayload(world: World, channelId: string) {
  const thread = world.threads.get(channelId);
  if (thread) return thread;
  return {
    id: channelId,
    type: ChannelType.GuildText,
    guild_id: world.guildId,
    name: "fragen",
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

/** GUILD_CREATE's payload: the fake's one guild with its roles, the bot as member and the one channel. */
export function guildPayload(world: World) {
  const now = new Date().toISOString();
  return {
    id: world.guildId,
    name: "Testserver",
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: world.admin.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.AllMessages,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    mfa_level: GuildMFALevel.None,
    nsfw_level: GuildNSFWLevel.Default,
    premium_tier: GuildPremiumTier.None,
    premium_progress_bar_enabled: false,
    preferred_locale: world.guildLocale,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    vanity_url_code: null,
    application_id: null,
    features: [],
    emojis: [],
    stickers: [],
    roles: [role(world.guildId, "@everyone", 0, false), role(world.adminRoleId, "Korpus-Admins", 1, true)],
    joined_at: now,
    large: false,
    unavailable: false,
    member_count: 4,
    voice_states: [],
    members: [memberPayload(world.bot, [])],
    channels: [channelPayload(world, world.channelId)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** READY's payload for a new session; the guild is listed (unavailable) only on the shard that owns it. */
export function readyPayload(
  world: World,
  session: { id: string; shard: [number, number] | undefined; ownsGuild: boolean; resumeUrl: string },
) {
  return {
    v: 10,
    user: { ...world.bot, verified: true, mfa_enabled: false, email: null },
    guilds: session.ownsGuild ? [{ id: world.guildId, unavailable: true }] : [],
    session_id: session.id,
    resume_gateway_url: session.resumeUrl,
    shard: session.shard ?? [0, 1],
    application: { id: world.applicationId, flags: 0 },
    private_channels: [],
    relationships: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    user_settings: {},
  };
}

/** The fields every interaction shares, in a guild channel or (`dm`) in a direct message to the bot. */
export function interactionBase(
  world: World,
  type: InteractionType,
  from: FakeUser,
  options: InteractionSource,
): { id: string; token: string; payload: JsonObject } {
  const id = snowflake();
  const guildId = options.guildId ?? world.guildId;
  const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(24).toString("base64url")}`;
  if (options.dm) {
    const channelId = options.channelId ?? snowflake();
    return {
      id,
      token,
      payload: {
        id,
        application_id: world.applicationId,
        type,
        token,
        version: 1,
        channel_id: channelId,
        channel: { id: channelId, type: ChannelType.DM, recipients: [from], last_message_id: null, flags: 0 },
        user: from,
        locale: options.locale ?? "de",
        app_permissions: String(PERMS.member),
        entitlements: [],
        authorizing_integration_owners: { [ApplicationIntegrationType.UserInstall]: from.id },
        context: InteractionContextType.BotDM,
        attachment_size_limit: 10_485_760,
      },
    };
  }
  const channelId = options.channelId ?? world.channelId;
  const permissions = options.permissions ?? PERMS.member;
  return {
    id,
    token,
    payload: {
      id,
      application_id: world.applicationId,
      type,
      token,
      version: 1,
      guild_id: guildId,
      guild: { id: guildId, locale: world.guildLocale, features: [] },
      channel_id: channelId,
      channel: channelPayload(world, channelId),
      member: memberPayload(from, options.roles ?? [], permissions),
      locale: options.locale ?? "de",
      guild_locale: world.guildLocale,
      app_permissions: String(PERMS.member),
      entitlements: [],
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
      context: InteractionContextType.Guild,
      attachment_size_limit: 10_485_760,
    },
  };
}

function optionType(value: string | boolean): ApplicationCommandOptionType {
  return typeof value === "boolean"
    ? ApplicationCommandOptionType.Boolean
    : ApplicationCommandOptionType.String;
}

/**
 * A chat-input command's `data`: `name` may name a subcommand (`"corpus add"`); attachments go into
 * `resolved.attachments`, the option being typed (autocomplete) is marked `focused`.
 */
export function commandData(name: string, options: Record<string, CommandOptionValue>, focused?: string) {
  const [command = name, subcommand] = name.split(" ");
  const attachments: Record<string, FakeAttachment> = {};
  const list = Object.entries(options).map(([n, value]) => {
    if (isAttachment(value)) {
      attachments[value.id] = value;
      return { name: n, type: ApplicationCommandOptionType.Attachment, value: value.id };
    }
    return { name: n, type: optionType(value), value, ...(focused === n ? { focused: true } : {}) };
  });
  return {
    id: snowflake(),
    name: command,
    type: ApplicationCommandType.ChatInput,
    options: subcommand
      ? [{ name: subcommand, type: ApplicationCommandOptionType.Subcommand, options: list }]
      : list,
    ...(Object.keys(attachments).length > 0 ? { resolved: { attachments } } : {}),
  };
}

/** A message component interaction's `data`: a button press or a string select choice. */
export function componentData(customId: string, values?: string[]) {
  return values === undefined
    ? { custom_id: customId, component_type: ComponentType.Button }
    : { custom_id: customId, component_type: ComponentType.StringSelect, values };
}

/** MESSAGE_CREATE's payload for a user's message in the guild. */
export function userMessage(
  world: World,
  content: string,
  options: { from: FakeUser; channelId: string; mentionBot: boolean },
) {
  const roleMentions = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]);
  return {
    id: snowflake(),
    type: MessageType.Default,
    channel_id: options.channelId,
    guild_id: world.guildId,
    author: options.from,
    member: memberPayload(options.from, []),
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: content.includes("@everyone") || content.includes("@here"),
    mentions: options.mentionBot ? [{ ...world.bot, member: memberPayload(world.bot, []) }] : [],
    mention_roles: roleMentions,
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
  };
}

/** The fields of a message body the stored message keeps (channel messages, webhooks, interaction responses). */
export interface MessageBody {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  flags?: number;
  message_reference?: { message_id?: string };
}

/** The message Discord stores for a body the bot sent (a reply when it references another message). */
export function botMessage(
  world: World,
  body: MessageBody,
  channelId: string,
  extra: JsonObject = {},
): FakeMessage {
  return {
    id: snowflake(),
    type: body.message_reference ? MessageType.Reply : MessageType.Default,
    channel_id: channelId,
    guild_id: world.guildId,
    author: world.bot,
    content: body.content ?? "",
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    flags: body.flags ?? 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    ...(body.message_reference
      ? { message_reference: { ...body.message_reference, channel_id: channelId } }
      : {}),
    ...extra,
  };
}

/** The public thread the bot opens on message `messageId` in `parentId` (its id is the message's). */
export function threadPayload(
  world: World,
  parentId: string,
  messageId: string,
  body: Partial<RESTPostAPIChannelMessagesThreadsJSONBody>,
): FakeThread {
  const now = new Date().toISOString();
  return {
    id: messageId,
    type: ChannelType.PublicThread,
    guild_id: world.guildId,
    parent_id: parentId,
    owner_id: world.bot.id,
    name: body.name ?? "thread",
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: body.auto_archive_duration ?? ThreadAutoArchiveDuration.OneDay,
      archive_timestamp: now,
      locked: false,
      create_timestamp: now,
    },
    member: { id: messageId, user_id: world.bot.id, join_timestamp: now, flags: 0 },
  };
}
