import "server-only";

import { contextWindows } from "@/lib/agent/context-window";

// Server configuration from the environment (PROTOCOL.md section 7). Read per request, not at import,
// so a deployment's environment and a test's overrides are both seen.

const DEFAULT_BASE_URL = "https://api.deepseek.com";
// deepseek-chat / deepseek-reasoner were retired on 2026-07-24 (docs/PROVIDER.md, section 1): never default to them.
const DEFAULT_MODEL = "deepseek-flash";

export interface ServerConfig {
  apiKey: string | undefined;
  baseURL: string;
  defaultModel: string;
  /** What a request may choose; always contains the default. */
  models: string[];
  maxToolRounds: number;
  /** No byte from the provider for this long (keep-alives count) ends the answer with an error. */
  providerIdleTimeoutMs: number;
  /** Retries of 429/5xx/connection errors before the first byte (the SDK's own retry, with backoff). */
  providerMaxRetries: number;
  toolTimeoutMs: number;
  /** A server that is down costs a request at most this long, and then nothing for mcpRetryAfterMs. */
  mcpConnectTimeoutMs: number;
  /** Request size limits (PROTOCOL.md section 1): body bytes, checked while reading; messages; characters per message. */
  bodyLimitBytes: number;
  maxMessages: number;
  maxMessageChars: number;
  /** The whole answer's cap, below the platform's maxDuration (300 s in app/api/chat/route.ts). */
  answerTimeoutMs: number;
  mcpRetryAfterMs: number;
  /** APPROVAL_TIMEOUT_S: the longest an `ask` tool's call waits for the user (PROTOCOL.md section 24). */
  approvalTimeoutMs: number;
  /** Running on Vercel (VERCEL is set): a wait for approval ends before the route's maxDuration. */
  onVercel: boolean;
  /** Resumable streams (PROTOCOL.md section 8): how long a finished one stays replayable, and bounds. */
  resumeTtlMs: number;
  resumeMaxStreams: number;
  resumeMaxStreamBytes: number;
  resumeMaxBytes: number;
  /** Live resumable runs one client may have at once; at most RUNS_SHARE_OF_STREAMS of resumeMaxStreams. */
  resumeMaxRunsPerClient: number;
  /** Re-attached readers (GET /api/chat/<id>) at once, of one answer and of one client, in this process. */
  resumeMaxReadersPerStream: number;
  resumeMaxReadersPerClient: number;
  /** How many tokens each offered model reads at once (PROTOCOL.md section 19). */
  contextWindows: Record<string, number>;
  /** Budgets of accounts mode (PROTOCOL.md section 17); undefined: unlimited. */
  quotaTokensPerDay: number | undefined;
  quotaUsdPerMonth: number | undefined;
  /** The IANA zone whose midnight starts a budget's day and month. */
  quotaTimeZone: string;
  /** Answers one account may have running at once. */
  userMaxConcurrent: number;
  /** Files (PROTOCOL.md section 20): per user message, how many and their text's characters together. */
  maxFiles: number;
  maxFileChars: number;
  /** An upload to POST /api/files: its bytes, a PDF's pages, and the extraction's time. */
  fileMaxBytes: number;
  fileMaxPages: number;
  fileTimeoutMs: number;
  /** Images (PROTOCOL.md section 20): the models that read them; per question, one's bytes, and a request's together. */
  visionModels: string[];
  maxImages: number;
  imageMaxBytes: number;
  conversationImageBytes: number;
  /** What /api/chat reads of a body: BODY_LIMIT_BYTES for the rest, and room for the images' base64. */
  chatBodyLimitBytes: number;
}

/**
 * One client's live runs are capped at this share of RESUME_MAX_STREAMS whatever
 * RESUME_MAX_RUNS_PER_CLIENT says, so that one client never fills the store for everyone.
 */
const RUNS_SHARE_OF_STREAMS = 1 / 4;

let warnedRunsCap = false;

function runsPerClient(env: Env, maxStreams: number): number {
  const configured = integer(env, "RESUME_MAX_RUNS_PER_CLIENT", 8, 1, 1_000_000);
  const ceiling = Math.max(1, Math.floor(maxStreams * RUNS_SHARE_OF_STREAMS));
  if (configured <= ceiling) return configured;
  // Config is read per request: say it once, not per answer.
  if (!warnedRunsCap && env.RESUME_MAX_RUNS_PER_CLIENT?.trim()) {
    warnedRunsCap = true;
    console.warn(
      `[config] RESUME_MAX_RUNS_PER_CLIENT=${configured} is more than a quarter of RESUME_MAX_STREAMS=${maxStreams}; using ${ceiling}`,
    );
  }
  return ceiling;
}

export type Env = Record<string, string | undefined>;

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.warn(`[config] ${name}=${raw} is not a whole number from ${min} to ${max}; using ${fallback}`);
    return fallback;
  }
  return value;
}

/** A limit: unset is unlimited; a mistake is said and read as unlimited, never as zero. */
function optionalAmount(env: Env, name: string, whole: boolean): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (whole && !Number.isSafeInteger(value))) {
    console.warn(
      `[config] ${name}=${raw} is not a ${whole ? "whole " : ""}number of 0 or more; no limit applies`,
    );
    return undefined;
  }
  return value;
}

function timeZone(env: Env, name: string): string {
  const raw = env[name]?.trim();
  if (!raw) return "UTC";
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    console.warn(`[config] ${name}=${raw} is not a time zone Intl knows (e.g. Asia/Shanghai); using UTC`);
    return "UTC";
  }
}

export function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

export function loadConfig(env: Env = process.env): ServerConfig {
  const listed = list(env.DEEPSEEK_MODELS);
  const defaultModel = env.DEEPSEEK_MODEL?.trim() || listed[0] || DEFAULT_MODEL;
  const models = listed.includes(defaultModel) ? listed : [defaultModel, ...listed];
  const resumeMaxStreams = integer(env, "RESUME_MAX_STREAMS", 1_000, 1, 1_000_000);
  const bodyLimitBytes = integer(env, "BODY_LIMIT_BYTES", 1_000_000, 1_000, 100_000_000);
  return {
    apiKey: env.DEEPSEEK_API_KEY?.trim() || undefined,
    baseURL: (env.DEEPSEEK_BASE_URL?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, ""),
    defaultModel,
    models,
    maxToolRounds: integer(env, "MAX_TOOL_ROUNDS", 8, 1, 100),
    // DeepSeek keeps a queued request open with keep-alive comments for up to 10 minutes, and
    // those count as activity, so this only catches a stream that has really gone silent.
    providerIdleTimeoutMs: integer(env, "PROVIDER_IDLE_TIMEOUT_MS", 90_000, 100, 3_600_000),
    providerMaxRetries: integer(env, "PROVIDER_MAX_RETRIES", 2, 0, 10),
    toolTimeoutMs: integer(env, "TOOL_TIMEOUT_MS", 60_000, 100, 3_600_000),
    mcpConnectTimeoutMs: integer(env, "MCP_CONNECT_TIMEOUT_MS", 10_000, 100, 600_000),
    answerTimeoutMs: integer(env, "ANSWER_TIMEOUT_MS", 280_000, 1_000, 3_600_000),
    bodyLimitBytes,
    maxMessages: integer(env, "MAX_MESSAGES", 500, 1, 100_000),
    maxMessageChars: integer(env, "MAX_MESSAGE_CHARS", 200_000, 1, 10_000_000),
    mcpRetryAfterMs: integer(env, "MCP_RETRY_AFTER_MS", 30_000, 0, 3_600_000),
    approvalTimeoutMs: integer(env, "APPROVAL_TIMEOUT_S", 600, 1, 86_400) * 1000,
    onVercel: Boolean(env.VERCEL?.trim()),
    resumeTtlMs: integer(env, "RESUME_TTL_S", 600, 1, 7 * 24 * 3600) * 1000,
    resumeMaxStreams,
    resumeMaxStreamBytes: integer(env, "RESUME_MAX_STREAM_BYTES", 4 * 1024 * 1024, 1_024, 1_073_741_824),
    resumeMaxBytes: integer(env, "RESUME_MAX_BYTES", 256 * 1024 * 1024, 1_024, 68_719_476_736),
    // A household answers a few questions at once (several people, several tabs); eight live runs
    // from one address is more than that, and at most 8 × RESUME_MAX_STREAM_BYTES of the store.
    resumeMaxRunsPerClient: runsPerClient(env, resumeMaxStreams),
    // One answer followed from a few devices and tabs, plus connections the server still thinks
    // open after a phone changed networks (until TCP gives up on them, minutes later).
    resumeMaxReadersPerStream: integer(env, "RESUME_MAX_READERS_PER_STREAM", 16, 1, 100_000),
    // A household's open answers times its devices; each reader holds at most one batch of events
    // and its socket's buffers, so 64 of them cost a few MiB.
    resumeMaxReadersPerClient: integer(env, "RESUME_MAX_READERS_PER_CLIENT", 64, 1, 1_000_000),
    contextWindows: contextWindows(env, models),
    quotaTokensPerDay: optionalAmount(env, "QUOTA_TOKENS_PER_DAY", true),
    quotaUsdPerMonth: optionalAmount(env, "QUOTA_USD_PER_MONTH", false),
    quotaTimeZone: timeZone(env, "QUOTA_TIMEZONE"),
    // Also the bound on a burst's overshoot of a budget: at most this many answers' last rounds.
    userMaxConcurrent: integer(env, "USER_MAX_CONCURRENT", 3, 1, 1_000),
    ...fileLimits(env),
    ...imageLimits(env, bodyLimitBytes),
  };
}

function fileLimits(env: Env) {
  return {
    maxFiles: integer(env, "MAX_FILES", 10, 0, 1_000),
    maxFileChars: integer(env, "MAX_FILE_CHARS", 200_000, 1, 10_000_000),
    // Next's proxy reads at most 10 MB of a request's body: a larger file would arrive cut short.
    fileMaxBytes: integer(env, "FILE_MAX_BYTES", 8_000_000, 1_000, 9_500_000),
    fileMaxPages: integer(env, "FILE_MAX_PAGES", 200, 1, 10_000),
    fileTimeoutMs: integer(env, "FILE_TIMEOUT_MS", 20_000, 100, 600_000),
  };
}

// DeepSeek's models that read images (its vision guide): V4.1-Flash. deepseek-v4-pro reads text only.
const DEFAULT_VISION_MODELS = ["deepseek-flash"];

function imageLimits(env: Env, bodyLimitBytes: number) {
  // Set but empty: no model reads images.
  const visionModels = env.VISION_MODELS === undefined ? DEFAULT_VISION_MODELS : list(env.VISION_MODELS);
  // A request's images travel as base64 (4 bytes for 3) inside the JSON body, which Next's proxy
  // reads 10 MB of: with the default BODY_LIMIT_BYTES the ceiling keeps the two under that.
  const conversationImageBytes = integer(env, "CONVERSATION_IMAGE_BYTES", 6_000_000, 0, 6_500_000);
  return {
    visionModels,
    maxImages: integer(env, "MAX_IMAGES", 4, 0, 100),
    imageMaxBytes: integer(env, "IMAGE_MAX_BYTES", 5_000_000, 1_000, 6_500_000),
    conversationImageBytes,
    chatBodyLimitBytes: bodyLimitBytes + Math.ceil((conversationImageBytes * 4) / 3),
  };
}
