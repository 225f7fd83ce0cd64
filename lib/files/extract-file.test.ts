import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { extractFile, type FileLimits } from "./extract-file";
import { FileError } from "./file-error";

// Each extractor on a real small file (made by scripts/make-file-fixtures.ts), and each refusal
// with its documented code (PROTOCOL.md section 20).

const LIMITS: FileLimits = {
  fileMaxBytes: 1_000_000,
  fileMaxPages: 10,
  fileTimeoutMs: 20_000,
  maxFileChars: 100_000,
};

const fixture = async (name: string) =>
  new Uint8Array(await readFile(new URL(`__fixtures__/${name}`, import.meta.url)));
const text = (value: string) => new TextEncoder().encode(value);

async function refusal(
  promise: Promise<unknown>,
): Promise<{ code: string; status: number; message: string }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof FileError)) throw new Error(`expected a FileError, got ${String(error)}`);
  return { code: error.code, status: error.status, message: error.message };
}

describe("extractFile", () => {
  it("reads a PDF's Chinese text layer", async () => {
    const part = await extractFile(
      { name: "报告.pdf", mediaType: "application/pdf", bytes: await fixture("chinese.pdf") },
      LIMITS,
    );
    expect(part).toMatchObject({ type: "file", name: "报告.pdf", media_type: "application/pdf" });
    expect(part.text).toContain("季度报告");
    expect(part.text).toContain("茅台的股价今天上涨了百分之三。");
    expect(part.text).toContain("Revenue grew 12% in the third quarter.");
    expect(part.size).toBe((await fixture("chinese.pdf")).byteLength);
  });

  it("says a scanned PDF has no text layer", async () => {
    const bytes = await fixture("scanned.pdf");
    expect(await refusal(extractFile({ name: "scan.pdf", mediaType: "", bytes }, LIMITS))).toMatchObject({
      code: "file_no_text",
      status: 422,
      message: expect.stringMatching(/no text layer/),
    });
  });

  it("says a PDF with a password is encrypted", async () => {
    const bytes = await fixture("encrypted.pdf");
    expect(
      await refusal(extractFile({ name: "locked.pdf", mediaType: "application/pdf", bytes }, LIMITS)),
    ).toMatchObject({
      code: "file_encrypted",
      status: 422,
    });
  });

  it("refuses a PDF with more pages than the limit", async () => {
    const bytes = await fixture("chinese.pdf");
    const limits = { ...LIMITS, fileMaxPages: 0 };
    expect(await refusal(extractFile({ name: "a.pdf", mediaType: "", bytes }, limits))).toMatchObject({
      code: "file_too_many_pages",
      message: "The PDF has 1 pages; this server reads at most 0.",
    });
  });

  it("reads a DOCX's paragraphs, and its table as a table", async () => {
    const part = await extractFile(
      { name: "notes.docx", mediaType: "", bytes: await fixture("notes.docx") },
      LIMITS,
    );
    expect(part.media_type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(part.text).toBe(
      "会议纪要\n\nThe budget was approved.\n\n| Item | Cost |\n| --- | --- |\n| Servers | 1200 |",
    );
  });

  it("reads an XLSX's sheets as tables, formulas as their values, empty sheets left out", async () => {
    const part = await extractFile(
      { name: "sales.xlsx", mediaType: "", bytes: await fixture("sales.xlsx") },
      LIMITS,
    );
    expect(part.text).toBe(
      [
        "## Sales",
        "",
        "| Region | Units | Price |  |",
        "| --- | --- | --- | --- |",
        "| 华东 | 120 | 9.5 | 1140 |",
        "| North \\| West | 80 | 12 |  |",
      ].join("\n"),
    );
  });

  it("reads a CSV as a table, quoted fields whole", async () => {
    const bytes = text('name,note\r\nAnn,"likes, commas"\r\nBob,"two\nlines"\r\n');
    const part = await extractFile({ name: "people.csv", mediaType: "text/csv", bytes }, LIMITS);
    expect(part.text).toBe("| name | note |\n| --- | --- |\n| Ann | likes, commas |\n| Bob | two lines |");
  });

  it("reads text, Markdown, code, HTML and JSON as they are, line ends made \\n", async () => {
    for (const name of ["a.txt", "a.md", "a.py", "a.html", "a.json", "Dockerfile"]) {
      const part = await extractFile(
        { name, mediaType: "", bytes: text("line 1\r\n<b>2</b>\u0007") },
        LIMITS,
      );
      expect(part.text, name).toBe("line 1\n<b>2</b>");
    }
    const json = await extractFile(
      { name: "data.json", mediaType: "application/json", bytes: text("{}") },
      LIMITS,
    );
    expect(json.media_type).toBe("application/json");
  });

  it("refuses an unknown type, a binary 'text' file, a file too large and text too long", async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00]);
    expect(
      await refusal(extractFile({ name: "a.zip", mediaType: "application/zip", bytes: zip }, LIMITS)),
    ).toMatchObject({
      code: "file_type",
      status: 415,
    });
    const binary = new Uint8Array([0x61, 0xff, 0xfe, 0xfd]);
    expect(await refusal(extractFile({ name: "a.txt", mediaType: "", bytes: binary }, LIMITS))).toMatchObject(
      {
        code: "file_unreadable",
      },
    );
    const big = text("x".repeat(2_000));
    expect(
      await refusal(
        extractFile({ name: "a.txt", mediaType: "", bytes: big }, { ...LIMITS, fileMaxBytes: 1_000 }),
      ),
    ).toMatchObject({
      code: "file_too_large",
      status: 413,
      message: "The file is larger than 1.0 KB.",
    });
    expect(
      await refusal(
        extractFile({ name: "a.txt", mediaType: "", bytes: big }, { ...LIMITS, maxFileChars: 1_000 }),
      ),
    ).toMatchObject({
      code: "file_too_long",
    });
  });

  it("says a damaged PDF or workbook cannot be read, and an Office file with a password is encrypted", async () => {
    const junk = text("not a pdf at all");
    expect(await refusal(extractFile({ name: "a.pdf", mediaType: "", bytes: junk }, LIMITS))).toMatchObject({
      code: "file_unreadable",
    });
    expect(await refusal(extractFile({ name: "a.xlsx", mediaType: "", bytes: junk }, LIMITS))).toMatchObject({
      code: "file_unreadable",
    });
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await refusal(extractFile({ name: "a.docx", mediaType: "", bytes: ole }, LIMITS))).toMatchObject({
      code: "file_encrypted",
    });
  });

  it("gives up after the time limit", async () => {
    const bytes = await fixture("chinese.pdf");
    expect(
      await refusal(extractFile({ name: "a.pdf", mediaType: "", bytes }, { ...LIMITS, fileTimeoutMs: 1 })),
    ).toMatchObject({
      code: "file_timeout",
      message: "Reading the file took longer than 0.001 s.",
    });
  });
});
