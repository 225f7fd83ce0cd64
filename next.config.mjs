// The Content-Security-Policy is not here: a page's must carry a nonce that is new for every
// request, so proxy.ts sets it (lib/http/content-security-policy.ts), on API answers too. These are
// the same for every response.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

// What proxy.ts does not see (its matcher leaves out the build's assets and the app icon) gets the
// inert policy of lib/http/content-security-policy.ts: a script or an SVG opened on its own as a
// document can load and run nothing. (Browsers ignore a CSP on a script or a style loaded by a page.)
const INERT_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The MCP SDK spawns processes and opens sockets; PGlite loads its WASM and data files from
  // beside its own modules. Keep both out of the server bundle (pg is external by Next's default).
  // The file extractors (lib/files) are loaded as they are: pdf.js and ExcelJS are large, and are
  // needed only when a file is read.
  serverExternalPackages: [
    "@modelcontextprotocol/sdk",
    "@electric-sql/pglite",
    "unpdf",
    "mammoth",
    "exceljs",
  ],
  async headers() {
    const inert = [{ key: "Content-Security-Policy", value: INERT_POLICY }];
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/_next/static/:path*", headers: inert },
      { source: "/icon.svg", headers: inert },
    ];
  },
};

export default nextConfig;
