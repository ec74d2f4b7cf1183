// « Vérifications de mes droits »: every rights check a health professional made, so that a
// member can spot a check they did not expect (the terms forbid harvesting; staff are alerted).
import { formatDay, formatInstant } from "../../../core/format.ts";
import type { RightsCheckSeen } from "../../../core/professionnel/rights-history.ts";
import type { RightsCheckChannel } from "../../../schema/tables/index.ts";
import { Alert } from "../form.tsx";
import { PROFESSION_LABELS } from "./format.ts";

const CHANNEL_LABELS: Readonly<Record<RightsCheckChannel, string>> = {
	form: "Saisie du numéro d'adhérent",
	qr: "QR code de votre carte",
	api: "Logiciel du professionnel",
};

export function RightsChecksPage({ checks }: { readonly checks: readonly RightsCheckSeen[] }) {
	return (
		<>
			<h1>Vérifications de mes droits</h1>
			<p class="lead">
				Les professionnels de santé qui ont consulté vos droits en tiers payant, et quand. Si une vérification
				vous semble anormale, faites une <a href="/adherent/reclamations">réclamation</a>.
			</p>
			{checks.length === 0 ? (
				<Alert kind="info">
					<p>Aucun professionnel de santé n'a vérifié vos droits pour le moment.</p>
				</Alert>
			) : (
				<section class="table-wrap" tabindex={0} aria-labelledby="verifications-titre">
					<table>
						<caption id="verifications-titre">Vérifications de vos droits, les plus récentes d'abord</caption>
						<thead>
							<tr>
								<th scope="col">Date</th>
								<th scope="col">Professionnel de santé</th>
								<th scope="col">Moyen</th>
								<th scope="col">Date des soins</th>
								<th scope="col">Résultat</th>
							</tr>
						</thead>
						<tbody>
							{checks.map((check) => (
								<tr>
									<td>{formatInstant(check.checkedAt)}</td>
									<td>
										{check.practice.name} ({PROFESSION_LABELS[check.practice.profession]},{" "}
										{check.practice.city})
									</td>
									<td>{CHANNEL_LABELS[check.channel]}</td>
									<td>{formatDay(check.careDate)}</td>
									<td>{check.found ? "Droits affichés" : "Droits non ouverts"}</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>
			)}
		</>
	);
}
