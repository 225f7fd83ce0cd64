import { expect, type Locator, type Page } from "@playwright/test";
import { ChatPage } from "./chat-page";

// The chat with its history on the server (PROTOCOL.md section 10): the conversation's URL, the
// ‹ n / m › of a branched message, and what an earlier version left in IndexedDB.

export class HistoryPage extends ChatPage {
  constructor(page: Page) {
    super(page);
  }

  /** The open conversation's id, from its URL `/c/<id>`. */
  async conversationId(): Promise<string> {
    await expect(this.page).toHaveURL(/\/c\/[^/]+$/);
    return decodeURIComponent(new URL(this.page.url()).pathname.slice("/c/".length));
  }

  async open(id: string): Promise<void> {
    await this.page.goto(`/c/${encodeURIComponent(id)}`);
    await this.waitUntilReady();
  }

  /** This test's conversations in the sidebar (every test shares the one owner of an open install). */
  conversationsWith(tag: string): Locator {
    return this.conversations.filter({ hasText: tag });
  }

  /** ‹ n / m › on a message. */
  branch(message: Locator) {
    return {
      label: message.getByTestId("branch-label"),
      prev: message.getByTestId("branch-prev"),
      next: message.getByTestId("branch-next"),
    };
  }

  /** Puts conversations where an earlier version kept them (IndexedDB), as that version wrote them. */
  async seedLegacyHistory(conversations: unknown[]): Promise<void> {
    // A page of this origin that does not run the chat (and so does not move anything yet).
    await this.page.goto("/__no-such-page");
    await this.page.evaluate(async (list) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open("deepseek-chat");
        open.onupgradeneeded = () => open.result.createObjectStore("conversations");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction("conversations", "readwrite");
      for (const c of list as { id: string }[]) tx.objectStore("conversations").put(c, c.id);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, conversations);
  }

  /** The ids still in the IndexedDB an earlier version used. */
  async legacyIds(): Promise<string[]> {
    return this.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open("deepseek-chat");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction("conversations").objectStore("conversations").getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return keys.map(String);
    });
  }
}
