// « Mon cabinet »: the practice's identity as the insurer knows it (RPPS, FINESS, ADELI, name,
// profession and specialty, conventionnement, address, tiers-payant convention, care networks).
// Read only: a change goes through the insurer (the bank account has its own flow: bank-account.ts).
import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { CareNetwork, ConventionSector, Profession } from "../../schema/enums.ts";
import { professionalNetworks, professionals } from "../../schema/tables/index.ts";
import { practiceName } from "./practice.ts";

export interface PracticeIdentity {
	readonly name: string;
	readonly rpps: string | null;
	readonly finess: string | null;
	readonly adeli: string | null;
	readonly profession: Profession;
	readonly specialty: string | null;
	readonly sector: ConventionSector | null;
	readonly convention: {
		readonly number: string;
		readonly signedOn: string | null;
		readonly endedOn: string | null;
	} | null;
	readonly addressLines: readonly string[];
	readonly postalCode: string;
	readonly city: string;
	readonly phone: string | null;
	readonly email: string | null;
	readonly networks: readonly {
		readonly network: CareNetwork;
		readonly joinedOn: string;
		readonly leftOn: string | null;
	}[];
}

export async function getPracticeIdentity(
	db: Database,
	professionalId: number,
): Promise<PracticeIdentity | null> {
	const [row] = await db.select().from(professionals).where(eq(professionals.id, professionalId));
	if (!row) return null;
	const networks = await db
		.select({
			network: professionalNetworks.network,
			joinedOn: professionalNetworks.joinedOn,
			leftOn: professionalNetworks.leftOn,
		})
		.from(professionalNetworks)
		.where(eq(professionalNetworks.professionalId, professionalId))
		.orderBy(asc(professionalNetworks.joinedOn));
	return {
		name: practiceName(row),
		rpps: row.rpps,
		finess: row.finess,
		adeli: row.adeli,
		profession: row.profession,
		specialty: row.specialty,
		sector: row.sector,
		convention: row.conventionNumber
			? { number: row.conventionNumber, signedOn: row.conventionSignedOn, endedOn: row.conventionEndedOn }
			: null,
		addressLines: [row.addressLine1, row.addressLine2].filter((line): line is string => Boolean(line)),
		postalCode: row.postalCode,
		city: row.city,
		phone: row.phone,
		email: row.email,
		networks,
	};
}
