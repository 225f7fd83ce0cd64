// Empty stand-in for the `server-only` guard in tests and the CLI (see vitest.config.ts).
export {};
