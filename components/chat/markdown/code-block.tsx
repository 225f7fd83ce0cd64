import type { ComponentProps } from "react";
import type { ExtraProps } from "react-markdown";
import { CopyButton } from "@/components/ui/copy-button";

// Replaces react-markdown's <pre>: a header with the language and a copy button over the code.
// The text to copy comes from the syntax tree, so it is the code as written, highlighted or not.

type HastNode = NonNullable<ExtraProps["node"]>;
type HastChild = HastNode["children"][number];

function textOf(node: HastNode | HastChild): string {
  if (node.type === "text") return node.value;
  if ("children" in node) return node.children.map((child) => textOf(child as HastChild)).join("");
  return "";
}

function languageOf(node: HastNode | undefined): string | undefined {
  const code = node?.children.find((child) => child.type === "element" && child.tagName === "code");
  if (code?.type !== "element") return undefined;
  const classes = code.properties.className;
  const list = Array.isArray(classes) ? classes : [];
  const language = list.find((name) => String(name).startsWith("language-"));
  return language ? String(language).slice("language-".length) : undefined;
}

interface CodeBlockProps extends ComponentProps<"pre">, ExtraProps {
  copyLabel: string;
  copiedLabel: string;
}

export function CodeBlock({
  node,
  children,
  copyLabel,
  copiedLabel,
  className: _,
  ...props
}: CodeBlockProps) {
  const language = languageOf(node);
  const code = node ? textOf(node).replace(/\n$/, "") : "";
  return (
    <div
      data-testid="code-block"
      className="not-prose overflow-hidden rounded-xl border border-neutral-200 bg-neutral-50 dark:border-neutral-800 dark:bg-neutral-900"
    >
      <div className="flex items-center justify-between border-neutral-200 border-b py-1 pr-1 pl-3 text-neutral-500 text-xs dark:border-neutral-800 dark:text-neutral-400">
        <span className="font-mono">{language ?? "code"}</span>
        <CopyButton text={code} label={copyLabel} copiedLabel={copiedLabel} showLabel testId="copy-code" />
      </div>
      <pre {...props} className="overflow-x-auto p-3 font-mono text-[0.8125rem] leading-relaxed">
        {children}
      </pre>
    </div>
  );
}
