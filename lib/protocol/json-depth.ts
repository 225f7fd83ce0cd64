// How deeply a JSON value nests, measured without recursion. JSON.parse takes any depth, but
// JSON.stringify, structured cloning and every recursive walker after it overflow the stack on a
// value a few thousand levels deep — so a request or a tool result that deep is refused or kept
// as text before anything walks it. No real tool argument or result comes near the limit.

export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects and arrays more than `limit` levels deep (a scalar is level 0). */
export function nestedDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node !== "object" || node === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
