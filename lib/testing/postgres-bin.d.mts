/** Where initdb and postgres are: POSTGRES_BIN_DIR, "" for PATH, Debian's newest version, or undefined. */
export function postgresBinDir(): string | undefined;
