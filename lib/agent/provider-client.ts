import "server-only";
import OpenAI from "openai";
import type { ServerConfig } from "@/lib/config";
import { nodeFetch } from "./node-fetch";

/** One client per provider configuration: clients are cheap, but there is no reason to make one per round. */
const clients = new Map<string, OpenAI>();

export function clientFor(config: ServerConfig): OpenAI {
  const key = JSON.stringify([
    config.baseURL,
    config.apiKey,
    config.providerMaxRetries,
    config.providerIdleTimeoutMs,
  ]);
  let client = clients.get(key);
  if (!client) {
    if (clients.size >= 8) clients.clear();
    client = new OpenAI({
      apiKey: config.apiKey ?? "",
      baseURL: config.baseURL,
      maxRetries: config.providerMaxRetries,
      timeout: config.providerIdleTimeoutMs,
      // Behind an outbound proxy, the global fetch: Node 24 routes it through HTTPS_PROXY when
      // NODE_USE_ENV_PROXY is set, which a hand-made node:http agent would not do.
      ...(outboundProxy() ? {} : { fetch: nodeFetch }),
    });
    clients.set(key, client);
  }
  return client;
}

function outboundProxy(): boolean {
  const env = process.env;
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}
