/**
 * Who may change the shared corpus and re-index, checked on the server for every command (on top of the
 * command's `default_member_permissions`, which only hides it). The corpus is shared by every server the bot
 * is in, so by default only the bot's operators may change it: ADMIN_USER_IDS, ADMIN_ROLE_IDS and the
 * application's owner or team members. With CORPUS_EDITORS=server-admins, each server's admins may too.
 */
import { GuildMember, type Interaction, PermissionFlagsBits } from "discord.js";
import type { CorpusEditors } from "../config/index.ts";

export interface AdminSettings {
  adminUserIds: readonly string[];
  adminRoleIds: readonly string[];
  /** Default "operators". */
  corpusEditors?: CorpusEditors;
}

/** What the check needs to know about the caller, independent of discord.js classes. */
export interface AdminSubject {
  userId: string;
  /** The member's permission bits in this channel as Discord computed them (null outside a server). */
  permissions: bigint | null;
  roleIds: readonly string[];
}

const ADMIN_BITS = [PermissionFlagsBits.Administrator, PermissionFlagsBits.ManageGuild];

/** Administrator or Manage Server in the server the command came from. */
export function isServerAdmin(subject: AdminSubject): boolean {
  const perms = subject.permissions;
  return perms !== null && ADMIN_BITS.some((bit) => (perms & bit) === bit);
}

/** The bot's operators: configured users and roles, and the application's owner or team (`ownerIds`). */
export function isOperator(
  subject: AdminSubject,
  settings: AdminSettings,
  ownerIds: ReadonlySet<string> = new Set(),
): boolean {
  if (ownerIds.has(subject.userId)) return true;
  if (settings.adminUserIds.includes(subject.userId)) return true;
  return subject.roleIds.some((id) => settings.adminRoleIds.includes(id));
}

/** Operators and server admins alike (for read-only admin views such as /stats). */
export function isAdmin(
  subject: AdminSubject,
  settings: AdminSettings,
  ownerIds: ReadonlySet<string> = new Set(),
): boolean {
  return isOperator(subject, settings, ownerIds) || isServerAdmin(subject);
}

/** May change the corpus and re-index under the CORPUS_EDITORS policy. */
export function mayChangeCorpus(
  subject: AdminSubject,
  settings: AdminSettings,
  ownerIds: ReadonlySet<string> = new Set(),
): boolean {
  if (isOperator(subject, settings, ownerIds)) return true;
  return settings.corpusEditors === "server-admins" && isServerAdmin(subject);
}

/**
 * Reads the caller from the interaction. Permissions are the bits Discord computed for this interaction's
 * payload (`memberPermissions`), not the client's cache. Role ids of a cached member do go through the guild's
 * role cache (discord.js resolves the payload's ids there): a role missing from it counts as not held, so the
 * check fails closed; an uncached member's ids are the payload's own.
 */
export function adminSubjectOf(interaction: Interaction): AdminSubject {
  const member = interaction.member;
  let roleIds: readonly string[] = [];
  if (member instanceof GuildMember) roleIds = [...member.roles.cache.keys()];
  else if (member && Array.isArray(member.roles)) roleIds = member.roles;
  return {
    userId: interaction.user.id,
    permissions: interaction.memberPermissions?.bitfield ?? null,
    roleIds,
  };
}
