// The employees of the affiliation-import benchmark (bench/affiliation-import.ts): line i of the
// generated CSV, its NIR unique by construction (birth year and month, commune and order number
// all derived from i), and every BROKEN_EVERY-th line broken (a wrong NIR key), so that the run
// must report exactly those lines and affiliate exactly the others.
import { nirKey } from "../../schema/identifiers.ts";

export const BROKEN_EVERY = 97;
export const CSV_HEADER =
	"nir;nom;prenom;date_naissance;email;adresse;code_postal;ville;matricule;date_affiliation;categorie;option";

export interface GeneratedEmployee {
	readonly nir: string;
	readonly lastName: string;
	readonly firstName: string;
	readonly birthDate: string;
	readonly email: string;
	readonly broken: boolean;
}

const LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand"];
const FIRST_NAMES = ["Léa", "Hugo", "Chloé", "Louis", "Inès", "Jules", "Manon", "Nathan"];

export function generatedEmployee(i: number): GeneratedEmployee {
	const year = 60 + (i % 30);
	const month = 1 + (Math.floor(i / 30) % 12);
	const commune = String(100 + Math.floor(i / 360)).padStart(3, "0");
	const order = String(900 + (i % 97)).padStart(3, "0");
	const body = `${1 + (i % 2)}${year}${String(month).padStart(2, "0")}99${commune}${order}`;
	const broken = i % BROKEN_EVERY === BROKEN_EVERY - 1;
	const key = nirKey(body);
	return {
		nir: `${body}${broken ? String((Number(key) % 97) + 1).padStart(2, "0") : key}`,
		lastName: LAST_NAMES[i % LAST_NAMES.length] ?? "Martin",
		firstName: FIRST_NAMES[(i >> 3) % FIRST_NAMES.length] ?? "Léa",
		birthDate: `19${year}-${String(month).padStart(2, "0")}-15`,
		email: `salarie.${i}@bench.exemple.fr`,
		broken,
	};
}

export function csvLine(employee: GeneratedEmployee, startDate: string, category: string): string {
	return [
		employee.nir,
		employee.lastName,
		employee.firstName,
		employee.birthDate,
		employee.email,
		"12 rue de la Paix",
		"75002",
		"Paris",
		"",
		startDate,
		category,
		"isole",
	].join(";");
}
