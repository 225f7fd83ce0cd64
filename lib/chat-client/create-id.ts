// crypto.randomUUID exists only in secure contexts, and a self-hosted app is often reached over
// plain http on a LAN.
export function createId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
