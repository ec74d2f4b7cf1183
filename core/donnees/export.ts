// « Télécharger mes données » (GDPR art. 15 and 20): the archive of the signed-in account, built
// at once, with its entry in the audit trail (an export is an operation on personal data).
import type { Database } from "../../db/client.ts";
import type { Account } from "../../schema/tables/index.ts";
import { recordAccountActivity } from "../audit.ts";
import { parisDay } from "../calendar.ts";
import { buildExportArchive } from "./export-archive.ts";
import { collectPersonalData } from "./export-data.ts";

export interface DataActor {
	readonly accountId: number;
	readonly sessionId: string;
	readonly correlationId: string;
}

export interface PersonalDataExport {
	readonly fileName: string;
	readonly bytes: Uint8Array;
}

export async function exportPersonalData(
	db: Database,
	account: Pick<Account, "id" | "identifier" | "memberId" | "companyId" | "professionalId" | "staffPersonId">,
	actor: DataActor,
	now: Date,
): Promise<PersonalDataExport> {
	const sections = await collectPersonalData(db, account);
	const bytes = buildExportArchive(sections, now, account.identifier);
	await recordAccountActivity(db, actor, actor.correlationId, now, {
		action: "donnees.export",
		objectType: "account",
		objectId: String(account.id),
		details: { bytes: bytes.length, sections: sections.length },
	});
	return { fileName: `mes-donnees-${account.identifier}-${parisDay(now)}.zip`, bytes };
}
