/**
 * The one way the bot sends anything to Discord. Every payload passes `fitMessage`, which keeps it inside
 * Discord's limits by clean trimming or splitting (never an API rejection), and every send carries
 * `allowedMentions: { parse: [] }` so text echoed from users or the article never pings anyone.
 */
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type AttachmentPayload,
  // Characters Discord counts towards the 6000-character total of a message's embeds.
  embedLength,
  type Message,
  MessageFlags,
  type MessageMentionOptions,
  type RepliableInteraction,
  type SendableChannels,
} from "discord.js";

export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** All embeds of one message together. */
  embedsTotal: 6000,
  embedsPerMessage: 10,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  filesPerMessage: 10,
  selectOptions: 25,
  selectOptionText: 100,
} as const;

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A file sent with a message (e.g. the /figures chart); it rides on the first message of a split payload. */
export interface OutgoingFile {
  name: string;
  data: Buffer;
  /** Alt text shown to screen readers. */
  description?: string;
}

export interface Outgoing {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
  files?: OutgoingFile[];
}

export type ReplyTarget =
  | { interaction: RepliableInteraction }
  | { message: Message }
  | { channel: SendableChannels };

export interface RespondOptions {
  /** Only for interactions: the reply (and any follow-ups) are visible to the caller only. */
  ephemeral?: boolean;
  /** Only for interactions: always send a new follow-up message instead of replying or editing the reply. */
  followUp?: boolean;
  /**
   * Only for button/select interactions: replace the message the component sits on (e.g. turn a page)
   * instead of answering with a new message. Attachments already on the message are kept.
   */
  update?: boolean;
}

/** Never ping: not users, not roles, not @everyone, not the author of a replied-to message. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };

const ELLIPSIS = "…";
const BLANK = "\u200b";

/** Cuts `text` to at most `max` characters, at a word boundary when one is near, ending with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  if (max === 1) return ELLIPSIS;
  let cut = safeCut(text, max - 1);
  const space = text.lastIndexOf(" ", cut);
  const newline = text.lastIndexOf("\n", cut);
  const boundary = Math.max(space, newline);
  if (boundary >= Math.floor(max * 0.6)) cut = boundary;
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/** Never cut between the two halves of a surrogate pair. */
function safeCut(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length));
  const code = text.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

const BREAKS = ["\n\n", "\n", ". ", "! ", "? ", "; ", ", ", " "];

/** Splits `text` into pieces of at most `max` characters, preferring paragraph, line, sentence, word breaks. */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError("max must be ≥ 1");
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = -1;
    for (const sep of BREAKS) {
      const at = rest.lastIndexOf(sep, max - sep.length);
      if (at > 0 && at + sep.length >= Math.floor(max * 0.5)) {
        cut = at + sep.length;
        break;
      }
    }
    if (cut <= 0) cut = safeCut(rest, max) || max;
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.trim()) pieces.push(rest.trimEnd());
  return pieces;
}

function fitField(field: APIEmbedField): APIEmbedField {
  return {
    name: truncate(field.name.trim(), LIMITS.fieldName) || BLANK,
    value: truncate(field.value.trim(), LIMITS.fieldValue) || BLANK,
    ...(field.inline ? { inline: true } : {}),
  };
}

/**
 * One embed as one or more embeds that each respect every per-embed limit: title, author and footer are
 * trimmed, fields trimmed, a long description continues in the next embed, fields beyond 25 (or beyond what
 * fits in 6000 characters) continue in the next embed. Order is kept: title, description, fields, footer.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed[] {
  const { fields = [], footer, description, timestamp, ...head } = embed;
  const first: APIEmbed = { ...head };
  if (head.title !== undefined) first.title = truncate(head.title, LIMITS.embedTitle);
  if (head.author) first.author = { ...head.author, name: truncate(head.author.name, LIMITS.authorName) };
  const continuation = (): APIEmbed => (embed.color === undefined ? {} : { color: embed.color });

  const out: APIEmbed[] = [first];
  const parts = description ? splitText(description, LIMITS.embedDescription) : [];
  parts.forEach((part, i) => {
    if (i === 0) first.description = part;
    else out.push({ ...continuation(), description: part });
  });

  let current = out[out.length - 1] as APIEmbed;
  for (const raw of fields) {
    const field = fitField(raw);
    const count = current.fields?.length ?? 0;
    const size = embedLength(current) + field.name.length + field.value.length;
    if (count >= LIMITS.embedFields || size > LIMITS.embedsTotal) {
      current = continuation();
      out.push(current);
    }
    current.fields = [...(current.fields ?? []), field];
  }

  if (footer?.text) {
    const fitted = { ...footer, text: truncate(footer.text, LIMITS.footerText) };
    if (embedLength(current) + fitted.text.length > LIMITS.embedsTotal) {
      current = continuation();
      out.push(current);
    }
    current.footer = fitted;
  }
  if (timestamp) current.timestamp = timestamp;
  // An embed needs some text; drop empty continuations (an empty first embed keeps its head, e.g. a url).
  return out.filter((e, i) => i === 0 || embedLength(e) > 0);
}

function fitComponents(rows: ActionRow[]): ActionRow[] {
  return rows.slice(0, LIMITS.actionRows).map((row) => ({
    ...row,
    components: row.components.slice(0, LIMITS.buttonsPerRow).map((c) => {
      const copy = { ...c } as Record<string, unknown>;
      if (typeof copy.label === "string") copy.label = truncate(copy.label, LIMITS.buttonLabel);
      if (typeof copy.custom_id === "string") copy.custom_id = copy.custom_id.slice(0, LIMITS.customId);
      if (typeof copy.placeholder === "string") copy.placeholder = truncate(copy.placeholder, 150);
      if (Array.isArray(copy.options)) copy.options = fitSelectOptions(copy.options);
      return copy as unknown as APIComponentInMessageActionRow;
    }),
  }));
}

/** Select menus: at most 25 options, label/value/description at most 100 characters each. */
function fitSelectOptions(options: unknown[]): unknown[] {
  return options.slice(0, LIMITS.selectOptions).map((o) => {
    const option = { ...(o as Record<string, unknown>) };
    for (const key of ["label", "description"]) {
      const v = option[key];
      if (typeof v === "string") option[key] = truncate(v, LIMITS.selectOptionText) || BLANK;
    }
    if (typeof option.value === "string") option.value = option.value.slice(0, LIMITS.selectOptionText);
    return option;
  });
}

/**
 * Turns one payload into the messages needed to send it within every limit: content over 2000 characters
 * becomes several messages; embeds are fitted and packed at most 10 and 6000 characters per message.
 * Components ride on the first message. Pure: no Discord involved.
 */
export function fitMessage(payload: Outgoing): Outgoing[] {
  const messages: Outgoing[] = splitText(payload.content ?? "", LIMITS.content).map((content) => ({
    content,
  }));
  const embeds = (payload.embeds ?? []).flatMap(fitEmbed);
  if (messages.length === 0) messages.push({});
  let last = messages[messages.length - 1] as Outgoing;
  let total = 0;
  for (const embed of embeds) {
    const size = embedLength(embed);
    const count = last.embeds?.length ?? 0;
    if (count > 0 && (count >= LIMITS.embedsPerMessage || total + size > LIMITS.embedsTotal)) {
      last = {};
      messages.push(last);
      total = 0;
    }
    last.embeds = [...(last.embeds ?? []), embed];
    total += size;
  }
  const first = messages[0] as Outgoing;
  if (payload.components?.length) first.components = fitComponents(payload.components);
  if (payload.files?.length) first.files = payload.files.slice(0, LIMITS.filesPerMessage);
  if (!first.content && !first.embeds?.length) first.content = ELLIPSIS;
  return messages;
}

/** Our files in the shape discord.js sends as multipart attachments. */
function filesOf(part: Outgoing): AttachmentPayload[] {
  return (part.files ?? []).map((f) => ({
    attachment: f.data,
    name: f.name,
    ...(f.description ? { description: f.description } : {}),
  }));
}

/** Link previews are suppressed on text-only messages; messages with our own embeds keep them. */
function flagsFor(part: Outgoing, ephemeral: boolean): number {
  let flags = ephemeral ? MessageFlags.Ephemeral : 0;
  if (!part.embeds?.length && /https?:\/\//i.test(part.content ?? "")) flags |= MessageFlags.SuppressEmbeds;
  return flags;
}

/** Sends `payload` to `target` (reply, edit of a deferred reply, message reply or channel message). */
export async function respond(
  target: ReplyTarget,
  payload: Outgoing,
  options: RespondOptions = {},
): Promise<void> {
  const parts = fitMessage(payload);
  if ("interaction" in target) {
    const interaction = target.interaction;
    // Follow-ups of an ephemeral reply (e.g. a private /ask split in two) stay ephemeral too.
    const ephemeral = options.ephemeral ?? interaction.ephemeral ?? false;
    for (const [i, part] of parts.entries()) {
      const body = { ...part, files: filesOf(part), allowedMentions: NO_MENTIONS };
      if (i === 0 && options.update && interaction.isMessageComponent() && !interaction.replied) {
        const flags = flagsFor(part, false) & MessageFlags.SuppressEmbeds;
        const update = {
          content: part.content ?? "",
          embeds: part.embeds ?? [],
          components: part.components ?? [],
          ...(part.files?.length ? { files: filesOf(part) } : {}),
          allowedMentions: NO_MENTIONS,
          ...(flags ? { flags } : {}),
        };
        if (interaction.deferred) await interaction.editReply(update);
        else await interaction.update(update);
      } else if (i === 0 && !options.followUp && !interaction.deferred && !interaction.replied) {
        await interaction.reply({ ...body, flags: flagsFor(part, ephemeral) });
      } else if (i === 0 && !options.followUp) {
        // Editing replaces the whole message: clear what an earlier progress edit put there.
        const flags = flagsFor(part, false) & MessageFlags.SuppressEmbeds;
        await interaction.editReply({
          content: part.content ?? "",
          embeds: part.embeds ?? [],
          components: part.components ?? [],
          ...(part.files?.length ? { files: filesOf(part) } : {}),
          allowedMentions: NO_MENTIONS,
          ...(flags ? { flags } : {}),
        });
      } else {
        await interaction.followUp({ ...body, flags: flagsFor(part, ephemeral) });
      }
    }
    return;
  }
  if ("message" in target) {
    const [first, ...rest] = parts;
    await target.message.reply({
      ...first,
      files: filesOf(first ?? {}),
      allowedMentions: NO_MENTIONS,
      flags: flagsFor(first ?? {}, false),
    });
    for (const part of rest) {
      if (target.message.channel.isSendable()) {
        await target.message.channel.send({
          ...part,
          files: filesOf(part),
          allowedMentions: NO_MENTIONS,
          flags: flagsFor(part, false),
        });
      }
    }
    return;
  }
  for (const part of parts) {
    await target.channel.send({
      ...part,
      files: filesOf(part),
      allowedMentions: NO_MENTIONS,
      flags: flagsFor(part, false),
    });
  }
}
