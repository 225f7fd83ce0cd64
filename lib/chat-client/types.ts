import type { Effort } from "@/lib/protocol/effort";
import type { ApprovalDecision, ErrorData, FinishReason, Stats } from "@/lib/protocol/events";
import type { FilePart } from "@/lib/protocol/file-part";
import type { ImagePart, UserPart } from "@/lib/protocol/image-part";

export type { FilePart, ImagePart, UserPart };

// The client's view of a conversation: messages made of ordered parts, as the stream showed them.
// Plain data (JSON-serialisable, stored in IndexedDB), reduced from protocol events by a pure
// reducer; React only reads it. Types only: safe to import anywhere.

export interface ReasoningPart {
  type: "reasoning";
  text: string;
  /** Client clock (ms since epoch) when this run of reasoning began and ended: "Thought for 12 s". */
  startedAt: number;
  endedAt?: number;
}

export interface TextPart {
  type: "text";
  text: string;
}

export interface ToolPart {
  type: "tool";
  id: string;
  name: string;
  server?: string;
  arguments: Record<string, unknown>;
  /** The model's text when its arguments were not valid JSON. */
  raw_arguments?: string;
  status: "pending" | "done" | "failed";
  /**
   * PROTOCOL.md section 24: the call waited for the user's decision ("pending" until it came),
   * and how it was decided; kept with the message, so a reload shows what was decided.
   */
  approval?: ToolApproval;
  result?: unknown;
  error?: string;
  startedAt: number;
  endedAt?: number;
}

export type ToolApproval = "pending" | ApprovalDecision;

export interface ErrorPart {
  type: "error";
  message: string;
  code?: string;
  finish_reason?: FinishReason;
}

/** A user message's file, as its text, or image, as its bytes (PROTOCOL.md section 20). */
export type UIPart = ReasoningPart | TextPart | ToolPart | ErrorPart | FilePart | ImagePart;

/** streaming → done | error | stopped (the user pressed Stop) | interrupted (a reload or lost connection). */
export type MessageStatus = "streaming" | "done" | "error" | "stopped" | "interrupted";

export interface UIMessage {
  id: string;
  role: "user" | "assistant";
  /** The user's text, or the assistant's answer text (its text parts joined). */
  content: string;
  parts: UIPart[];
  createdAt: number;
  /** Assistant messages only. */
  status?: MessageStatus;
  model?: string;
  reasoning?: "enabled" | "disabled";
  /** The thinking effort the answer was asked with (PROTOCOL.md section 19). */
  effort?: Effort;
  stats?: Stats;
  finishReason?: FinishReason;
  error?: ErrorData;
  /**
   * A resumable answer's stream while it runs (PROTOCOL.md section 8): where to re-attach after a
   * dropped connection or a reload. Saved with the message; gone once the answer has ended.
   */
  resume?: ResumePoint;
  /** The connection dropped and the answer is being re-attached. */
  reconnecting?: boolean;
}

export interface ResumePoint {
  streamId: string;
  /** The id of the last event this message holds. */
  lastEventId: number;
}

export type ChatStatus = "idle" | "streaming" | "done" | "error" | "stopped";

export interface Conversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: UIMessage[];
}
