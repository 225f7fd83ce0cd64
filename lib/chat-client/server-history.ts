import type { SendOptions } from "./chat-controller";
import { branchThrough, mergePath, pathTo, reattachable, switchBranch } from "./conversation-tree";
import { createId } from "./create-id";
import {
  type ConversationSummary,
  type ConversationTree,
  type HistoryOutcome,
  summaryOf,
} from "./history-api";
import { HistorySync } from "./history-sync";
import type { Navigation, ServerHistoryOptions, ServerHistorySnapshot } from "./server-history-options";
import { titleFrom } from "./title-from";
import type { UIMessage } from "./types";

export type {
  ChatHandle,
  MessageFocus,
  Navigation,
  ServerHistoryOptions,
  ServerHistorySnapshot,
} from "./server-history-options";

// The conversations when the server keeps them (PROTOCOL.md section 10), outside React: the
// sidebar's list, the open conversation's tree and the branch it shows, its URL, and the notice
// when the server cannot be read. The IndexedDB cache paints first; the server's answer replaces it.

export const UNREACHABLE_HISTORY = "Could not reach the server to load the conversations.";

export class ServerHistory {
  private state: ServerHistorySnapshot = {
    conversations: [],
    currentId: null,
    messages: [],
    ready: false,
    notice: undefined,
    nextCursor: undefined,
    focus: undefined,
  };
  private readonly listeners = new Set<() => void>();
  private readonly sync: HistorySync;
  /** The path last handed to the chat: reported back, it is not news. */
  private shown: UIMessage[] = [];
  /** Which open() is the latest: an older one's answer arriving late is dropped. */
  private opening = 0;

  constructor(private readonly options: ServerHistoryOptions) {
    this.sync = new HistorySync({ ...options.sync, api: options.api, onChanged: (c) => this.changed(c) });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ServerHistorySnapshot => this.state;

  /** First paint from the cache, then the one-time import, the server's list, and sync. */
  async start(initialId: string | null, messageId?: string): Promise<void> {
    const cached = await this.options.cache.list();
    if (this.state.conversations.length === 0) this.update({ conversations: cached.map(summaryOf) });
    // Ready as soon as something true can be shown: a new chat now, a conversation when show() has
    // its cached copy or the server's. The server's first answer may take seconds while its
    // database opens.
    if (initialId === null) this.update({ ready: true });
    const opened = initialId === null ? Promise.resolve() : this.open(initialId, "none", messageId);
    const imported = await this.options.importLocal?.();
    if (imported?.kind === "failed") this.fail(imported);
    const page = await this.options.api.list({ limit: 50 });
    if (page.kind === "ok") {
      this.update({
        conversations: this.withOpen(page.value.conversations),
        nextCursor: page.value.nextCursor,
      });
    } else this.fail(page);
    await opened;
    this.update({ ready: true });
    this.sync.start(page.kind === "ok" ? page.value.conversations : []);
  }

  stop(): void {
    this.sync.stop();
  }

  /** The tab became visible again: catch up now. */
  wake(): void {
    this.sync.wake();
  }

  /**
   * Opens a conversation: its cached copy at once, then the server's. With a message (a search
   * hit), on the branch through it, which becomes the one shown (as ‹ n / m › would make it).
   */
  async open(id: string, how: Navigation = "push", messageId?: string): Promise<void> {
    const ticket = ++this.opening;
    if (how !== "none") this.options.navigate(id, how, messageId);
    const focus = messageId === undefined ? undefined : { messageId, key: ticket };
    this.update({ currentId: id, notice: undefined, focus });
    const cached = await this.options.cache.get(id);
    if (ticket === this.opening && cached) this.show(branchThrough(cached, messageId));
    const outcome = await this.options.api.load(id);
    if (ticket !== this.opening) return;
    if (outcome.kind === "ok") {
      const shown = branchThrough(outcome.value, messageId);
      if (shown === outcome.value) return this.loaded(shown);
      return this.showBranch(shown);
    }
    if (outcome.kind === "failed" && outcome.status === 404) this.forget(id);
    // Offline with a cached copy: reading it is the point of the cache.
    if (outcome.kind === "unreachable" && cached) return;
    this.fail(outcome);
  }

  /** A new chat: nothing shown, `/` in the address bar. */
  startNew(how: Navigation = "push"): void {
    this.opening += 1;
    if (how !== "none") this.options.navigate(null, how);
    this.update({ currentId: null, messages: [], notice: undefined, focus: undefined });
    this.shown = [];
    this.options.chat.setMessages([]);
  }

  /** The request's options: the conversation it continues, created (with its URL) on the first turn. */
  // Arrow properties, like subscribe: React passes these around unbound.
  prepare = (options: SendOptions, text?: string): SendOptions => {
    let id = this.state.currentId;
    if (id === null) {
      id = this.id();
      const now = this.now();
      const summary = {
        id,
        title: titleFrom(text ?? ""),
        createdAt: now,
        updatedAt: now,
        changedAt: now,
        currentLeafId: null,
      };
      this.options.navigate(id, "push");
      this.update({ currentId: id, conversations: [summary, ...this.state.conversations] });
    }
    return { ...options, conversationId: id };
  };

  /** The chat controller's path changed (a new turn, a streaming answer): fold it into the tree. */
  reported(path: UIMessage[]): void {
    const id = this.state.currentId;
    if (path === this.shown || id === null || path.length === 0) return;
    const messages = mergePath(this.state.messages, path);
    const current = this.state.conversations.find((c) => c.id === id);
    const summary = { ...(current ?? summaryOf({ id, title: "", createdAt: this.now() })) };
    summary.updatedAt = Math.max(summary.updatedAt, this.now());
    summary.currentLeafId = path.at(-1)?.id ?? null;
    this.update({
      messages,
      conversations: [summary, ...this.state.conversations.filter((c) => c.id !== id)],
    });
    // Kept when the answer is over: the server saves it as it streams, and a copy per second of
    // a long conversation would cost the page more than it is worth.
    if (path.at(-1)?.status !== "streaming") void this.options.cache.put({ ...summary, messages });
  }

  /** ‹ 2 / 3 ›: shows the previous or next version of a message, and tells the server. */
  branch = (messageId: string, step: -1 | 1): void => {
    const id = this.state.currentId;
    const leaf = switchBranch(this.state.messages, messageId, step);
    if (id === null || leaf === undefined || this.options.chat.busy()) return;
    const summary = this.state.conversations.find((c) => c.id === id);
    this.update({ focus: undefined });
    this.showBranch({
      ...(summary ?? summaryOf({ id, title: "", createdAt: 0 })),
      currentLeafId: leaf,
      messages: this.state.messages,
    });
  };

  /** Shows another branch of the open conversation, and tells the server it is the one shown. */
  private showBranch(tree: ConversationTree): void {
    this.loaded(tree);
    const leaf = tree.currentLeafId ?? undefined;
    if (leaf === undefined) return;
    void this.options.api.update(tree.id, { currentLeafId: leaf }).then((outcome) => this.settled(outcome));
  }

  rename = (id: string, title: string): void => {
    this.update({ conversations: this.state.conversations.map((c) => (c.id === id ? { ...c, title } : c)) });
    void this.options.api.update(id, { title }).then((outcome) => this.settled(outcome));
  };

  remove = (id: string): void => {
    this.forget(id);
    void this.options.api.remove(id).then((outcome) => this.settled(outcome));
  };

  /** The sidebar's next page (older conversations). */
  loadMore = async (): Promise<void> => {
    const cursor = this.state.nextCursor;
    if (cursor === undefined) return;
    const page = await this.options.api.list({ limit: 50, cursor });
    if (page.kind !== "ok") return this.fail(page);
    const known = new Set(this.state.conversations.map((c) => c.id));
    const older = page.value.conversations.filter((c) => !known.has(c.id));
    this.update({
      conversations: [...this.state.conversations, ...older],
      nextCursor: page.value.nextCursor,
    });
  };

  dismissNotice(): void {
    this.update({ notice: undefined });
  }

  /**
   * What sync heard: deleted ones go, the others move in the list; the open conversation reloads
   * when more than its title changed, unless this tab is answering in it.
   */
  private changed(changed: ConversationSummary[]): void {
    const open = this.state.conversations.find((c) => c.id === this.state.currentId);
    for (const gone of changed.filter((c) => c.deleted)) this.forget(gone.id);
    const live = changed.filter((c) => !c.deleted);
    const ids = new Set(live.map((c) => c.id));
    const rest = this.state.conversations.filter((c) => !ids.has(c.id));
    this.update({ conversations: [...live, ...rest].sort((a, b) => b.updatedAt - a.updatedAt) });
    const id = this.state.currentId;
    const news = live.find((c) => c.id === id);
    if (id === null || !news || !this.movedOn(open, news) || this.options.chat.busy()) return;
    const ticket = this.opening;
    void this.options.api.load(id).then((outcome) => {
      if (ticket === this.opening && outcome.kind === "ok" && !this.options.chat.busy())
        this.loaded(outcome.value);
    });
  }

  /** A message was added, another version is shown, or an answer shown as streaming may have ended. */
  private movedOn(known: ConversationSummary | undefined, news: ConversationSummary): boolean {
    if (!known || known.updatedAt !== news.updatedAt || known.currentLeafId !== news.currentLeafId)
      return true;
    return this.shown.some((message) => message.status === "streaming");
  }

  private loaded(tree: ConversationTree): void {
    this.show(tree);
    void this.options.cache.put(tree);
  }

  /** Hands the tree's current path to the chat; an answer still streaming elsewhere is re-attached. */
  private show(tree: ConversationTree): void {
    this.update({
      messages: tree.messages,
      conversations: this.withOpen(this.state.conversations, tree),
      ready: true,
    });
    this.shown = pathTo(tree.messages, tree.currentLeafId).map(reattachable);
    this.options.chat.setMessages(this.shown);
  }

  /** Gone from the server (deleted here or elsewhere, or never this owner's): gone here too. */
  private forget(id: string): void {
    void this.options.cache.remove(id);
    this.update({ conversations: this.state.conversations.filter((c) => c.id !== id) });
    if (this.state.currentId === id) this.startNew("replace");
  }

  private settled(outcome: HistoryOutcome<unknown>): void {
    if (outcome.kind !== "ok") this.fail(outcome);
  }

  private fail(outcome: Exclude<HistoryOutcome<unknown>, { kind: "ok" }>): void {
    const notice =
      outcome.kind === "failed"
        ? { message: outcome.message, code: outcome.code }
        : { message: UNREACHABLE_HISTORY, code: "connection_lost" };
    this.update({ notice });
  }

  /** The list with the open conversation's summary in it (a new chat before the server lists it). */
  private withOpen(list: ConversationSummary[], tree?: ConversationTree): ConversationSummary[] {
    const open = tree ? summaryOf(tree) : this.state.conversations.find((c) => c.id === this.state.currentId);
    if (!open) return list;
    const index = list.findIndex((c) => c.id === open.id);
    if (index < 0) return [open, ...list];
    return tree ? list.map((c) => (c.id === open.id ? open : c)) : list;
  }

  private update(patch: Partial<ServerHistorySnapshot>): void {
    this.state = { ...this.state, ...patch };
    if (patch.conversations) void this.options.cache.saveList(patch.conversations);
    for (const listener of this.listeners) listener();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private id(): string {
    return this.options.createId?.() ?? createId();
  }
}
