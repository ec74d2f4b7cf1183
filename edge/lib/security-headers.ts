// The security headers of every response, static or dynamic, on both hosts (SECURITY.md,
// "Headers"). One record, applied by the edge app's middleware, by the Node host's static
// handler, and written into the Cloudflare `_headers` file at build time.

/** Strict CSP: no inline script, no third party; the only script a page may load is our own. */
export const CONTENT_SECURITY_POLICY = [
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self'",
	"img-src 'self' data:",
	"font-src 'self'",
	"connect-src 'self'",
	"worker-src 'self' blob:",
	"object-src 'none'",
	"base-uri 'none'",
	"form-action 'self'",
	"frame-ancestors 'none'",
	"upgrade-insecure-requests",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	"Content-Security-Policy": CONTENT_SECURITY_POLICY,
	"Strict-Transport-Security": "max-age=63072000; includeSubDomains",
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy": "strict-origin-when-cross-origin",
	"X-Frame-Options": "DENY",
	"Cross-Origin-Opener-Policy": "same-origin",
	"Cross-Origin-Resource-Policy": "same-origin",
	"Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
};

/**
 * The network finder's pages (/reseau) may ask for the position, and only when the person
 * clicks « Autour de moi »; every other page keeps geolocation=() from SECURITY_HEADERS.
 */
export const RESEAU_PERMISSIONS_POLICY = SECURITY_HEADERS["Permissions-Policy"]?.replace(
	"geolocation=()",
	"geolocation=(self)",
) as string;

export function applySecurityHeaders(headers: Headers): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!headers.has(name)) headers.set(name, value);
	}
}
