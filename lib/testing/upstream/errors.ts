/**
 * DeepSeek's error bodies. The texts are the ones its API was seen returning (each constant names
 * where it was found), so a client that matches on them is tested against the real wording.
 */

export type ErrorBody = {
  error: { message: string; type: string; param: null; code: string };
};

export type HttpError = {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
};

export function errorBody(message: string, type = "invalid_request_error"): ErrorBody {
  // DeepSeek puts "invalid_request_error" in `code` whatever the type (seen on 401, 402 and 429 too).
  return { error: { message, type, param: null, code: "invalid_request_error" } };
}

export function badRequest(message: string): HttpError {
  return { status: 400, body: errorBody(message) };
}

export const MESSAGES = {
  // continuedev/continue#11820, BerriAI/litellm#10403 (type authentication_error).
  authInvalid: (key: string) => `Authentication Fails, Your api key: ****${key.slice(-4)} is invalid`,
  // LnYo-Cly/ai4j#42: the answer when the header is missing or not "Bearer …".
  authFormat: "Authentication Fails (auth header format should be Bearer sk-...)",
  // Aider-AI/aider#4851: {"message":"Insufficient Balance","type":"unknown_error",…}.
  insufficientBalance: "Insufficient Balance",
  // A 429 body quoted in full in a DeepSeek user's log (type rate_limit_error).
  rateLimit:
    "Too many requests. Your current concurrency is 2, which exceeds your concurrency limit of 1 based on your remaining balance. Please top up your balance to restore your concurrency.",
  // The error-codes page only names it ("500 - Server Error"); no real body was found.
  serverError: "Server Error",
  // A 503 body quoted in a DeepSeek user's log: {"message":"Server Overloaded","type":"service_unavailable_error",…}.
  serverOverloaded: "Server Overloaded",
  // LangBot#1643, easy-dataset#9.
  modelNotExist: "Model Not Exist",
  // docs/PROVIDER.md section 2, TasteSteak/CodeSeeX#17, dataelement/Clawith#570 (full body).
  reasoningNotPassedBack: "The `reasoning_content` in the thinking mode must be passed back to the API.",
  // bytedance/deer-flow#2706, TurixAI/TuriX-CUA#15.
  insufficientToolMessages:
    "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. (insufficient tool messages following tool_calls message)",
  // FoundationAgents/OpenManus#23, qwersyk/Newelle#425.
  toolWithoutCalls: "Messages with role 'tool' must be a response to a preceding message with 'tool_calls'",
  // carlrobertoh/ProxyAI#830.
  assistantNeedsContent: "Invalid assistant message: content or tool_calls must be set",
  // can1357/oh-my-pi#7315, osaurus-ai/osaurus#1940.
  thinkingToolChoice: "Thinking mode does not support this tool_choice",
  // nikkigallery/Whimbox#61, zed-industries/zed#57531.
  toolNamePattern: (i: number) =>
    `Invalid 'tools[${i}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
  // mrexodia/ida-pro-mcp#129.
  toolNameLength: (i: number, length: number) =>
    `Invalid 'tools[${i}].function.name': string too long. Expected a string with maximum length 64, but got a string with length ${length} instead.`,
  // Not found verbatim: worded like the name-length message above.
  tooManyTools: (length: number) =>
    `Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with length ${length} instead.`,
  // Prefixes from esengine/DeepSeek-Reasonix#1906 and tailcallhq/forgecode#2008 (serde wording).
  notJson: (detail: string) => `Failed to parse the request body as JSON: ${detail}`,
  deserialize: (detail: string) => `Failed to deserialize the JSON body into the target type: ${detail}`,
} as const;

/** The error a `status` scenario (or a failed auth) answers with. */
export function statusError(status: number, apiKey: string, retryAfter?: number): HttpError {
  const withRetry = (error: HttpError): HttpError =>
    retryAfter === undefined ? error : { ...error, headers: { "retry-after": String(retryAfter) } };
  switch (status) {
    case 401:
      return { status, body: errorBody(MESSAGES.authInvalid(apiKey), "authentication_error") };
    case 402:
      return { status, body: errorBody(MESSAGES.insufficientBalance, "unknown_error") };
    case 429:
      return withRetry({ status, body: errorBody(MESSAGES.rateLimit, "rate_limit_error") });
    case 500:
      return withRetry({ status, body: errorBody(MESSAGES.serverError, "api_error") });
    case 503:
      return withRetry({ status, body: errorBody(MESSAGES.serverOverloaded, "service_unavailable_error") });
    default:
      return withRetry({ status, body: errorBody(`HTTP ${status}`) });
  }
}

/** Checks the Authorization header the way DeepSeek does; null when it is accepted. */
export function checkAuth(header: string | undefined, apiKey: string): HttpError | null {
  const match = /^Bearer (.+)$/.exec(header ?? "");
  const given = match?.[1]?.trim();
  if (!given) return { status: 401, body: errorBody(MESSAGES.authFormat, "authentication_error") };
  if (given !== apiKey) {
    return { status: 401, body: errorBody(MESSAGES.authInvalid(given), "authentication_error") };
  }
  return null;
}
