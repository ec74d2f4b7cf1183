// What the edge app needs from the public site's build on the Node host: the stylesheet's hashed
// name and the list of CGU versions. Read once at start.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CguVersion, SiteAssets } from "../core/deps.ts";

export async function loadSiteAssets(siteDir: string): Promise<SiteAssets> {
	const manifest = JSON.parse(await readFile(join(siteDir, "_espace", "assets.json"), "utf8")) as {
		stylesheets: string[];
	};
	const cguVersions = JSON.parse(
		await readFile(join(siteDir, "cgu", "versions.json"), "utf8"),
	) as CguVersion[];
	return { stylesheets: manifest.stylesheets, cguVersions };
}
