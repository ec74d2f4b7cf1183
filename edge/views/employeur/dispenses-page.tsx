// « Dispenses d'adhésion »: who is dispensed, on which legal case, since when and until when,
// the ones ending within 30 days announced first (the employee is to be affiliated then).
import { DISPENSE_REMINDER_DAYS, type DispenseRow } from "../../../core/employeur/dispenses.ts";
import { formatDay } from "../../../core/format.ts";
import { Alert } from "../form.tsx";
import { dispenseDocumentPath } from "./dispense-form-page.tsx";
import { DISPENSE_REASON_LABELS } from "./labels.ts";
import { salariePath } from "./salaries-page.tsx";

export function DispensesPage({
	dispenses,
	notice,
}: {
	readonly dispenses: readonly DispenseRow[];
	readonly notice?: string | undefined;
}) {
	const ending = dispenses.filter((dispense) => dispense.endsSoon).length;
	return (
		<>
			<h1>Dispenses d'adhésion</h1>
			<p class="lead">
				Les salariés dispensés d'adhérer au contrat collectif, à leur demande écrite, dans l'un des cas prévus
				par le code de la sécurité sociale (article D911-2). Conservez leur demande signée : elle peut vous
				être réclamée.
			</p>
			{notice ? <Alert kind="success">{notice}</Alert> : null}
			<p>
				Pour enregistrer une dispense, ouvrez la fiche du salarié depuis la liste des{" "}
				<a href="/employeur/salaries?statut=couvert">salariés couverts</a>.
			</p>
			{ending > 0 ? (
				<Alert kind="warning">
					{ending === 1
						? `1 dispense prend fin dans les ${DISPENSE_REMINDER_DAYS} jours : le salarié devra alors être affilié.`
						: `${ending} dispenses prennent fin dans les ${DISPENSE_REMINDER_DAYS} jours : ces salariés devront alors être affiliés.`}
				</Alert>
			) : null}
			{dispenses.length === 0 ? (
				<p>Aucun salarié n'est dispensé d'adhésion.</p>
			) : (
				<section class="table-wrap" tabindex={0} aria-labelledby="dispenses-titre">
					<table>
						<caption id="dispenses-titre">Dispenses en cours, les plus proches de leur fin d'abord</caption>
						<thead>
							<tr>
								<th scope="col">Salarié</th>
								<th scope="col">Cas de dispense</th>
								<th scope="col">Demande écrite</th>
								<th scope="col">Fin</th>
							</tr>
						</thead>
						<tbody>
							{dispenses.map((dispense) => (
								<tr>
									<th scope="row">
										<a href={salariePath(dispense.id)}>
											{dispense.lastName.toUpperCase()} {dispense.firstName}
										</a>
									</th>
									<td>{DISPENSE_REASON_LABELS[dispense.reason]}</td>
									<td>
										{dispense.requestedOn ? `du ${formatDay(dispense.requestedOn)}` : "–"}
										{dispense.hasDocument ? (
											<>
												{" "}
												<a href={dispenseDocumentPath(dispense.id)} download>
													Télécharger la demande signée
												</a>
											</>
										) : null}
									</td>
									<td>
										{dispense.endDate
											? `${formatDay(dispense.endDate)}${dispense.endsSoon ? " (bientôt)" : ""}`
											: "sans date de fin"}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>
			)}
		</>
	);
}
