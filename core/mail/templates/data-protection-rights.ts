// How the mails name each GDPR right (art. 15–22) and the directives after death. The list of
// rights is the database's own (schema/enums.ts), so a right it accepts always has a wording.
import { z } from "zod";
import { type DataProtectionRight, dataProtectionRights } from "../../../schema/enums.ts";

export const dataProtectionRight = z.enum(dataProtectionRights);

/** Completes "Nous avons bien reçu …". */
export const dataProtectionRequestLabels: Record<DataProtectionRight, string> = {
	access: "votre demande d'accès à vos données personnelles",
	portability: "votre demande de portabilité de vos données personnelles",
	rectification: "votre demande de rectification de vos données personnelles",
	erasure: "votre demande d'effacement de vos données personnelles",
	limitation: "votre demande de limitation du traitement de vos données personnelles",
	opposition: "votre opposition au traitement de vos données personnelles",
	consent_withdrawal: "votre retrait de consentement",
	post_mortem_directives: "vos directives sur vos données personnelles après votre décès",
};
