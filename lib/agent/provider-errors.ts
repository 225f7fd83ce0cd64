import OpenAI from "openai";
import { ChatError } from "./chat-error";

// Every way a provider call can fail, as one ChatError with a code and a sentence that says what
// to do. Raw provider bodies and keys never pass through.

/**
 * Takes out what must never reach a client: the given secrets (the configured key, whatever its
 * shape: a proxy or another provider's key need not look like `sk-…`), Bearer tokens and `sk-` keys.
 */
function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    // Short values would blank out ordinary words; no real key is this short.
    if (secret.length >= 8) redacted = redacted.split(secret).join("…");
  }
  return redacted.replace(/\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 …").replace(/sk-[A-Za-z0-9_-]+/g, "sk-…");
}

function providerMessage(error: InstanceType<typeof OpenAI.APIError>, secrets: readonly string[]): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === "string" ? body.message : "";
  // The provider's own sentence helps with a 400; anything long is not passed on.
  return text.length > 0 && text.length <= 300 ? redactSecrets(text, secrets) : "";
}

/** `secrets`: values the message must not carry (the configured API key). */
export function toChatError(
  error: unknown,
  idleTimeout: boolean,
  secrets: readonly string[] = [],
): ChatError {
  if (idleTimeout) {
    return new ChatError(
      "provider_timeout",
      "The model stopped sending data and the request timed out; try again.",
    );
  }
  if (error instanceof ChatError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ChatError("provider_timeout", "The model provider did not answer in time; try again.");
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new ChatError(
      "provider_unreachable",
      "The connection to the model provider failed or was lost; check DEEPSEEK_BASE_URL and the network, then try again.",
    );
  }
  if (error instanceof OpenAI.APIError) {
    const detail = providerMessage(error, secrets);
    switch (error.status) {
      case 401:
      case 403:
        return new ChatError(
          "invalid_api_key",
          "The provider rejected the API key (401): check DEEPSEEK_API_KEY in the server's environment.",
        );
      case 402:
        return new ChatError(
          "insufficient_balance",
          "The provider account has no balance left (402): top it up on the provider's platform.",
        );
      case 429:
        return new ChatError(
          "rate_limited",
          "The provider is rate limiting this account (429) even after retries; wait a moment and try again.",
        );
      case 503:
        return new ChatError(
          "provider_overloaded",
          "The provider is overloaded (503); try again in a moment.",
        );
      case 400:
      case 404:
      case 422:
        return new ChatError(
          "provider_rejected",
          `The provider rejected the request (${error.status})${detail ? `: ${detail}` : ""}.`,
        );
      default:
        return new ChatError(
          "provider_error",
          `The provider failed (${error.status ?? "no status"}); try again in a moment.`,
        );
    }
  }
  // A body that breaks mid-stream surfaces as a plain TypeError ("terminated") from fetch.
  if (error instanceof TypeError || (error as { name?: string })?.name === "SocketError") {
    return new ChatError(
      "provider_unreachable",
      "The connection to the model provider was lost mid-answer; try again.",
    );
  }
  console.error("[provider] unexpected error", error);
  return new ChatError("provider_error", "The request to the model provider failed; try again.");
}
