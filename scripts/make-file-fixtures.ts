// Makes the small files the extractors' unit tests read (lib/files/__fixtures__/): a PDF with
// Chinese text and one that is only a picture (a scan) from Chromium's page.pdf(), a DOCX, an XLSX,
// and a PDF encrypted with a user password. Run once and commit the output:
//   npx tsx scripts/make-file-fixtures.ts
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { chromium } from "@playwright/test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { chromiumPath } from "../lib/testing/chromium-path.mjs";

const OUT = new URL("../lib/files/__fixtures__/", import.meta.url);

const CHINESE_PAGE = `<!doctype html><meta charset="utf-8"><style>body{font-family:"WenQuanYi Micro Hei",sans-serif}</style>
<h1>季度报告</h1><p>茅台的股价今天上涨了百分之三。</p><p>Revenue grew 12% in the third quarter.</p>`;

// Text drawn on a canvas and placed as an image: a PDF with pages but no text layer, as a scanner makes.
const SCANNED_PAGE = `<!doctype html><meta charset="utf-8"><img id="scan"><script>
const c = document.createElement("canvas"); c.width = 600; c.height = 200;
const g = c.getContext("2d"); g.fillStyle = "#fff"; g.fillRect(0, 0, 600, 200);
g.fillStyle = "#000"; g.font = "32px sans-serif"; g.fillText("A scanned page", 40, 100);
document.getElementById("scan").src = c.toDataURL("image/png");
</script>`;

async function pdfs(): Promise<void> {
  const executablePath = chromiumPath();
  const browser = await chromium.launch(executablePath ? { executablePath } : {});
  try {
    const page = await browser.newPage();
    await page.setContent(CHINESE_PAGE);
    await writeFile(new URL("chinese.pdf", OUT), await page.pdf({ format: "A5" }));
    await page.setContent(SCANNED_PAGE);
    await page.waitForFunction(() => (document.getElementById("scan") as HTMLImageElement).complete);
    await writeFile(new URL("scanned.pdf", OUT), await page.pdf({ format: "A5" }));
  } finally {
    await browser.close();
  }
}

async function docx(): Promise<void> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  const paragraph = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const cell = (text: string) => `<w:tc>${paragraph(text)}</w:tc>`;
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph("会议纪要")}${paragraph("The budget was approved.")}<w:tbl><w:tr>${cell("Item")}${cell("Cost")}</w:tr><w:tr>${cell("Servers")}${cell("1200")}</w:tr></w:tbl></w:body></w:document>`,
  );
  await writeFile(new URL("notes.docx", OUT), await zip.generateAsync({ type: "nodebuffer" }));
}

async function xlsx(): Promise<void> {
  const book = new ExcelJS.Workbook();
  // Fixed dates keep the file the same from run to run.
  book.created = new Date("2026-01-01T00:00:00Z");
  book.modified = book.created;
  const sales = book.addWorksheet("Sales");
  sales.addRows([
    ["Region", "Units", "Price"],
    ["华东", 120, 9.5],
    ["North | West", 80, 12],
  ]);
  sales.getCell("D2").value = { formula: "B2*C2", result: 1140 };
  const empty = book.addWorksheet("Empty");
  empty.getCell("A1").value = null;
  await writeFile(new URL("sales.xlsx", OUT), Buffer.from(await book.xlsx.writeBuffer()));
}

// The standard security handler, revision 2 (PDF 1.7, section 7.6.3): RC4 with a 40-bit key.
const PAD = Buffer.from("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a", "hex");

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = [...Array(256).keys()];
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) & 255;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
  }
  const out = Buffer.alloc(data.length);
  let a = 0;
  let b = 0;
  for (let n = 0; n < data.length; n++) {
    a = (a + 1) & 255;
    b = (b + (s[a] ?? 0)) & 255;
    [s[a], s[b]] = [s[b] ?? 0, s[a] ?? 0];
    out[n] = (data[n] ?? 0) ^ (s[((s[a] ?? 0) + (s[b] ?? 0)) & 255] ?? 0);
  }
  return out;
}

const md5 = (...parts: Buffer[]) => createHash("md5").update(Buffer.concat(parts)).digest();
const padded = (password: string) => Buffer.concat([Buffer.from(password, "latin1"), PAD]).subarray(0, 32);

function encryptedPdf(userPassword: string, ownerPassword: string): Buffer {
  const id = Buffer.from("0123456789abcdef0123456789abcdef", "hex");
  const permissions = -4;
  const o = rc4(md5(padded(ownerPassword)).subarray(0, 5), padded(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(padded(userPassword), o, p, id).subarray(0, 5);
  const u = rc4(key, PAD);
  const objectKey = (num: number) => {
    const suffix = Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0]);
    return md5(key, suffix).subarray(0, 10);
  };
  const content = rc4(objectKey(4), Buffer.from("BT /F1 24 Tf 72 720 Td (A locked page) Tj ET"));
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    Buffer.concat([
      Buffer.from(`<< /Length ${content.length} >>\nstream\n`),
      content,
      Buffer.from("\nendstream"),
    ]),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Filter /Standard /V 1 /R 2 /O <${o.toString("hex")}> /U <${u.toString("hex")}> /P ${permissions} >>`,
  ];
  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n")];
  const offsets: number[] = [];
  let length = chunks[0]?.length ?? 0;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      typeof body === "string" ? Buffer.from(body) : body,
      Buffer.from("\nendobj\n"),
    ]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`),
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${id.toString("hex")}> <${id.toString("hex")}>] >>\n`,
    `startxref\n${length}\n%%EOF\n`,
  ].join("");
  return Buffer.concat([...chunks, Buffer.from(xref)]);
}

await mkdir(OUT, { recursive: true });
await Promise.all([pdfs(), docx(), xlsx()]);
await writeFile(new URL("encrypted.pdf", OUT), encryptedPdf("secret", "owner"));
console.log(`fixtures written to ${OUT.pathname}`);
