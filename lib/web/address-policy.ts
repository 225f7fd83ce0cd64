import ipaddr from "ipaddr.js";

// Which addresses the page reader may connect to: public unicast only. ipaddr.js knows the
// special ranges (RFC 6890 and friends); what it calls "unicast" is everything else. An IPv6
// address that carries an IPv4 one (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64
// 64:ff9b::/96) is judged by the IPv4 address inside; 6to4 and Teredo are refused outright.

const IPV4_REASONS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private address",
  linkLocal: "a link-local address (cloud metadata lives there)",
  carrierGradeNat: "a carrier-grade NAT address",
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  reserved: "a reserved address",
};

const IPV6_REASONS: Record<string, string> = {
  loopback: "a loopback address",
  uniqueLocal: "a private (unique local) address",
  linkLocal: "a link-local address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  "6to4": "a 6to4 address",
  teredo: "a Teredo address",
};

/** The IPv4 address in the low 32 bits of an IPv6 one. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = address.toByteArray().slice(12);
  return new ipaddr.IPv4(bytes);
}

function ipv4Refusal(address: ipaddr.IPv4): string | undefined {
  const range = address.range();
  return range === "unicast" ? undefined : (IPV4_REASONS[range] ?? `a special-purpose address (${range})`);
}

/** Why the reader must not connect to `address` (an IP literal), or undefined when it may. */
export function addressRefusal(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return "not an IP address";
  const parsed = ipaddr.parse(address);
  if (parsed instanceof ipaddr.IPv4) return ipv4Refusal(parsed);
  const range = parsed.range();
  if (range === "ipv4Mapped" || range === "rfc6052" || range === "rfc6145")
    return ipv4Refusal(embeddedIPv4(parsed));
  if (range === "unicast") return undefined;
  return IPV6_REASONS[range] ?? `a special-purpose address (${range})`;
}
