import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { ChatPage, uniqueTag } from "./pages/chat-page";

// Images in the composer (PROTOCOL.md section 20, "Images"): pasted or picked, checked by the
// server, shown as a chip with a thumbnail; sent as an image_url block to a model that reads images
// (deepseek-flash), and to a text-only one (deepseek-v4-pro) not at all, the chip saying so.

const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? "e2e/screenshots" : "test-results/screenshots";
const fixture = (name: string) => readFile(new URL(`../lib/files/__fixtures__/${name}`, import.meta.url));

/** Pastes a screenshot into the composer, as the system clipboard gives it. */
async function pasteImage(page: Page, name: string, base64: string) {
  await page.evaluate(
    ({ name, base64 }) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name, { type: "image/png" }));
      document
        .querySelector('[data-testid="composer-input"]')
        ?.dispatchEvent(
          new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
    },
    { name, base64 },
  );
}

test("a pasted screenshot reaches a model that reads images as an image_url block", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.goto();
  await chat.modelPicker.selectOption("deepseek-flash");
  const png = (await fixture("pixel.png")).toString("base64");
  await pasteImage(page, "image.png", png);
  const chip = page.getByTestId("pending-files").getByTestId("file-chip");
  await expect(chip).toHaveAttribute("data-status", "ready");
  await expect(chip).not.toHaveAttribute("data-unsent");
  await expect(chip.getByTestId("file-thumbnail")).toHaveAttribute("src", `data:image/png;base64,${png}`);
  // The thumbnail is drawn: the CSP lets the data URL load.
  await expect
    .poll(() => chip.getByTestId("file-thumbnail").evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBe(5);
  await expect(chip.getByTestId("file-detail")).toHaveText("120 B · ≈1.0k tokens");
  await page.screenshot({ path: `${SHOTS}/images-composer-en.png` });

  await chat.ask(`这是什么? ${tag}`);
  await chat.expectAnswered();
  const [request] = await chat.upstreamRequests(tag);
  expect(request?.body?.model).toBe("deepseek-flash");
  expect(request?.body?.messages?.filter((m) => m.role === "user").at(-1)?.content).toEqual([
    { type: "text", text: `这是什么? ${tag}` },
    { type: "image_url", image_url: { url: `data:image/png;base64,${png}` } },
  ]);

  // The sent question shows the image; a click opens it larger.
  const sent = chat.userMessages.last().getByTestId("message-image");
  await expect(sent).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/images-message-en.png` });
  await sent.click();
  await expect(page.getByTestId("image-dialog")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/images-dialog-en.png` });
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("image-dialog")).toHaveCount(0);

  // Kept with the stored question.
  await chat.reload();
  await expect(chat.userMessages.last().getByTestId("message-image")).toHaveCount(1);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("with a text-only model the chip says the image won't be sent, and the model gets none", async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.goto();
    await chat.modelPicker.selectOption("deepseek-v4-pro");
    const jpeg = await fixture("pixel.jpg");
    await page
      .getByTestId("attach-input")
      .setInputFiles({ name: "照片.jpg", mimeType: "image/jpeg", buffer: jpeg });
    const chip = page.getByTestId("pending-files").getByTestId("file-chip");
    await expect(chip).toHaveAttribute("data-unsent", "true");
    await expect(chip.getByTestId("file-detail")).toHaveText("此模型不能读取图片——不会发送");
    // An image the model cannot read is no question on its own.
    await expect(chat.send).toBeDisabled();

    // Choosing a model that reads images sends it again; back to the text-only one, not.
    await chat.modelPicker.selectOption("deepseek-flash");
    await expect(chip).not.toHaveAttribute("data-unsent");
    await expect(chat.send).toBeEnabled();
    await chat.modelPicker.selectOption("deepseek-v4-pro");
    await expect(chip.getByTestId("file-detail")).toHaveText("此模型不能读取图片——不会发送");
    await page.screenshot({ path: `${SHOTS}/images-unsent-zh.png` });

    await chat.ask(`这是什么? ${tag}`);
    await chat.expectAnswered();
    const [request] = await chat.upstreamRequests(tag);
    expect(request?.body?.model).toBe("deepseek-v4-pro");
    expect(request?.body?.messages?.filter((m) => m.role === "user").at(-1)?.content).toBe(
      `这是什么? ${tag}`,
    );
    expect(JSON.stringify(request?.body)).not.toContain(jpeg.toString("base64"));
    await expect(chat.userMessages.last().getByTestId("message-image")).toHaveCount(0);
  });

  test("a .png that is not a PNG is refused on its chip", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await page
      .getByTestId("attach-input")
      .setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: await fixture("fake.png") });
    const chip = page.getByTestId("pending-files").getByTestId("file-chip");
    await expect(chip).toHaveAttribute("data-status", "failed");
    await expect(chip.getByTestId("file-detail")).toContainText("这不是 JPEG、PNG、GIF 或 WebP 图片");
  });
});
