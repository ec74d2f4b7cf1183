// The client's IP address reaches the edge app in one header that only the host sets: the Node
// host from the socket, the Cloudflare host from `CF-Connecting-IP`. Whatever a client sends
// under these names is dropped first. The address is used hashed (edge/services/client-ip.ts),
// never stored.
import type { Context } from "hono";
import { ipKey } from "../services/client-ip.ts";

export const CLIENT_IP_HEADER = "x-espace-client-ip";
/** "Lyon, FR": the approximate place Cloudflare derives from the address, shown with sessions. */
export const CLIENT_PLACE_HEADER = "x-espace-client-place";

export function withClientIp(request: Request, address: string | undefined, place?: string): Request {
	const headers = new Headers(request.headers);
	headers.delete(CLIENT_IP_HEADER);
	headers.delete(CLIENT_PLACE_HEADER);
	headers.delete("cf-connecting-ip");
	if (address) headers.set(CLIENT_IP_HEADER, address);
	if (place) headers.set(CLIENT_PLACE_HEADER, encodeURIComponent(place.slice(0, 80)));
	return new Request(request, { headers });
}

export function clientPlace(c: Context): string | undefined {
	const raw = c.req.header(CLIENT_PLACE_HEADER);
	if (!raw) return undefined;
	try {
		return decodeURIComponent(raw);
	} catch {
		return undefined;
	}
}

export function clientAddress(c: Context): string | undefined {
	return c.req.header(CLIENT_IP_HEADER);
}

/** The keyed hash of the client's address, for throttling and the audit trail (never the address). */
export function requestIpKey(c: Context, secret: string): string {
	return ipKey(clientAddress(c), secret);
}
