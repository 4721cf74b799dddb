/**
 * Which addresses the fetcher may connect to: public unicast only. Everything a server-side request forgery
 * would aim at (loopback, private, link-local, CGNAT, multicast, reserved, unspecified, IPv4-mapped and other
 * IPv6 ranges that embed or tunnel IPv4) is refused.
 */
import ipaddr from "ipaddr.js";

/** Names of ipaddr.js ranges, turned into words an admin understands. */
const RANGE_WORDS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private network address",
  uniqueLocal: "a private network address",
  linkLocal: "a link-local address",
  carrierGradeNat: "a carrier-grade NAT address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  unspecified: "an unspecified address",
  reserved: "a reserved address",
  ipv4Mapped: "an IPv4-mapped IPv6 address",
  rfc6145: "an IPv4-translated IPv6 address",
  rfc6052: "a NAT64 address",
  "6to4": "a 6to4 tunnel address",
  teredo: "a Teredo tunnel address",
};

/** Strips the brackets URL.hostname keeps around IPv6 literals. */
export function bareHost(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(bareHost(host));
}

/** Returns why `address` must not be contacted, or null when it is a public unicast address. */
export function addressProblem(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(bareHost(address));
  } catch {
    return "not an IP address";
  }
  const range = parsed.range();
  if (range === "unicast") return null;
  return RANGE_WORDS[range] ?? `a special-purpose address (${range})`;
}
