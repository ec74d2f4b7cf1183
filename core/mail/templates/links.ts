// Every link in an e-mail is built here, from the configured public URL and a path. Whatever the
// path says ("//other.host", "/../..", "%2e%2e", backslashes), the result stays under the public
// URL: the path is cut into segments, dot segments are dropped, and only the query and fragment
// are kept as given.

/** Pages of the public site that every mail may point to. */
export const CONTACT_PATH = "/informations/contact";
export const CGU_PATH = "/cgu";

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

export function buildLink(publicUrl: URL, path: string): URL {
	if (publicUrl.protocol !== "https:" && publicUrl.protocol !== "http:") {
		throw new Error("buildLink: the public URL must be http(s)");
	}
	const [, pathPart = "", query = "", fragment = ""] = /^([^?#]*)(\?[^#]*)?(#.*)?$/s.exec(path) ?? [];
	const segments = pathPart.split(/[\\/]+/).filter((segment) => segment !== "" && !DOT_SEGMENT.test(segment));
	const trailingSlash = segments.length > 0 && /[\\/]$/.test(pathPart) ? "/" : "";
	const basePath = publicUrl.pathname.endsWith("/") ? publicUrl.pathname : `${publicUrl.pathname}/`;
	const url = new URL(publicUrl.origin);
	url.pathname = `${basePath}${segments.join("/")}${trailingSlash}`;
	url.search = query;
	url.hash = fragment;
	return url;
}

/** True when `url` is the public URL or under it (same origin, same base path). */
export function isUnderPublicUrl(url: URL, publicUrl: URL): boolean {
	const basePath = publicUrl.pathname.endsWith("/") ? publicUrl.pathname : `${publicUrl.pathname}/`;
	return url.origin === publicUrl.origin && `${url.pathname}/`.startsWith(basePath);
}
