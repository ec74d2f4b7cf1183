// `/cles-d-acces.js`, built with the public site: @simplewebauthn/browser's own bundle followed
// by the ceremony of the passkey forms (site/src/scripts/passkey-ceremony.js). A file of the
// site, so both hosts serve it as a static asset from the same origin (the CSP's script-src
// 'self'); the private pages load it only where a ceremony happens (ADR 0028).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export async function GET(): Promise<Response> {
	const library = join(
		dirname(createRequire(import.meta.url).resolve("@simplewebauthn/browser")),
		"../dist/bundle/index.umd.min.js",
	);
	// Astro builds from the project's root (scripts/site-build.ts); the bundled endpoint no longer
	// sits beside its sources, so the path is the root's.
	const ceremony = join(process.cwd(), "site/src/scripts/passkey-ceremony.js");
	const body = `${await readFile(library, "utf8")}\n${await readFile(ceremony, "utf8")}`;
	return new Response(body, { headers: { "Content-Type": "text/javascript; charset=utf-8" } });
}
