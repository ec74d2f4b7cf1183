// The signed request behind a dispense d'adhésion recorded online (ADR 0032): the employer must be
// able to produce it (D911-2 CSS). Its own table, so that affiliations need not know the uploaded
// documents (whose owners are accounts, which know companies).
import { integer, sqliteTable, uniqueIndex } from "drizzle-orm/sqlite-core";
import { affiliations } from "./employers.ts";
import { uploadedDocuments } from "./requests.ts";

export const dispenseDocuments = sqliteTable(
	"dispense_documents",
	{
		/** The dispense (an affiliation row with a dispense reason). */
		affiliationId: integer()
			.primaryKey()
			.references(() => affiliations.id),
		documentId: integer()
			.notNull()
			.references(() => uploadedDocuments.id),
	},
	(t) => [uniqueIndex("dispense_documents_document_idx").on(t.documentId)],
);
