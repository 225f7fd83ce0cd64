// What kind of file an upload is, from its name and then its media type (PROTOCOL.md section 20):
// which extractor reads it. A real image never gets here (read-attachment.ts tells one by its
// bytes); "image" is a name or type that claims one, to refuse with that said.

export type FileKind = "pdf" | "docx" | "xlsx" | "csv" | "text" | "image";

const BY_EXTENSION: Record<string, FileKind> = {
  pdf: "pdf",
  docx: "docx",
  xlsx: "xlsx",
  csv: "csv",
  tsv: "csv",
  png: "image",
  jpg: "image",
  jpeg: "image",
  gif: "image",
  webp: "image",
};

// Text the model reads as it is: prose, markup, data and source code.
const TEXT_EXTENSIONS = new Set(
  (
    "txt text md markdown mdx rst adoc org log json jsonl ndjson yaml yml toml ini cfg conf env xml " +
    "html htm css scss sass less svg js mjs cjs jsx ts mts cts tsx vue svelte py pyi rb php java kt kts " +
    "scala go rs c h cc cpp cxx hpp hh cs swift m mm dart lua r pl pm sh bash zsh fish ps1 bat sql " +
    "graphql gql proto tex bib diff patch gradle makefile dockerfile ex exs erl hs clj elm zig nim jl"
  ).split(" "),
);

const BY_MEDIA_TYPE: Record<string, FileKind> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "text/csv": "csv",
  "text/tab-separated-values": "csv",
  "application/json": "text",
  "application/xml": "text",
  "application/x-yaml": "text",
};

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? name;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : base.toLowerCase();
}

/** undefined: a kind this server cannot read. */
export function fileKind(name: string, mediaType: string): FileKind | undefined {
  const extension = extensionOf(name);
  const known = BY_EXTENSION[extension];
  if (known) return known;
  if (TEXT_EXTENSIONS.has(extension)) return "text";
  const type = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (BY_MEDIA_TYPE[type]) return BY_MEDIA_TYPE[type];
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("text/")) return "text";
  return undefined;
}
