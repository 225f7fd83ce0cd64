import "server-only";
import Papa from "papaparse";
import { FileError } from "./file-error";
import { markdownTable } from "./markdown-table";

// CSV and TSV as a table (Papa Parse finds the delimiter and reads quoted fields).

export function extractCsv(text: string): string {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const rows = parsed.data.filter((row) => row.some((value) => value.trim() !== ""));
  if (rows.length === 0) throw new FileError("file_no_text", "The file has no rows.");
  return markdownTable(rows);
}
