import { isIP } from "node:net";

// Who is asking, for the rate limit. The access code is shared, so it is not an identity; the
// network address is the best we have. Next's proxy and route handlers get headers only, no
// socket: Next's server writes the socket address into X-Forwarded-For when the request brings
// none, and keeps the header as it came otherwise. So:
//
// - TRUST_PROXY unset or 0 (nothing in front): the last X-Forwarded-For entry, which is the socket
//   address. A client talking to the app directly can forge it; that is why a server open to the
//   internet belongs behind a proxy.
// - TRUST_PROXY=n (n proxies in front, `true` = 1): the entry n places from the right. Proxies
//   append the address they saw (nginx's $proxy_add_x_forwarded_for) or replace the header (Vercel,
//   Caddy), so that entry was written by the outermost trusted proxy. Entries further left come
//   from the client and can say anything: the leftmost "first hop" is never used.

type Env = Record<string, string | undefined>;

const MAX_KEY_LENGTH = 64;

export function trustedHops(env: Env = process.env): number {
  const value = env.TRUST_PROXY?.trim().toLowerCase();
  if (value === "true" || value === "yes") return 1;
  const hops = Number(value);
  return Number.isInteger(hops) && hops > 0 ? hops : 0;
}

export function clientAddress(headers: { get(name: string): string | null }, env: Env = process.env): string {
  const hops = Math.max(1, trustedHops(env));
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the chain is shorter than configured; the leftmost is the closest.
  const address = entries[Math.max(0, entries.length - hops)];
  return address ? networkKey(address) : "unknown";
}

/**
 * One key per client network: IPv4 as is, IPv6 by its /64 (one machine usually holds a whole /64,
 * so single addresses would let it rotate past the limit). Anything else is cut short, so a forged
 * header cannot make keys of any size.
 */
export function networkKey(address: string): string {
  // "[::1]:443" and "1.2.3.4:5678" (some load balancers add the port)
  const bare = address.replace(/^\[|\](:\d+)?$/g, "").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  const mapped = bare.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  if (mapped) return mapped;
  if (isIP(bare) === 6) return `${expandIpv6(bare).slice(0, 4).join(":")}::/64`;
  return bare.slice(0, MAX_KEY_LENGTH);
}

function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros =
    tail === undefined ? [] : Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0");
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}
