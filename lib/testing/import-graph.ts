import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";

// The project's imports as the compiler sees them: every static import, re-export, dynamic
// import() and require(), resolved the way tsconfig resolves them (the `@/` alias, relative paths,
// index files, packages). The house rules (house-rules.ts) read this graph, not a grep, so no
// spelling of an import slips past them.

export interface ImportEdge {
  /** The importing file, relative to the root, with forward slashes. */
  from: string;
  /**
   * The imported file relative to the root; or `package:<name>`, `asset:<specifier>` (a stylesheet
   * or image), or `unresolved:<specifier>` for a project path that names no file.
   */
  to: string;
  /** As written in the source. */
  specifier: string;
  /** 1-based. */
  line: number;
  /** Erased at build time (`import type`, `export type`, or only type specifiers). */
  typeOnly: boolean;
}

export interface SourceFile {
  path: string;
  text: string;
}

export interface ImportGraph {
  files: Map<string, SourceFile>;
  edges: ImportEdge[];
  /** Edges out of one file. */
  importsOf(path: string): ImportEdge[];
}

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
// Stylesheets and images: the bundler's business, not a module the compiler resolves.
const ASSET = /\.(css|svg|png|jpe?g|gif|webp|ico|woff2?)$/;
const SKIPPED_DIRS = new Set(["node_modules", ".next", ".git", "playwright-report", "test-results"]);

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

function listSources(root: string, dir = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...listSources(root, path));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(path);
  }
  return found;
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  // allowJs: the scripts and test servers written in plain .mjs are part of the graph too.
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, root).options, allowJs: true };
}

/** The host the resolver asks: the disk, with `extra` files laid over it. */
function resolutionHost(root: string, extra: Map<string, string>): ts.ModuleResolutionHost {
  const absolute = new Map([...extra].map(([path, text]) => [join(root, path), text]));
  return {
    fileExists: (file) => absolute.has(file) || ts.sys.fileExists(file),
    readFile: (file) => absolute.get(file) ?? ts.sys.readFile(file),
    directoryExists: (dir) => ts.sys.directoryExists?.(dir) ?? true,
    realpath: (path) => ts.sys.realpath?.(path) ?? path,
    getCurrentDirectory: () => root,
  };
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

interface RawImport {
  specifier: string;
  line: number;
  typeOnly: boolean;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import "x"` runs x
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((element) => element.isTypeOnly)
  );
}

function rawImports(path: string, text: string): RawImport[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: RawImport[] = [];
  const add = (literal: ts.Expression, typeOnly: boolean) => {
    if (!ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(literal.getStart()).line + 1;
    found.push({ specifier: literal.text, line, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, isTypeOnlyImport(node));
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, isTypeOnlyExport(node));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments[0]) {
      const callee = node.expression;
      const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword;
      const required = ts.isIdentifier(callee) && callee.text === "require";
      if (dynamic || required) add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Reads every source file under `root` (skipping node_modules and build output) and resolves its
 * imports. `extra` adds or replaces files by path (relative to the root) without touching the
 * disk: how the rules' own tests plant a forbidden import.
 */
export function buildImportGraph(root: string, extra: Record<string, string> = {}): ImportGraph {
  const overlay = new Map(Object.entries(extra));
  const options = compilerOptions(root);
  const host = resolutionHost(root, overlay);
  const paths = new Set([...listSources(root), ...overlay.keys()]);
  const files = new Map<string, SourceFile>();
  const edges: ImportEdge[] = [];
  for (const path of [...paths].sort()) {
    const text = overlay.get(path) ?? readFileSync(join(root, path), "utf8");
    files.set(path, { path, text });
    for (const raw of rawImports(path, text)) {
      edges.push({ from: path, ...raw, to: resolve(raw.specifier, path) });
    }
  }
  function resolve(specifier: string, from: string): string {
    if (ASSET.test(specifier)) return `asset:${specifier}`;
    const { resolvedModule } = ts.resolveModuleName(specifier, join(root, from), options, host);
    if (!resolvedModule || resolvedModule.isExternalLibraryImport) {
      const relativeSpecifier = specifier.startsWith(".") || specifier.startsWith("@/");
      return relativeSpecifier ? `unresolved:${specifier}` : `package:${packageName(specifier)}`;
    }
    return toPosix(relative(root, resolvedModule.resolvedFileName));
  }
  const byFile = new Map<string, ImportEdge[]>();
  for (const edge of edges) byFile.set(edge.from, [...(byFile.get(edge.from) ?? []), edge]);
  return { files, edges, importsOf: (path) => byFile.get(path) ?? [] };
}
