import "server-only";
import ExcelJS from "exceljs";
import { FileError } from "./file-error";
import { markdownTable } from "./markdown-table";

// A workbook's sheets, each as a table under its name. A formula shows its last computed value,
// a date as the sheet formats it (ExcelJS's cell.text).

export async function extractXlsx(bytes: Uint8Array, signal: AbortSignal): Promise<string> {
  const book = new ExcelJS.Workbook();
  try {
    // A copy's own ArrayBuffer: what ExcelJS's types take (its zip reader takes it as it is).
    await book.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw new FileError(
      "file_unreadable",
      "The file is not a workbook that can be read (damaged or incomplete?).",
    );
  }
  signal.throwIfAborted();
  const sheets: string[] = [];
  book.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cell.text;
      });
      rows.push(Array.from(cells, (value) => value ?? ""));
    });
    if (rows.length > 0) sheets.push(`## ${sheet.name}\n\n${markdownTable(rows)}`);
  });
  if (sheets.length === 0) throw new FileError("file_no_text", "The workbook's sheets are empty.");
  return sheets.join("\n\n");
}
