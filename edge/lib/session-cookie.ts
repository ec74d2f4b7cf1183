// The only cookie of the portal (article 8 of the CGU: cookies that live for the connection):
// `__Host-` prefix, Secure, HttpOnly, SameSite=Lax, Path=/, and no Max-Age or Expires, so the
// browser forgets it when it closes.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

export const SESSION_COOKIE = "__Host-espace_session";

export function setSessionCookie(c: Context, token: string): void {
	setCookie(c, "espace_session", token, {
		prefix: "host",
		path: "/",
		secure: true,
		httpOnly: true,
		sameSite: "Lax",
	});
}

export function getSessionCookie(c: Context): string | undefined {
	return getCookie(c, "espace_session", "host");
}

export function deleteSessionCookie(c: Context): void {
	deleteCookie(c, "espace_session", {
		prefix: "host",
		path: "/",
		secure: true,
		httpOnly: true,
		sameSite: "Lax",
	});
}
