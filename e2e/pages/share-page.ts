import { expect, type Locator, type Page } from "@playwright/test";

// Share links (PROTOCOL.md section 13) as tests see them: the dialog the chat header opens, and
// the read-only page a link leads to.

export class ShareDialog {
  readonly dialog: Locator;
  readonly create: Locator;
  readonly url: Locator;
  readonly items: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId("share-dialog");
    this.create = this.dialog.getByTestId("create-share");
    this.url = this.dialog.getByTestId("share-url");
    this.items = this.dialog.getByTestId("share-item");
  }

  async open(): Promise<void> {
    await this.page.getByTestId("share").click();
    await expect(this.dialog).toBeVisible();
  }

  /** Makes a link of the open conversation; returns its URL. */
  async createLink(): Promise<string> {
    await this.create.click();
    await expect(this.url).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
    return this.url.inputValue();
  }

  item(url: string): Locator {
    const id = new URL(url).pathname.split("/").at(-1) ?? "";
    return this.dialog.locator(`[data-testid="share-item"][data-share-id="${id}"]`);
  }

  async revoke(url: string): Promise<void> {
    const item = this.item(url);
    await item.getByTestId("revoke-share").click();
    await item.getByTestId("confirm-revoke").click();
    await expect(item).toHaveCount(0);
  }
}

export class SharedPage {
  readonly title: Locator;
  readonly userMessages: Locator;
  readonly assistantMessages: Locator;
  readonly gone: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId("shared-title");
    this.userMessages = page.getByTestId("user-message");
    this.assistantMessages = page.getByTestId("assistant-message");
    this.gone = page.getByTestId("share-gone");
  }
}
