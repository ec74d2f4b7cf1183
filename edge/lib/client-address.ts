// The client's IP address reaches the edge app in one header that only the host sets: the Node
// host from the socket, the Cloudflare host from `CF-Connecting-IP`. Whatever a client sends
// under these names is dropped first. The address is used hashed (edge/services/client-ip.ts),
// never stored.
import type { Context } from "hono";
import { ipKey } from "../services/client-ip.ts";

export const CLIENT_IP_HEADER = "x-espace-client-ip";

export function withClientIp(request: Request, address: string | undefined): Request {
	const headers = new Headers(request.headers);
	headers.delete(CLIENT_IP_HEADER);
	headers.delete("cf-connecting-ip");
	if (address) headers.set(CLIENT_IP_HEADER, address);
	return new Request(request, { headers });
}

export function clientAddress(c: Context): string | undefined {
	return c.req.header(CLIENT_IP_HEADER);
}

/** The keyed hash of the client's address, for throttling and the audit trail (never the address). */
export function requestIpKey(c: Context, secret: string): string {
	return ipKey(clientAddress(c), secret);
}
