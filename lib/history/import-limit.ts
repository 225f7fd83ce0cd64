// How large an export file POST /api/import takes (PROTOCOL.md section 12), here without zod so
// that the page can say so before it sends one. Under the 10 MiB of a body that Next's proxy reads:
// a larger one would reach the route cut short. A larger history is imported in parts.
export const IMPORT_LIMIT_BYTES = 9 * 1024 * 1024;
