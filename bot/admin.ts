/** Server-side admin check for /reindex, on top of the command's `default_member_permissions`. */
import { GuildMember, type Interaction, PermissionFlagsBits } from "discord.js";

export interface AdminSettings {
  adminUserIds: readonly string[];
  adminRoleIds: readonly string[];
}

/** What the check needs to know about the caller, independent of discord.js classes. */
export interface AdminSubject {
  userId: string;
  /** The member's permission bits in this channel as Discord computed them (null outside a server). */
  permissions: bigint | null;
  roleIds: readonly string[];
}

const ADMIN_BITS = [PermissionFlagsBits.Administrator, PermissionFlagsBits.ManageGuild];

export function isAdmin(subject: AdminSubject, settings: AdminSettings): boolean {
  if (settings.adminUserIds.includes(subject.userId)) return true;
  if (subject.roleIds.some((id) => settings.adminRoleIds.includes(id))) return true;
  const perms = subject.permissions;
  return perms !== null && ADMIN_BITS.some((bit) => (perms & bit) === bit);
}

/**
 * Reads the caller from the interaction payload. Permissions come from the payload Discord signed for this
 * interaction (`member.permissions`), never from the client's cache.
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
