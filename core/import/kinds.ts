// The kinds of import, by the name the CLI (and the staff API) takes. Loaded on demand: a run
// needs one kind, and each pulls in its own schema and rules.
import type { ImportKind } from "./run.ts";

const KINDS = {
	adherents: async () => (await import("./members.ts")).membersImport,
	prestations: async () => (await import("./prestations.ts")).prestationsImport,
	beneficiaires: async () => (await import("./beneficiaries.ts")).beneficiariesImport,
	contrats: async () => (await import("./contracts.ts")).contractsImport,
	factures: async () => (await import("./invoices.ts")).invoicesImport,
	paiements: async () => (await import("./payments.ts")).paymentsImport,
	professionnels: async () => (await import("./professionals.ts")).professionalsImport,
	releves: async () => (await import("./statements.ts")).statementsImport,
	resiliations: async () => (await import("./resiliations.ts")).resiliationsImport,
	entreprises: async () => (await import("./companies.ts")).companiesImport,
	affiliations: async () => (await import("./affiliations.ts")).affiliationsImport,
	garanties: async () => (await import("./guarantees.ts")).guaranteesImport,
	bordereaux: async () => (await import("./contribution-statements.ts")).contributionStatementsImport,
	"lignes-factures": async () => (await import("./invoice-lines.ts")).invoiceLinesImport,
} as const;

export type ImportKindName = keyof typeof KINDS;

export const IMPORT_KIND_NAMES = Object.keys(KINDS) as readonly ImportKindName[];

export async function importKind(name: string | undefined): Promise<ImportKind<unknown> | null> {
	if (name === undefined || !Object.hasOwn(KINDS, name)) return null;
	return (await KINDS[name as ImportKindName]()) as ImportKind<unknown>;
}
