import { isOpenMode } from "./access-mode";

// Where `npm start` listens. An install with no access code is open to whoever reaches it: by
// default it listens on this machine only (IPv4 and IPv6 loopback), and says so plainly when
// HOSTNAME takes it further. With an access code it listens everywhere, as `next start` does.

type Env = Record<string, string | undefined>;

export interface ListenPlan {
  /** Addresses to listen on; `undefined` is every interface (IPv6 and IPv4 where available). */
  hosts: (string | undefined)[];
  /** Host for the URL printed at start-up. */
  display: string;
  /** A warning for the start-up log, in plain words. */
  warning?: string;
}

/** Loopback addresses and names: only this machine can reach them. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "::1" ||
    /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}

export function listenPlan(env: Env = process.env): ListenPlan {
  const open = isOpenMode(env);
  const hostname = env.HOSTNAME?.trim();
  if (!hostname) {
    return open
      ? { hosts: ["127.0.0.1", "::1"], display: "localhost" }
      : { hosts: [undefined], display: "localhost" };
  }
  const everywhere = hostname === "0.0.0.0" || hostname === "::" || hostname === "[::]";
  const plan: ListenPlan = {
    hosts: [hostname.replace(/^\[|\]$/g, "")],
    display: everywhere ? "localhost" : hostname,
  };
  if (open && !isLoopbackHost(hostname)) {
    plan.warning =
      `No ACCESS_CODE is set and the server listens on ${hostname} (HOSTNAME), not only on this ` +
      "machine: anyone who can reach this address can spend your DeepSeek key, run the configured " +
      "MCP tools and read what they return. Set ACCESS_CODE, or unset HOSTNAME to listen on " +
      "localhost only. (README: Security.)";
  }
  return plan;
}
