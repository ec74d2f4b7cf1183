// The Node host's server for the pre-rendered public site. The whole build (a few hundred KB)
// is read into memory at start with its precompressed variants and validators, so a request
// costs a map lookup: no disk access, no compression on the fly.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { applySecurityHeaders } from "../edge/lib/security-headers.ts";
import { bannerTag, injectBanner } from "./static-banner.ts";

interface StaticFile {
	readonly type: string;
	readonly etag: string;
	readonly cacheControl: string;
	readonly identity: Uint8Array;
	readonly br: Uint8Array | undefined;
	readonly gzip: Uint8Array | undefined;
}

const TYPES: Record<string, string> = {
	".html": "text/html; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".js": "text/javascript; charset=utf-8",
	".mjs": "text/javascript; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".svg": "image/svg+xml",
	".txt": "text/plain; charset=utf-8",
	".xml": "application/xml; charset=utf-8",
	".webmanifest": "application/manifest+json",
	".png": "image/png",
	".jpg": "image/jpeg",
	".webp": "image/webp",
	".woff2": "font/woff2",
	".ico": "image/x-icon",
	".pdf": "application/pdf",
};

async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

function cacheControlFor(urlPath: string): string {
	// Astro puts a content hash in every file name under /_astro/: they never change.
	if (urlPath.startsWith("/_astro/")) return "public, max-age=31536000, immutable";
	// Pages and other files are revalidated with their ETag (a 304 costs a few bytes).
	return "public, no-cache";
}

export class StaticSite {
	private constructor(private readonly files: ReadonlyMap<string, StaticFile>) {}

	static async load(root: string): Promise<StaticSite> {
		const paths = await listFiles(root);
		const present = new Set(paths);
		const files = new Map<string, StaticFile>();
		for (const path of paths) {
			if (path.endsWith(".br") || path.endsWith(".gz")) continue;
			const urlPath = `/${relative(root, path).split(sep).join("/")}`;
			// Build-time files that are not part of the site.
			if (urlPath === "/_headers" || urlPath === "/_redirects") continue;
			const identity = new Uint8Array(await readFile(path));
			const hash = createHash("sha256").update(identity).digest("base64url").slice(0, 22);
			files.set(urlPath, {
				type: TYPES[extname(path)] ?? "application/octet-stream",
				etag: hash,
				cacheControl: cacheControlFor(urlPath),
				identity,
				br: present.has(`${path}.br`) ? new Uint8Array(await readFile(`${path}.br`)) : undefined,
				gzip: present.has(`${path}.gz`) ? new Uint8Array(await readFile(`${path}.gz`)) : undefined,
			});
		}
		return new StaticSite(files);
	}

	get size(): number {
		return this.files.size;
	}

	/** Maps a URL path to a file: exact file, then `.html` (Astro's `build.format: "file"`). */
	private resolve(pathname: string): StaticFile | undefined {
		if (pathname === "/") return this.files.get("/index.html");
		return (
			this.files.get(pathname) ??
			this.files.get(`${pathname}.html`) ??
			this.files.get(`${pathname}/index.html`)
		);
	}

	/**
	 * Answers a GET or HEAD for the static site; `undefined` when the path is not a file. With a
	 * `banner` (maintenance on or announced), HTML pages carry it at the top of <main>.
	 */
	serve(request: Request, banner: string | null = null): Response | undefined {
		if (request.method !== "GET" && request.method !== "HEAD") return undefined;
		let pathname: string;
		try {
			pathname = decodeURIComponent(new URL(request.url).pathname);
		} catch {
			return undefined;
		}
		if (pathname.length > 1 && pathname.endsWith("/")) {
			const target = pathname.replace(/\/+$/, "") || "/";
			if (this.resolve(target)) return redirect(target + new URL(request.url).search);
		}
		const file = this.resolve(pathname);
		return file ? this.respond(request, this.withBanner(file, banner), 200) : undefined;
	}

	/** The page with the banner: identity only (the host compresses it), an ETag of its own. */
	private withBanner(file: StaticFile, banner: string | null): StaticFile {
		if (!banner || !file.type.startsWith("text/html")) return file;
		const html = injectBanner(new TextDecoder().decode(file.identity), banner);
		return {
			...file,
			etag: `${file.etag}-m${bannerTag(banner)}`,
			identity: new TextEncoder().encode(html),
			br: undefined,
			gzip: undefined,
		};
	}

	/** The site's own 404 page (French), with status 404. */
	notFound(request: Request, banner: string | null = null): Response {
		const file = this.files.get("/404.html");
		if (!file)
			return new Response("Page introuvable", {
				status: 404,
				headers: { "Content-Type": "text/plain; charset=utf-8" },
			});
		return this.respond(request, { ...this.withBanner(file, banner), cacheControl: "no-store" }, 404);
	}

	private respond(request: Request, file: StaticFile, status: number): Response {
		const accepted = request.headers.get("Accept-Encoding") ?? "";
		const encoding =
			file.br && /\bbr\b/.test(accepted) ? "br" : file.gzip && /\bgzip\b/.test(accepted) ? "gzip" : undefined;
		const body = encoding === "br" ? file.br : encoding === "gzip" ? file.gzip : file.identity;
		const etag = `"${file.etag}${encoding ? `-${encoding}` : ""}"`;
		const headers = new Headers({
			"Content-Type": file.type,
			"Cache-Control": file.cacheControl,
			ETag: etag,
			Vary: "Accept-Encoding",
		});
		if (encoding) headers.set("Content-Encoding", encoding);
		applySecurityHeaders(headers);
		if (status === 200 && matchesEtag(request.headers.get("If-None-Match"), etag)) {
			return new Response(null, { status: 304, headers });
		}
		headers.set("Content-Length", String(body?.byteLength ?? 0));
		return new Response(request.method === "HEAD" ? null : (body as Uint8Array<ArrayBuffer>), {
			status,
			headers,
		});
	}
}

function matchesEtag(header: string | null, etag: string): boolean {
	if (!header) return false;
	return header
		.split(",")
		.map((value) => value.trim().replace(/^W\//, ""))
		.some((value) => value === etag || value === "*");
}

function redirect(location: string): Response {
	const headers = new Headers({ Location: location, "Cache-Control": "public, max-age=3600" });
	applySecurityHeaders(headers);
	return new Response(null, { status: 301, headers });
}
