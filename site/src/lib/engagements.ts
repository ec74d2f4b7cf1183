// `/cgu/engagements`: for each article of the terms in force, the features that keep it and the
// tests that prove it, read at build time from the test suite itself. A test says which articles
// it proves with a comment on the line just above it:
//     // CGU art. 8
//     it("holds nothing of member 1000000002", ...)
// so the page cannot drift from the code: a renamed test is renamed here, a deleted one is gone,
// and tests/architecture/cgu-engagements.test.ts fails when an article has no test.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface ProvingTest {
	/** Path from the project's root, with "/" separators. */
	readonly file: string;
	/** The title of the `it`/`describe` just below the tag. */
	readonly title: string;
}

/** Folders of the project that hold tests (never node_modules, builds or data). */
const TEST_ROOTS = ["core", "db", "edge", "hosts", "schema", "scripts", "tests", "worker"] as const;
const TAG = /^\s*\/\/\s*CGU art\.\s*(\d+(?:\s*,\s*\d+)*)\s*$/;
const CALL = /^\s*(?:it|test|describe)(?:\.(?:each|skip|only)\b[^(]*)?\(\s*(["'`])((?:\\.|(?!\1).)*)\1/;

function testFiles(root: string): string[] {
	return TEST_ROOTS.flatMap((folder) => {
		try {
			return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
				.filter((entry) => entry.isFile() && /\.test\.tsx?$/.test(entry.name))
				.map((entry) => join(entry.parentPath, entry.name));
		} catch {
			return [];
		}
	}).sort();
}

/** Every tagged test of the project, by article number. */
export function findProvingTests(root: string = process.cwd()): Map<number, ProvingTest[]> {
	const found = new Map<number, ProvingTest[]>();
	for (const path of testFiles(root)) {
		const lines = readFileSync(path, "utf8").split("\n");
		lines.forEach((line, index) => {
			const tag = TAG.exec(line);
			if (!tag?.[1]) return;
			const call = CALL.exec(lines[index + 1] ?? "");
			const file = relative(root, path).split(sep).join("/");
			if (!call?.[2])
				throw new Error(`${file}:${index + 1}: a « CGU art. » tag must sit just above an it() or describe()`);
			for (const number of tag[1].split(",").map((part) => Number(part.trim()))) {
				const list = found.get(number) ?? [];
				list.push({ file, title: call[2].replace(/\\(["'`])/g, "$1") });
				found.set(number, list);
			}
		});
	}
	return found;
}

/** What keeps each article, in the words of the page (French). */
export const FEATURES: Readonly<Record<number, readonly string[]>> = {
	1: [
		"Trois espaces distincts (adhérent, employeur, professionnel de santé) et un identifiant numérique par compte.",
	],
	2: [
		"Création du compte à partir des informations connues de la mutuelle, identifiant envoyé par e-mail avec un lien pour choisir son mot de passe (jamais de mot de passe par e-mail).",
		"Acceptation des conditions d'utilisation enregistrée avec sa version, sa date et la capacité déclarée.",
	],
	3: [
		"Espace adhérent : garanties, remboursements, relevés, bénéficiaires, carte de tiers payant, réclamations.",
		"Chaque consultation et chaque opération inscrite au journal, qui fait preuve.",
	],
	4: [
		"Mode maintenance : bandeau sur chaque page, consultation maintenue, modifications refusées sans rien perdre, maintenances annoncées à l'avance.",
		"Page publique « État du service » avec les incidents des 90 derniers jours.",
	],
	5: [
		"Journal des opérations inaltérable et chaîné, vérifié chaque nuit.",
		"Sessions limitées dans le temps, second facteur, signalement d'une utilisation frauduleuse.",
	],
	6: ["Limites de fréquence qui empêchent d'aspirer les informations du site."],
	7: [
		"Suppression du compte à tout moment, avec un délai de rétractation.",
		"Espace ouvert deux ans après la fin du contrat, avec des rappels avant sa fermeture.",
	],
	8: [
		"« Mes données » : export complet, rectification, oppositions et consentements, directives après décès, demandes au délégué à la protection des données suivies avec leur délai.",
		"Durées de conservation appliquées chaque nuit ; un seul cookie, celui de la session ; mesure d'audience sans cookie ni donnée personnelle.",
	],
	9: [
		"Versions successives des conditions d'utilisation archivées et comparables, adresse de contact publiée.",
	],
};
