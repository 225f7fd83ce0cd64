import { clientAddress } from "@/lib/http/client-address";
import { isLoopbackHost } from "@/lib/http/listen-plan";

// Whether a request came from this machine: the first admin may be decided only then (a
// personal install), never for a sign-up from the network. Read from the same address the rate
// limit uses (client-address.ts: the socket's, unless TRUST_PROXY names proxies in front), whose
// IPv6 form is a /64 key: ::1's is the all-zero prefix, which no routable address has.

type Env = Record<string, string | undefined>;
type HeaderSource = { get(name: string): string | null };

export function isLoopbackClient(headers: HeaderSource, env: Env = process.env): boolean {
  const address = clientAddress(headers, env);
  return address === "0:0:0:0::/64" || isLoopbackHost(address);
}
