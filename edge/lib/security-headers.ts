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

/**
 * The network finder's map page (ADR 0030). MapLibre's CSP build runs with the policy above as
 * it is (its worker is a file of ours, nothing evaluated); a configured vector-tile style on
 * another origin is the one widening: that origin, for `fetch` only, on this page only.
 */
export function mapContentSecurityPolicy(styleUrl: string | undefined): string {
	if (!styleUrl) return CONTENT_SECURITY_POLICY;
	const origin = new URL(styleUrl).origin;
	return CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${origin}`);
}

export function applySecurityHeaders(headers: Headers): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!headers.has(name)) headers.set(name, value);
	}
}
