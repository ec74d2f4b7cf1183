// Loaded by the server's Node flags (`--import=./scripts/drizzle-resolve-hook.mjs`, see
// server-node-flags.ts): resolves drizzle-orm's imports of its own files without Node's lookup
// of the package's scope (ADR 0053).
//
// Why: Node 24 resolves every relative import of an ES module by also asking its package's
// "type", and its getPackageScopeConfig copies the package.json's fields with an object spread,
// which runs the lazy getter of "exports" and so parses the whole exports map again, for every
// file. drizzle-orm's package.json is 179 KB, almost all of it that map, and the portal loads
// about 110 of its files: some 90 MB of parsed JSON thrown away while the modules load (more in
// tsx's loader thread), which V8 holds until its first full collection. That garbage was most of
// the « 217 MB once the modules are loaded » of the import benchmark (ADR 0043).
//
// A relative specifier with its extension, from one of drizzle-orm's files, is that file's URL
// joined to it, and the package's "type" is "module" (its .cjs files are CommonJS by their
// extension and are left to Node): exactly what Node would answer, without the lookup. Every
// other specifier goes on to Node (and tsx) unchanged.
import { registerHooks } from "node:module";

const DRIZZLE = "/node_modules/drizzle-orm/";

/** The resolve hook, exported for its test. */
export function resolve(specifier, context, nextResolve) {
	const parent = context.parentURL;
	if (
		parent?.startsWith("file:") &&
		parent.includes(DRIZZLE) &&
		parent.endsWith(".js") &&
		(specifier.startsWith("./") || specifier.startsWith("../")) &&
		specifier.endsWith(".js")
	) {
		const url = new URL(specifier, parent).href;
		// Only within the package: a path that climbs out of it is Node's to resolve.
		if (url.includes(DRIZZLE)) return { url, format: "module", shortCircuit: true };
	}
	return nextResolve(specifier, context);
}

registerHooks({ resolve });
