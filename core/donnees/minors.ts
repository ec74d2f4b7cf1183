// A member acts for the minor beneficiaries of their contract (issue 15): the parent exercises
// the child's rights until 18 (in France a minor may consent alone from 15 to the processing of
// data for online services, loi Informatique et Libertés art. 45; the requests made for them
// stay the holder's, named in the request). Only a beneficiary of the member's own contract,
// still covered and under 18 today, can be chosen.
import { and, asc, eq, gte, isNull, ne, or } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { beneficiaries, persons } from "../../schema/tables/index.ts";
import { ageOn } from "../calendar.ts";

export const MAJORITY_AGE = 18;

export interface MinorBeneficiary {
	readonly beneficiaryId: number;
	readonly name: string;
}

export async function listMinorBeneficiaries(
	db: Pick<Database, "select">,
	memberId: number,
	today: string,
): Promise<MinorBeneficiary[]> {
	const rows = await db
		.select({
			beneficiaryId: beneficiaries.id,
			firstName: persons.firstName,
			lastName: persons.lastName,
			birthDate: persons.birthDate,
		})
		.from(beneficiaries)
		.innerJoin(persons, eq(persons.id, beneficiaries.personId))
		.where(
			and(
				eq(beneficiaries.memberId, memberId),
				ne(beneficiaries.relationship, "adherent"),
				or(isNull(beneficiaries.endDate), gte(beneficiaries.endDate, today)),
			),
		)
		.orderBy(asc(beneficiaries.rank));
	return rows
		.filter((row) => ageOn(row.birthDate, today) < MAJORITY_AGE)
		.map((row) => ({ beneficiaryId: row.beneficiaryId, name: `${row.firstName} ${row.lastName}` }));
}
