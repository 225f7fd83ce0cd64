// Tool names as the model sees them: a tool keeps its own name unless two servers offer the same
// one, then both become `server__tool`. Every name fits the provider's function-name rule
// (letters, digits, `_`, `-`, at most 64 characters) and is unique.

export const MAX_NAME_LENGTH = 64;

export interface ServerTool {
  server: string;
  tool: string;
}

export function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]/g, "_").replace(/^_+$/, "");
  return (cleaned || "tool").slice(0, MAX_NAME_LENGTH);
}

/** Shortens to 64 characters keeping the name recognisable and distinct: head + short hash. */
function fitLength(name: string, seed: string): string {
  if (name.length <= MAX_NAME_LENGTH) return name;
  let hash = 0;
  for (const char of seed) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  const suffix = `_${hash.toString(36)}`;
  return name.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
}

/** Assigns each tool the name the model will call it by; the map goes from that name back. */
export function assignToolNames(tools: readonly ServerTool[]): Map<string, ServerTool> {
  const byName = new Map<string, ServerTool[]>();
  for (const entry of tools) {
    const list = byName.get(entry.tool) ?? [];
    list.push(entry);
    byName.set(entry.tool, list);
  }
  const out = new Map<string, ServerTool>();
  for (const [tool, owners] of byName) {
    for (const owner of owners) {
      const raw = owners.length > 1 ? `${safeName(owner.server)}__${safeName(tool)}` : safeName(tool);
      let name = fitLength(raw, `${owner.server}\u0000${tool}`);
      // Two different originals can still sanitise to one name ("a.b" and "a_b"): number them.
      for (let n = 2; out.has(name); n++)
        name = fitLength(`${raw}_${n}`, `${owner.server}\u0000${tool}\u0000${n}`);
      out.set(name, owner);
    }
  }
  return out;
}
