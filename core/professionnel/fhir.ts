// The rights check as a FHIR R4 CoverageEligibilityResponse, for practice software that speaks
// FHIR (`Accept: application/fhir+json`, issue 13). The same content as the JSON answer and the
// screen, nothing more: the card's validity as the benefit period, one item per care domain
// (excluded when not covered, the printed level as its description). The systems of the
// identifiers are this portal's own URNs: the Inter-AMC codes have no published FHIR system.
import { organisation } from "../organisation.ts";
import type { PracticeRights } from "./rights.ts";

export const FHIR_JSON = "application/fhir+json";
const SYSTEM = {
	memberNumber: "urn:espace:numero-adherent",
	amc: "urn:espace:numero-amc",
	domain: "urn:espace:domaine-de-soins",
	request: "urn:espace:requete",
} as const;

export interface FhirContext {
	readonly memberNumber: string;
	readonly careDate: string;
	readonly now: Date;
	/** The request's correlation id: the response's `request` names it. */
	readonly requestId: string;
}

function base(context: FhirContext, rights: PracticeRights | null) {
	const person = rights?.beneficiaries[0];
	return {
		resourceType: "CoverageEligibilityResponse",
		status: "active",
		purpose: ["validation"],
		patient: {
			identifier: { system: SYSTEM.memberNumber, value: context.memberNumber },
			...(person ? { display: `${person.firstName} ${person.lastName.toUpperCase()}` } : {}),
		},
		servicedDate: context.careDate,
		created: context.now.toISOString(),
		request: { identifier: { system: SYSTEM.request, value: context.requestId } },
		outcome: "complete",
		insurer: {
			display: organisation.name,
			...(rights ? { identifier: { system: SYSTEM.amc, value: rights.amcNumber } } : {}),
		},
	};
}

/** Covered, or known but without a card valid that day (`inforce: false`, no items). */
export function coverageEligibilityResponse(context: FhirContext, rights: PracticeRights | null) {
	if (!rights)
		return {
			...base(context, null),
			disposition: "Droits non ouverts en tiers payant à la date des soins.",
			insurance: [
				{
					coverage: { identifier: { system: SYSTEM.memberNumber, value: context.memberNumber } },
					inforce: false,
				},
			],
		};
	return {
		...base(context, rights),
		disposition: `Attestation de tiers payant valide du ${rights.validFrom} au ${rights.validTo}.`,
		insurance: [
			{
				coverage: {
					identifier: { system: SYSTEM.memberNumber, value: rights.memberNumber },
					display: `Convention ${rights.conventionType}, routage ${rights.routingCriterion}`,
				},
				inforce: rights.tiersPayant,
				benefitPeriod: { start: rights.validFrom, end: rights.validTo },
				item: rights.domains.map((domain) => ({
					category: {
						coding: [
							{
								system: SYSTEM.domain,
								code: domain.code,
								...(domain.label ? { display: domain.label } : {}),
							},
						],
					},
					excluded: !domain.covered,
					description: domain.value,
				})),
			},
		],
	};
}

/** A FHIR OperationOutcome for an answer without a response (unknown beneficiary, bad input…). */
export function operationOutcome(code: "not-found" | "invalid" | "throttled" | "login", text: string) {
	return {
		resourceType: "OperationOutcome",
		issue: [{ severity: "error", code, diagnostics: text }],
	};
}
