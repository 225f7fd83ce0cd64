// Runs once when the server starts: read and validate MCP_CONFIG now, so a broken entry is
// reported at start-up (naming the server and the field) rather than on the first chat.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getPool } = await import("./lib/mcp");
  getPool();
}
