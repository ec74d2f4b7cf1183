// Health professionals across France (placed on the communes with a small jitter), their
// tiers-payant conventions, Kalixia network memberships and accounts; plus the invoices that
// name nobody the insurer knows (rejected "bénéficiaire inconnu").
import type { CareNetwork, ConventionSector, Profession } from "../schema/enums.ts";
import { DEMO_ACCOUNTS } from "./accounts.ts";
import { COMMUNES, type Commune, communeCity } from "./communes.ts";
import type { SeedContext } from "./context.ts";
import { addMonths, dayOf, dayString } from "./dates.ts";
import { accountIdentifier, adeliFor, finessFor, generateTotpSecret, rppsFor } from "./identity.ts";
import { accessUntil, addAccount } from "./portal.ts";
import { cumulativeWeights } from "./random.ts";

const PROFESSION_WEIGHTS: readonly [Profession, number][] = [
	["medecin_generaliste", 25],
	["medecin_specialiste", 12],
	["pharmacien", 15],
	["infirmier", 12],
	["masseur_kinesitherapeute", 10],
	["chirurgien_dentiste", 8],
	["opticien", 6],
	["audioprothesiste", 3],
	["laboratoire", 3],
	["radiologie", 3],
	["etablissement_sante", 3],
];
const PROFESSIONS = PROFESSION_WEIGHTS.map(([profession]) => profession);
const PROFESSION_CUMULATIVE = cumulativeWeights(PROFESSION_WEIGHTS.map(([, weight]) => weight));

const SPECIALTIES = [
	"Cardiologie",
	"Dermatologie",
	"Gynécologie médicale",
	"Ophtalmologie",
	"Pédiatrie",
	"Psychiatrie",
	"Rhumatologie",
	"ORL",
];
const NETWORKS: Partial<Record<Profession, [CareNetwork, number]>> = {
	opticien: ["kalixia_optique", 0.6],
	audioprothesiste: ["kalixia_audio", 0.7],
	chirurgien_dentiste: ["kalixia_dentaire", 0.25],
};
const NATURAL_PERSONS = new Set<Profession>([
	"medecin_generaliste",
	"medecin_specialiste",
	"pharmacien",
	"infirmier",
	"masseur_kinesitherapeute",
	"chirurgien_dentiste",
	"opticien",
	"audioprothesiste",
	"sage_femme",
]);
const WITH_FINESS = new Set<Profession>(["pharmacien", "laboratoire", "radiologie", "etablissement_sante"]);

export const REJECTIONS = {
	unknownBeneficiary: { code: "R01", label: "Bénéficiaire inconnu" },
	rightsClosed: { code: "R02", label: "Droits fermés à la date des soins" },
	notCovered: { code: "R03", label: "Acte non couvert par la garantie" },
	duplicate: { code: "R04", label: "Facture en doublon" },
} as const;

export interface ProfessionalRecord {
	readonly id: number;
	readonly profession: Profession;
	readonly department: string;
	readonly sector: ConventionSector | null;
}

/** What the rest of the generator needs to know about professionals, without their rows. */
export class ProfessionalIndex {
	readonly #records: ProfessionalRecord[] = [];
	readonly #byProfession = new Map<Profession, { all: number[]; byDepartment: Map<string, number[]> }>();
	#invoiceCounters: number[] = [];

	add(record: ProfessionalRecord): void {
		this.#records[record.id] = record;
		this.#invoiceCounters[record.id] = 0;
		let entry = this.#byProfession.get(record.profession);
		if (!entry) {
			entry = { all: [], byDepartment: new Map() };
			this.#byProfession.set(record.profession, entry);
		}
		entry.all.push(record.id);
		const local = entry.byDepartment.get(record.department) ?? [];
		local.push(record.id);
		entry.byDepartment.set(record.department, local);
	}

	get(id: number): ProfessionalRecord | undefined {
		return this.#records[id];
	}

	/** A professional of that profession, in the department when there is one. */
	pick(ctx: SeedContext, profession: Profession, department: string): number | null {
		const entry = this.#byProfession.get(profession);
		if (!entry) return null;
		const local = entry.byDepartment.get(department);
		return ctx.random.pick(local && ctx.random.chance(0.9) ? local : entry.all);
	}

	nextInvoiceNumber(professionalId: number): string {
		const next = (this.#invoiceCounters[professionalId] ?? 0) + 1;
		this.#invoiceCounters[professionalId] = next;
		return `F${String(next).padStart(7, "0")}`;
	}
}

interface ProfessionalSpec {
	readonly profession: Profession;
	readonly commune: Commune;
	readonly lastName: string | null;
	readonly firstName: string | null;
	readonly practiceName: string | null;
	readonly street: string;
	readonly network?: { network: CareNetwork; joinedOn: string } | null;
	readonly account?: { identifier: string; email: string; passwordHash: string; totpSecret: string } | null;
}

function sectorFor(ctx: SeedContext, profession: Profession): ConventionSector | null {
	const draw = ctx.random.next();
	if (profession === "medecin_generaliste")
		return draw < 0.9 ? "secteur_1" : draw < 0.98 ? "secteur_2_optam" : "secteur_2";
	if (profession === "medecin_specialiste")
		return draw < 0.45 ? "secteur_1" : draw < 0.85 ? "secteur_2_optam" : "secteur_2";
	return null;
}

function practiceNameFor(
	ctx: SeedContext,
	profession: Profession,
	commune: Commune,
	lastName: string,
): string | null {
	const city = communeCity(commune);
	switch (profession) {
		case "pharmacien":
			return `Pharmacie ${ctx.random.pick(["du Centre", "de la Gare", "de la Mairie", "du Marché", "des Halles", "de la Poste"])}`;
		case "opticien":
			return `Optique ${lastName}`;
		case "audioprothesiste":
			return `Audition ${lastName}`;
		case "laboratoire":
			return `Laboratoire de biologie médicale de ${city}`;
		case "radiologie":
			return `Centre d'imagerie médicale de ${city}`;
		case "etablissement_sante":
			return ctx.random.chance(0.5)
				? `Centre hospitalier de ${city}`
				: `Clinique ${ctx.faker.person.lastName()}`;
		default:
			return null;
	}
}

function writeProfessional(ctx: SeedContext, index: ProfessionalIndex, spec: ProfessionalSpec): number {
	const id = ctx.ids.professional.next();
	const { profession, commune } = spec;
	const natural = NATURAL_PERSONS.has(profession);
	const sector = sectorFor(ctx, profession);
	const createdDay = ctx.random.int(ctx.yearsAgo(12), ctx.yearsAgo(1));
	const signedDay = ctx.random.int(ctx.yearsAgo(11), ctx.yearsAgo(0) - 30);
	const ended =
		spec.account === undefined && ctx.random.chance(0.02)
			? // At least 60 days after signing, but never after today (a recent signature would
				// otherwise end it in the future).
				ctx.random.int(Math.min(signedDay + 60, ctx.today - 1), ctx.today - 1)
			: null;
	const latitude = Math.round((commune.latitude + (ctx.random.next() - 0.5) * 0.03) * 1e5) / 1e5;
	const longitude = Math.round((commune.longitude + (ctx.random.next() - 0.5) * 0.03) * 1e5) / 1e5;
	const createdAt = ctx.instantOn(createdDay);
	ctx.sink.professionals.push([
		id,
		natural ? rppsFor(id) : null,
		WITH_FINESS.has(profession) ? finessFor(commune.department, id) : null,
		natural &&
		profession !== "medecin_generaliste" &&
		profession !== "medecin_specialiste" &&
		ctx.random.chance(0.3)
			? adeliFor(commune.department, id)
			: null,
		natural ? spec.lastName : null,
		natural ? spec.firstName : null,
		spec.practiceName,
		profession,
		profession === "medecin_specialiste"
			? ctx.random.pick(SPECIALTIES)
			: profession === "medecin_generaliste"
				? "Médecine générale"
				: null,
		sector,
		ctx.random.chance(0.96) || spec.account ? `TP-${String(id).padStart(8, "0")}` : null,
		dayString(signedDay),
		ended === null ? null : dayString(ended),
		spec.street,
		null,
		commune.postalCode,
		communeCity(commune),
		commune.insee,
		latitude,
		longitude,
		ctx.phone(),
		`cabinet.${id}@professionnels.espace.test`,
		createdAt,
		createdAt,
	]);
	const network = spec.network !== undefined ? spec.network : defaultNetwork(ctx, profession);
	if (network) ctx.sink.professionalNetworks.push([id, network.network, network.joinedOn, null]);
	index.add({ id, profession, department: commune.department, sector });

	const account = spec.account ?? (ctx.random.chance(0.4) ? populationAccount(ctx, id) : null);
	if (account) {
		addAccount(ctx, {
			space: "professionnel",
			identifier: account.identifier,
			email: account.email,
			professionalId: id,
			createdDay: Math.max(signedDay, ctx.yearsAgo(6)),
			passwordHash: account.passwordHash,
			state: ended !== null && (accessUntil(ended) ?? 0) < ctx.today ? "closed" : "active",
			accessUntilDay: accessUntil(ended),
			totpSecret: account.totpSecret,
			capacity: "own_capacity",
		});
	}
	if (WITH_FINESS.has(profession) || profession === "opticien" || profession === "audioprothesiste") {
		writeUnknownBeneficiaryInvoices(ctx, index, id);
	}
	return id;
}

function defaultNetwork(
	ctx: SeedContext,
	profession: Profession,
): { network: CareNetwork; joinedOn: string } | null {
	const network = NETWORKS[profession];
	if (!network || !ctx.random.chance(network[1])) return null;
	return { network: network[0], joinedOn: dayString(ctx.random.int(dayOf("2019-06-01"), ctx.today - 60)) };
}

function populationAccount(ctx: SeedContext, professionalId: number) {
	return {
		identifier: accountIdentifier(3, ctx.ids.population.next()),
		email: `cabinet.${professionalId}@professionnels.espace.test`,
		passwordHash: ctx.populationPasswordHash,
		totpSecret: generateTotpSecret(ctx.random),
	};
}

/** Invoices naming a member number nobody holds: rejected, no reimbursement line. */
function writeUnknownBeneficiaryInvoices(
	ctx: SeedContext,
	index: ProfessionalIndex,
	professionalId: number,
): void {
	const count = ctx.random.poisson(0.6);
	for (let i = 0; i < count; i++) {
		const careDay = ctx.random.int(addMonths(ctx.today, -24), ctx.today - 5);
		const charged = ctx.random.int(800, 9000);
		const received = careDay + ctx.random.int(1, 3);
		ctx.sink.invoices.push([
			ctx.ids.invoice.next(),
			professionalId,
			null,
			null,
			`8${ctx.random.digits(8)}`,
			index.nextInvoiceNumber(professionalId),
			dayString(careDay),
			dayString(received),
			dayString(received + 1),
			charged,
			Math.round(charged * 0.35),
			null,
			"rejetee",
			REJECTIONS.unknownBeneficiary.code,
			REJECTIONS.unknownBeneficiary.label,
			null,
		]);
	}
}

function commune(insee: string): Commune {
	const found = COMMUNES.find((candidate) => candidate.insee === insee);
	if (!found) throw new Error(`Commune ${insee} missing from the demo list.`);
	return found;
}

export interface DemoProfessionals {
	readonly pharmacyId: number;
	readonly opticianId: number;
}

export async function writeProfessionals(
	ctx: SeedContext,
	count: number,
	demoPasswordHash: string,
	progress: () => void,
): Promise<{ index: ProfessionalIndex; demo: DemoProfessionals }> {
	const index = new ProfessionalIndex();
	const pharmacyId = writeProfessional(ctx, index, {
		profession: "pharmacien",
		commune: commune("69381"),
		lastName: "Garnier",
		firstName: "Hélène",
		practiceName: "Pharmacie des Terreaux",
		street: "3 place des Terreaux",
		network: null,
		account: {
			identifier: DEMO_ACCOUNTS.professionnel1.identifier,
			email: DEMO_ACCOUNTS.professionnel1.email,
			passwordHash: demoPasswordHash,
			totpSecret: DEMO_ACCOUNTS.professionnel1.totpSecret,
		},
	});
	const opticianId = writeProfessional(ctx, index, {
		profession: "opticien",
		commune: commune("44109"),
		lastName: "Le Goff",
		firstName: "Marion",
		practiceName: "Optique de l'Erdre",
		street: "18 rue de Strasbourg",
		network: { network: "kalixia_optique", joinedOn: "2021-03-01" },
		account: {
			identifier: DEMO_ACCOUNTS.professionnel2.identifier,
			email: DEMO_ACCOUNTS.professionnel2.email,
			passwordHash: demoPasswordHash,
			totpSecret: DEMO_ACCOUNTS.professionnel2.totpSecret,
		},
	});
	for (let i = 0; i < count; i++) {
		// The first ones cover every profession, so that even the smallest scale has them all.
		const profession =
			i < PROFESSIONS.length
				? (PROFESSIONS[i] as Profession)
				: ctx.random.weighted(PROFESSIONS, PROFESSION_CUMULATIVE);
		const place = ctx.pickCommune();
		const lastName = ctx.lastName();
		const sex = ctx.random.chance(0.55) ? "F" : "M";
		writeProfessional(ctx, index, {
			profession,
			commune: place,
			lastName,
			firstName: ctx.firstName(sex),
			practiceName: practiceNameFor(ctx, profession, place, lastName),
			street: ctx.streetLine(),
		});
		progress();
		await ctx.writer.maybeFlush();
	}
	return { index, demo: { pharmacyId, opticianId } };
}
