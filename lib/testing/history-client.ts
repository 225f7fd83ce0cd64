import { randomBytes } from "node:crypto";
import type { ConversationTurn } from "@/lib/protocol/request";

// Test helpers for the server's history (PROTOCOL.md section 10) over HTTP.

export const newId = (kind: "c" | "m") => `${kind}_${randomBytes(8).toString("hex")}`;

export interface WireMessage {
  id: string;
  parentId: string | null;
  role: "user" | "assistant";
  content: string;
  parts: { type: string }[];
  createdAt: number;
  status?: string;
  streamId?: string;
  finishReason?: string;
  effort?: string;
  stats?: unknown;
  error?: { message: string };
}

export interface WireTree {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  currentLeafId: string | null;
  messages: WireMessage[];
}

export class HistoryClient {
  constructor(
    readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  chat(conversation: ConversationTurn, extra: Record<string, unknown> = {}): Promise<Response> {
    return this.send("POST", "/api/chat", { conversation, ...extra });
  }

  /** A new conversation's first question and its answer's ids. */
  firstTurn(content: string): ConversationTurn & { message: { id: string; content: string } } {
    return { id: newId("c"), parent_id: null, message: { id: newId("m"), content }, answer_id: newId("m") };
  }

  async tree(id: string): Promise<WireTree> {
    const response = await this.send("GET", `/api/conversations/${id}`);
    if (response.status !== 200) throw new Error(`GET ${id}: ${response.status} ${await response.text()}`);
    return (await response.json()) as WireTree;
  }

  send(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method,
      headers: { ...this.headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
}

export const messageOf = (tree: WireTree, id: string) => tree.messages.find((m) => m.id === id);
