import type { UIPart, UserPart } from "@/lib/chat-client/types";
import type { Effort } from "@/lib/protocol/effort";
import type { ErrorData, FinishReason, Stats } from "@/lib/protocol/events";

// What the server keeps of conversations, in plain data: one interface, whichever database
// holds it (PGlite or PostgreSQL, conversation-repository.contract.ts). Every call names the
// owner, and an owner never reads, changes or deletes another owner's rows: to a wrong owner a
// row is "not found" (undefined or false). Times are milliseconds since the epoch, as the client
// keeps them; the database's clock sets them, so instances with skewed clocks agree.

export type MessageRole = "user" | "assistant";
/** streaming → done | error | stopped | interrupted (its run stopped renewing its lease). */
export type MessageStatus = "streaming" | "done" | "error" | "stopped" | "interrupted";
export type ReasoningMode = "enabled" | "disabled";

export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: number;
  /** When a message was last added: the sidebar's order. */
  updatedAt: number;
  /** When it last changed in a way the owner's other devices should hear (see `since`). */
  changedAt: number;
  /** The message the conversation shows and continues from; null before the first. */
  currentLeafId: string | null;
  /** Only in a `since` listing: the conversation was deleted (its title is empty). */
  deleted?: true;
}

/** A message as the client keeps it (lib/chat-client/types.ts UIMessage), placed in the tree. */
export interface StoredMessage {
  id: string;
  /** null for a first message; siblings share a parent (regenerate, edit). */
  parentId: string | null;
  role: MessageRole;
  content: string;
  parts: UIPart[];
  createdAt: number;
  updatedAt: number;
  status?: MessageStatus;
  model?: string;
  reasoning?: ReasoningMode;
  effort?: Effort;
  stats?: Stats;
  finishReason?: FinishReason;
  error?: ErrorData;
  /** While streaming: the run writing it, which holds it until `expiresAt`. */
  lease?: { runId: string; expiresAt: number };
  /** While a resumable answer streams: its stream (PROTOCOL.md section 8), to re-attach to. */
  streamId?: string;
}

export interface ConversationTree extends ConversationSummary {
  /** Every message of every branch, oldest first (then by id). */
  messages: StoredMessage[];
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  /** For the next page; absent on the last one. */
  nextCursor?: string;
}

export interface PageRequest {
  /** 1 to 100; 50 when absent. */
  limit?: number;
  cursor?: string;
  /**
   * A device catching up: the conversations that changed after this time (ms since the epoch),
   * deleted ones included, oldest change first, paged with `cursor` like the sidebar.
   */
  since?: number;
}

export interface NewConversation {
  id: string;
  title: string;
}

export interface NewMessage {
  id: string;
  role: MessageRole;
  content?: string;
  parts?: UIPart[];
  status?: MessageStatus;
  model?: string;
  reasoning?: ReasoningMode;
  effort?: Effort;
  /** A streaming answer is created held by the run that writes it. */
  lease?: { runId: string; ttlMs: number };
  /** A resumable answer's stream id, kept until the answer ends. */
  streamId?: string;
}

/** What a chat request naming a conversation stores before the model is called, all or nothing. */
export interface NewTurn {
  conversationId: string;
  /** Creates the conversation with this title unless this owner has it already: a first question. */
  title?: string;
  /** What the turn hangs under: the question's parent (null: a first question), or on a regenerate the question answered again. */
  parentId: string | null;
  /** The new question, with its files (PROTOCOL.md section 20); absent on a regenerate. */
  question?: { id: string; content: string; parts?: UserPart[] };
  /** Created `streaming`, held by its run, and made the conversation's current leaf. */
  answer: {
    id: string;
    model: string;
    reasoning: ReasoningMode;
    /** Absent: none asked (the provider's default). */
    effort?: Effort;
    lease: { runId: string; ttlMs: number };
    streamId?: string;
  };
}

/** Why a turn was not stored; nothing of it was. */
export type TurnRefusal =
  /** A first question for a conversation id that another owner has. */
  | "conversation_taken"
  /** The conversation, or the parent in it, is not this owner's or does not exist. */
  | "not_found"
  /** A regenerate whose parent is not a user message. */
  | "not_a_question"
  | "question_exists"
  | "answer_exists";

export type TurnStart =
  /** The messages from the root to the question: what goes to the model. */
  { ok: true; path: StoredMessage[] } | { ok: false; refused: TurnRefusal };

/** One of an answer's batched saves while it streams, or its last. */
export interface AnswerUpdate {
  content?: string;
  parts?: UIPart[];
  /** Anything but streaming ends the run's lease. */
  status?: MessageStatus;
  stats?: Stats;
  finishReason?: FinishReason;
  error?: ErrorData;
  /** Renews the lease for this long from now (a save doubles as a heartbeat). */
  leaseTtlMs?: number;
}

export interface MessageRef {
  conversationId: string;
  messageId: string;
}

/** One answer's cost and timing, for the ledger (docs/PROVIDER.md section 4). */
export interface UsageRecord extends MessageRef, UsageMeasures {}

export interface UsageMeasures {
  model: string;
  promptTokens: number;
  /** Absent when the server did not report it. */
  cacheHitTokens?: number;
  cacheMissTokens?: number;
  completionTokens: number;
  reasoningTokens?: number;
  totalTokens: number;
  firstByteMs: number | null;
  totalMs: number;
  /** What it cost (lib/cost); absent when the model has no known price. */
  costUsd?: number;
  costCny?: number;
}

export interface RecordedUsage extends UsageRecord {
  createdAt: number;
}

/** A conversation as an earlier version kept it in IndexedDB: one branch, oldest message first. */
export interface ImportedConversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: ImportedMessage[];
}

/** Its place in the tree comes from the order; the server sets the rest. */
export type ImportedMessage = Omit<StoredMessage, "parentId" | "updatedAt" | "lease" | "streamId">;

export interface ImportResult {
  imported: string[];
  /** Ids that exist already: this owner's from an earlier import, or another owner's (untouched). */
  skipped: string[];
}

export interface ConversationRepository {
  /** An owner's conversations, most recently active first, a page at a time. */
  listConversations(ownerId: string, page?: PageRequest): Promise<ConversationPage>;
  getConversation(ownerId: string, conversationId: string): Promise<ConversationTree | undefined>;
  /**
   * The messages from the root to `leafId` (the current leaf when absent): what goes to the model.
   * Empty for a conversation without messages; undefined when the conversation or leaf is not found.
   */
  getPath(ownerId: string, conversationId: string, leafId?: string): Promise<StoredMessage[] | undefined>;
  /**
   * All or nothing: creates the conversation when the turn has a title, checks the parent, stores
   * the question and the streaming answer, and returns the path to the question.
   */
  beginTurn(ownerId: string, turn: NewTurn): Promise<TurnStart>;
  /** The same id again for the same owner returns what exists; another owner's id is a conflict. */
  createConversation(ownerId: string, conversation: NewConversation): Promise<ConversationSummary>;
  renameConversation(ownerId: string, conversationId: string, title: string): Promise<boolean>;
  /**
   * With its messages; its usage rows stay in the ledger. A tombstone (id and times) stays for
   * `since` listings until purgeDeleted; creating the same id again starts a new conversation.
   */
  deleteConversation(ownerId: string, conversationId: string): Promise<boolean>;
  /**
   * Adds a message under `parentId` (null: a first message) and makes it the current leaf. A parent
   * with children already gets a sibling: a branch. undefined when the conversation or the parent
   * is not found; a message id the conversation has already is a conflict.
   */
  appendMessage(
    ownerId: string,
    conversationId: string,
    parentId: string | null,
    message: NewMessage,
  ): Promise<StoredMessage | undefined>;
  setCurrentLeaf(ownerId: string, conversationId: string, messageId: string): Promise<boolean>;
  /** A save of a streaming answer by the run holding it; false when it is not (or no longer) that run's. */
  updateAnswer(ownerId: string, ref: MessageRef, runId: string, update: AnswerUpdate): Promise<boolean>;
  /**
   * An answer's last save by the run holding it and, given one, its usage row, in one statement:
   * false (and no usage row) when the answer is not, or no longer, that run's.
   */
  finishAnswer(
    ownerId: string,
    ref: MessageRef,
    runId: string,
    update: AnswerUpdate,
    usage?: UsageMeasures,
  ): Promise<boolean>;
  /** Takes a streaming message for `runId`: when no run holds it, its lease lapsed, or `runId` has it. */
  claimLease(ownerId: string, ref: MessageRef, runId: string, ttlMs: number): Promise<boolean>;
  /** Extends the lease of the run holding a streaming message; false once it has lost it. */
  renewLease(ownerId: string, ref: MessageRef, runId: string, ttlMs: number): Promise<boolean>;
  /**
   * Marks streaming messages whose lease lapsed (or that have none) as interrupted, and only those:
   * a live run keeps renewing its own, whichever instance runs it. Their parts stay as last saved.
   */
  interruptLapsed(scope?: { ownerId?: string; conversationId?: string }): Promise<MessageRef[]>;
  /** Drops the tombstones of conversations deleted before `before` (ms since the epoch). */
  purgeDeleted(before: number): Promise<number>;
  /** One row per answer (a second record of the same answer replaces the first). */
  recordUsage(ownerId: string, usage: UsageRecord): Promise<boolean>;
  /** An answer's usage row; it outlives the conversation. */
  getUsage(ownerId: string, ref: MessageRef): Promise<RecordedUsage | undefined>;
  /** Idempotent by id, and only ever into `ownerId`. A message left streaming arrives interrupted. */
  importConversations(ownerId: string, conversations: ImportedConversation[]): Promise<ImportResult>;
}
