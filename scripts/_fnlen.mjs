import { readFileSync } from "node:fs";
import ts from "typescript";

const files = process.argv.slice(2);
for (const f of files) {
  const src = ts.createSourceFile(f, readFileSync(f, "utf8"), ts.ScriptTarget.Latest, true);
  const visit = (n) => {
    if (ts.isFunctionLike(n) && n.body) {
      const a = src.getLineAndCharacterOfPosition(n.getStart()).line;
      const b = src.getLineAndCharacterOfPosition(n.end).line;
      if (b - a + 1 > 80) console.log(`${f}:${a + 1} ${b - a + 1} lines ${n.name?.getText?.() ?? "(anon)"}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
}
