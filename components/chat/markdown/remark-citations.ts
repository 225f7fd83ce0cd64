import type { Link, Nodes, PhrasingContent, Root, Text } from "mdast";
import type { WebSource } from "@/lib/chat-client/answer-sources";
import { splitCitations } from "./split-citations";

// The remark step that turns an answer's citations into links to its sources: [1] becomes a link
// to source 1's URL, its title as the tooltip, marked (data-citation) for the renderer to show as
// a superscript (markdown-block.tsx). Text only: code and math are nodes with values, never
// visited; a link's own text is left alone (no links inside links).

const SKIP = new Set<Nodes["type"]>(["link", "linkReference", "definition"]);

export interface CitationOptions {
  sources: ReadonlyMap<number, WebSource>;
}

export function remarkCitations({ sources }: CitationOptions) {
  const isSource = (index: number) => sources.has(index);
  return (tree: Root) => {
    visit(tree, (text) => {
      const pieces = splitCitations(text.value, isSource);
      if (pieces.length === 1 && typeof pieces[0] === "string") return undefined;
      return pieces.flatMap((piece): PhrasingContent[] =>
        typeof piece === "string"
          ? [{ type: "text", value: piece }]
          : piece.indexes.flatMap((index) => {
              const source = sources.get(index);
              return source ? [citationLink(index, source)] : [];
            }),
      );
    });
  };
}

function citationLink(index: number, source: WebSource): Link {
  return {
    type: "link",
    url: source.url,
    title: source.title,
    children: [{ type: "text", value: String(index) }],
    data: { hProperties: { dataCitation: index } },
  };
}

/** Calls `replace` on every text node outside links; what it returns takes the node's place. */
function visit(node: Nodes, replace: (text: Text) => PhrasingContent[] | undefined): void {
  if (!("children" in node) || SKIP.has(node.type)) return;
  const children: Nodes[] = node.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (!child) continue;
    if (child.type !== "text") {
      visit(child, replace);
      continue;
    }
    const replacement = replace(child);
    if (!replacement) continue;
    children.splice(i, 1, ...replacement);
    i += replacement.length - 1;
  }
}
