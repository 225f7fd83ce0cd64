// The password rules the library enforces (auth.ts) and the sign-up page shows: one place for both.
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
