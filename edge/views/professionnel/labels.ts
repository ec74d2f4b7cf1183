// The French words of the espace professionnel. An accepted invoice waits for the next weekly
// transfer: the practice reads it as « en cours » (of payment), the word the issue uses.
import type { InvoiceStatus } from "../../../schema/enums.ts";

export const INVOICE_STATUS_LABELS: Readonly<Record<InvoiceStatus, string>> = {
	recue: "Reçue",
	acceptee: "En cours",
	payee: "Payée",
	rejetee: "Rejetée",
};

/** In the filter's list, in the order an invoice goes through them. */
export const INVOICE_STATUS_ORDER: readonly InvoiceStatus[] = ["recue", "acceptee", "payee", "rejetee"];
