import { answerSources } from "@/lib/chat-client/answer-sources";
import type {
  FilePart,
  ImagePart,
  ReasoningPart,
  ToolPart,
  UIMessage,
  UIPart,
} from "@/lib/chat-client/types";
import { formatMoney, formatShare } from "@/lib/cost/format-money";
import { formatBytes } from "@/lib/files/format-bytes";
import type { Stats } from "@/lib/protocol/events";
import { closeOpenFence, escapeHtml, fenced, insideDetails, prettyJson } from "./markdown-blocks";
import { sourcesMarkdown } from "./sources-markdown";

// One conversation as Markdown (PROTOCOL.md section 12): the branch the reader sees, as the chat
// shows it. Reasoning and tool calls fold into <details>, which GitHub, VS Code and most viewers
// open on a click; answers keep their Markdown as the model wrote it, and an answer's web sources
// follow it as a list its [n] citations refer to (PROTOCOL.md section 22).

/** The words, in the reader's language: the interface's own (components/i18n/dictionary.ts). */
export interface MarkdownLabels {
  appName: string;
  you: string;
  assistant: string;
  reasoning: string;
  thoughtFor(seconds: number): string;
  tool: string;
  toolDone(duration: string): string;
  toolFailed: string;
  arguments: string;
  result: string;
  error: string;
  interrupted: string;
  stopped: string;
  statsTokens: string;
  statsPrompt: string;
  statsCompletion: string;
  statsTotal: string;
  statsReasoning: string;
  statsCached: string;
  statsFirstByte: string;
  statsTime: string;
  statsSpeed: string;
  statsTools(count: number): string;
  pricesAsOf(date: string): string;
  sources: string;
}

/** What the export shows of a message. */
export type MarkdownMessage = Pick<
  UIMessage,
  "role" | "content" | "parts" | "status" | "model" | "stats" | "error"
>;

export interface MarkdownConversation {
  title: string;
  createdAt: number;
  /** The branch shown: from the first message to the current leaf. */
  messages: readonly MarkdownMessage[];
}

export function conversationMarkdown(conversation: MarkdownConversation, t: MarkdownLabels): string {
  const blocks = [
    `# ${escapeHtml(conversation.title.replace(/\s+/g, " ").trim() || t.appName)}`,
    `<sub>${escapeHtml(t.appName)} · ${dateTime(conversation.createdAt)}</sub>`,
  ];
  for (const message of conversation.messages) blocks.push("---", ...messageBlocks(message, t));
  return `${blocks.join("\n\n")}\n`;
}

function messageBlocks(message: MarkdownMessage, t: MarkdownLabels): string[] {
  if (message.role === "user") {
    const files = message.parts.flatMap((part) =>
      part.type === "file" || part.type === "image" ? [fileLine(part)] : [],
    );
    return [`## ${t.you}`, ...(files.length ? [files.join("\n")] : []), closeOpenFence(message.content)];
  }
  const blocks = [`## ${t.assistant}`];
  for (const part of message.parts) {
    const block = partBlock(part, t);
    if (block) blocks.push(block);
  }
  const texts = message.parts.some((part) => part.type === "text");
  if (!texts && message.content.trim()) blocks.push(closeOpenFence(message.content));
  const sources = sourcesMarkdown(answerSources(message.parts), t.sources);
  if (sources) blocks.push(sources);
  if (message.status === "stopped" || message.status === "interrupted") {
    blocks.push(`*${message.status === "stopped" ? t.stopped : t.interrupted}*`);
  }
  const shownError = message.parts.some((part) => part.type === "error");
  if (message.error && !shownError) blocks.push(errorBlock(message.error.message, message.error.code, t));
  const stats = statsLine(message, t);
  if (stats) blocks.push(stats);
  return blocks;
}

/** Each kind of part the chat shows; a new kind fails to compile here until it is written out. */
function partBlock(part: UIPart, t: MarkdownLabels): string | undefined {
  switch (part.type) {
    case "text":
      return part.text.trim() ? closeOpenFence(part.text) : undefined;
    case "reasoning":
      return part.text.trim() ? reasoningBlock(part, t) : undefined;
    case "tool":
      return toolBlock(part, t);
    case "error":
      return errorBlock(part.message, part.code, t);
    case "file":
    case "image":
      return undefined;
    default:
      return unknownPart(part);
  }
}

/** An attached file or image: its name and size (the JSON export keeps its text or bytes). */
function fileLine(part: FilePart | ImagePart): string {
  const icon = part.type === "image" ? "🖼️" : "📎";
  return `- ${icon} ${escapeHtml(part.name)} (${formatBytes(part.size)})`;
}

function unknownPart(part: never): undefined {
  void part;
  return undefined;
}

function reasoningBlock(part: ReasoningPart, t: MarkdownLabels): string {
  const title =
    part.endedAt === undefined
      ? t.reasoning
      : t.thoughtFor(Math.max(1, Math.round((part.endedAt - part.startedAt) / 1000)));
  return details(escapeHtml(title), insideDetails(part.text));
}

function toolBlock(part: ToolPart, t: MarkdownLabels): string {
  const server = part.server ? ` (${escapeHtml(part.server)})` : "";
  const outcome =
    part.status === "failed"
      ? ` · ${t.toolFailed}`
      : part.status === "done" && part.endedAt !== undefined
        ? ` · ${escapeHtml(t.toolDone(duration(part.endedAt - part.startedAt)))}`
        : "";
  const body = [
    `**${t.arguments}**`,
    part.raw_arguments === undefined
      ? fenced(prettyJson(part.arguments), "json")
      : fenced(part.raw_arguments),
  ];
  if (part.result !== undefined) {
    body.push(
      `**${t.result}**`,
      fenced(prettyJson(part.result), typeof part.result === "string" ? "" : "json"),
    );
  }
  if (part.error !== undefined) body.push(`**${t.error}**`, fenced(part.error));
  return details(
    `${escapeHtml(t.tool)}: <code>${escapeHtml(part.name)}</code>${server}${outcome}`,
    body.join("\n\n"),
  );
}

function details(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function errorBlock(message: string, code: string | undefined, t: MarkdownLabels): string {
  const text = `**${t.error}:** ${message}${code ? ` (\`${code}\`)` : ""}`;
  return text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

/** The model and the answer's numbers, as the stats line under it shows them. */
function statsLine({ model, stats }: MarkdownMessage, t: MarkdownLabels): string | undefined {
  const items = model ? [model] : [];
  if (stats) items.push(...statItems(stats, t));
  return items.length > 0 ? `<sub>${escapeHtml(items.join(" · "))}</sub>` : undefined;
}

function statItems(stats: Stats, t: MarkdownLabels): string[] {
  const { tokens, timing_ms: timing, tool_calls } = stats;
  const items = [
    // What it cost, in both currencies: a file outlives the reader's language choice.
    ...(stats.cost
      ? [
          `${formatMoney(stats.cost.usd, "usd")} / ${formatMoney(stats.cost.cny, "cny")} (${t.pricesAsOf(stats.cost.as_of)})`,
        ]
      : []),
    `${t.statsPrompt} ${count(tokens.prompt)}`,
    `${t.statsCompletion} ${count(tokens.completion)}`,
    `${t.statsTotal} ${count(tokens.total)} ${t.statsTokens}`,
  ];
  if (tokens.reasoning !== undefined) items.push(`${t.statsReasoning} ${count(tokens.reasoning)}`);
  if (stats.cache_hit_share !== undefined)
    items.push(`${t.statsCached} ${formatShare(stats.cache_hit_share)}`);
  else if (tokens.cached) items.push(`${t.statsCached} ${count(tokens.cached)}`);
  if (timing.first_byte !== null) items.push(`${t.statsFirstByte} ${duration(timing.first_byte)}`);
  items.push(`${t.statsTime} ${duration(timing.total)}`);
  const producing = timing.total - (timing.first_byte ?? 0);
  if (producing > 0 && tokens.completion > 0) {
    items.push(`${(tokens.completion / (producing / 1000)).toFixed(1)} ${t.statsSpeed}`);
  }
  if (tool_calls > 0) items.push(t.statsTools(tool_calls));
  return items;
}

const counter = new Intl.NumberFormat("en-US");
const count = (n: number) => counter.format(n);

function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** In UTC: the server does not know the reader's time zone. */
function dateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
