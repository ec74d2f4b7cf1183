// The client's address reaches the edge app from the host, never from a header the client could
// write: the Node host reads it from the socket (behind a reverse proxy listed in TRUSTED_PROXIES,
// from the last `X-Forwarded-For` entry that proxy appended), the Cloudflare host from
// `CF-Connecting-IP` (which Cloudflare sets and overwrites), and both pass it in the app's env
// (`c.env.client`) rather than rebuilding the request. The address is used hashed
// (core/client-ip.ts), never stored.
import type { Context } from "hono";
import { ipKey } from "../../core/client-ip.ts";

/** What the host knows of the client. */
export interface ClientInfo {
	readonly ip?: string | undefined;
	/** "Lyon, FR": the approximate place Cloudflare derives from the address, shown with sessions. */
	readonly place?: string | undefined;
}

/** The env a host passes to the edge app's `fetch` (the Cloudflare host adds its bindings). */
export interface ClientBindings {
	readonly client?: ClientInfo | undefined;
}

function clientOf(c: Context): ClientInfo | undefined {
	return (c.env as ClientBindings | undefined)?.client;
}

export function clientPlace(c: Context): string | undefined {
	return clientOf(c)?.place?.slice(0, 80) || undefined;
}

export function clientAddress(c: Context): string | undefined {
	return clientOf(c)?.ip;
}

/** The keyed hash of the client's address, for throttling and the audit trail (never the address). */
export function requestIpKey(c: Context, secret: string): string {
	return ipKey(clientAddress(c), secret);
}
