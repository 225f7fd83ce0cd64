import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";

// Files in the composer (PROTOCOL.md section 20): attached by the picker, dropped and pasted, read
// by the server, shown as chips, and in the model's request as text blocks.

const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";
const fixture = (name: string) => readFile(new URL(`../lib/files/__fixtures__/${name}`, import.meta.url));

/** Drops, or pastes, files made in the page from these bytes on the composer. */
async function hand(
  page: Page,
  how: "drop" | "paste",
  files: { name: string; type: string; base64: string }[],
) {
  await page.evaluate(
    ({ how, files }) => {
      const transfer = new DataTransfer();
      for (const { name, type, base64 } of files) {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], name, { type }));
      }
      if (how === "paste") {
        const input = document.querySelector('[data-testid="composer-input"]');
        input?.dispatchEvent(
          new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
        return;
      }
      const form = document.querySelector('[data-testid="composer-input"]')?.closest("form");
      form?.dispatchEvent(
        new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
      form?.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { how, files },
  );
}

test("a PDF attached by the file picker reaches the model as text and shows as a chip", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.goto();
  await page.getByTestId("attach-input").setInputFiles({
    name: "季度报告.pdf",
    mimeType: "application/pdf",
    buffer: await fixture("chinese.pdf"),
  });
  const pending = page.getByTestId("pending-files").getByTestId("file-chip");
  // The server's first PDF loads pdf.js: seconds on a busy machine.
  await expect(pending).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  await expect(pending.getByTestId("file-name")).toHaveText("季度报告.pdf");
  await expect(pending.getByTestId("file-detail")).toHaveText(/^26 KB · ≈\d+ tokens$/);
  await page.screenshot({ path: `${SHOTS}/files-composer-en.png` });

  await chat.ask(`总结一下 ${tag}`);
  await chat.expectAnswered();
  await expect(page.getByTestId("pending-files")).toHaveCount(0);
  const sent = chat.userMessages.last().getByTestId("file-chip");
  await expect(sent.getByTestId("file-name")).toHaveText("季度报告.pdf");
  await expect(sent.getByTestId("remove-file")).toHaveCount(0);
  const [request] = await chat.upstreamRequests(tag);
  const question = request?.body?.messages?.filter((m) => m.role === "user").at(-1)?.content;
  expect(question).toMatch(
    new RegExp(
      `^<file name="季度报告\\.pdf" type="application/pdf">\\n季度报告\\n茅台的股价今天上涨了百分之三。[\\s\\S]*\\n</file>\\n\\n总结一下 ${tag}$`,
    ),
  );
  await page.screenshot({ path: `${SHOTS}/files-message-en.png` });

  // The stored question keeps its file: after a reload the chip is still there.
  await chat.reload();
  await expect(chat.userMessages.last().getByTestId("file-name")).toHaveText("季度报告.pdf");
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("dropped and pasted files: text is read, a scan and a fake image say why they are not sent", async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.goto();
    const scan = (await fixture("scanned.pdf")).toString("base64");
    await hand(page, "drop", [
      {
        name: "notes.csv",
        type: "text/csv",
        base64: Buffer.from(`城市,人口\n上海,2487 ${tag}\n`).toString("base64"),
      },
      { name: "scan.pdf", type: "application/pdf", base64: scan },
    ]);
    await hand(page, "paste", [
      { name: "shot.png", type: "image/png", base64: Buffer.from("png").toString("base64") },
    ]);
    const chips = page.getByTestId("pending-files").getByTestId("file-chip");
    await expect(chips).toHaveCount(3);
    await expect(chips.nth(0)).toHaveAttribute("data-status", "ready");
    await expect(chips.nth(1)).toHaveAttribute("data-status", "failed", { timeout: 20_000 });
    await expect(chips.nth(1).getByTestId("file-detail")).toContainText("没有文字层");
    // Named .png, but not a PNG: the server says so (images.spec.ts has real ones).
    await expect(chips.nth(2)).toHaveAttribute("data-status", "failed");
    await expect(chips.nth(2).getByTestId("file-detail")).toContainText("这不是 JPEG、PNG、GIF 或 WebP 图片");
    await expect(page.getByTestId("attach")).toHaveAccessibleName("添加文件");
    await page.screenshot({ path: `${SHOTS}/files-composer-zh.png` });

    // Files alone are a question too.
    await page.getByTestId("send").click();
    await chat.expectAnswered();
    await expect(chat.userMessages.last().getByTestId("file-chip")).toHaveCount(1);
    await expect(chat.userMessages.last().getByTestId("user-text")).toHaveCount(0);
    const [request] = await chat.upstreamRequests(tag);
    const question = request?.body?.messages?.filter((m) => m.role === "user").at(-1)?.content;
    expect(question).toBe(
      `<file name="notes.csv" type="text/csv">\n| 城市 | 人口 |\n| --- | --- |\n| 上海 | 2487 ${tag} |\n</file>`,
    );
    await page.screenshot({ path: `${SHOTS}/files-message-zh.png` });
  });
});
