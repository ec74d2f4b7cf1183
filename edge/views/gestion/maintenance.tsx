// « Exploitation »: the maintenance switch (start now with a message, end, announce a window in
// Paris time) and the audience figures of the last 30 days, as tables that stack on phones.

import { formatDay } from "../../../core/format.ts";
import type { AudienceSummary } from "../../../core/gestion/audience-figures.ts";
import type { ServiceState } from "../../../core/maintenance.ts";
import type { AudienceSpace } from "../../../schema/tables/index.ts";
import { ErrorSummary, type FieldErrors, TextArea, TextField } from "../form.tsx";
import { DATE_TIME } from "./labels.ts";

export function MaintenanceSection(props: {
	readonly state: ServiceState;
	readonly errors: FieldErrors;
	readonly values: Readonly<Record<string, string>>;
}) {
	const { maintenance, announced } = props.state;
	const action = "/gestion/exploitation/maintenance";
	return (
		<section aria-labelledby="maintenance-titre">
			<h2 id="maintenance-titre">Maintenance</h2>
			<ErrorSummary errors={props.errors} />
			{maintenance ? (
				<>
					<div class="alert alert-warning" role="status">
						Maintenance en cours depuis le {DATE_TIME.format(maintenance.startsAt)}
						{maintenance.endsAt ? `, jusqu'au ${DATE_TIME.format(maintenance.endsAt)}` : ""} : toute
						modification est refusée aux utilisateurs.
					</div>
					<p class="mail-text">{maintenance.message}</p>
					{maintenance.id === 0 ? (
						<p>
							Cette maintenance est imposée par la configuration (MAINTENANCE=on) : elle se lève par la
							configuration.
						</p>
					) : (
						<form method="post" action={action} class="actions">
							<button type="submit" name="operation" value="terminer">
								Terminer la maintenance maintenant
							</button>
						</form>
					)}
				</>
			) : (
				<form method="post" action={action}>
					<input type="hidden" name="operation" value="demarrer" />
					<TextArea
						name="message"
						label="Message affiché aux utilisateurs"
						hint="Facultatif : sans lui, le message habituel de maintenance s'affiche (300 caractères au plus)."
						maxlength={300}
						rows={3}
						required={false}
						value={props.values.operation === "demarrer" ? props.values.message : undefined}
						error={props.values.operation === "demarrer" ? props.errors.message : undefined}
					/>
					<div class="actions">
						<button type="submit" class="button-danger">
							Démarrer la maintenance maintenant
						</button>
					</div>
				</form>
			)}
			<h3>Maintenances annoncées</h3>
			{announced.length === 0 ? (
				<p>Aucune maintenance annoncée.</p>
			) : (
				<ul>
					{announced.map((event) => (
						<li>
							Du {DATE_TIME.format(event.startsAt)}
							{event.endsAt ? ` au ${DATE_TIME.format(event.endsAt)}` : ""} : {event.message}
						</li>
					))}
				</ul>
			)}
			<form method="post" action={action}>
				<input type="hidden" name="operation" value="annoncer" />
				<TextArea
					name="message"
					label="Annonce affichée dès maintenant"
					maxlength={300}
					rows={3}
					value={props.values.operation === "annoncer" ? props.values.message : undefined}
					error={props.values.operation === "annoncer" ? props.errors.message : undefined}
				/>
				<TextField
					name="debut"
					label="Début (heure de Paris)"
					hint="Par exemple, 12/12/2026 22:00."
					maxlength={16}
					value={props.values.debut}
					error={props.errors.debut}
				/>
				<TextField
					name="fin"
					label="Fin (heure de Paris)"
					hint="Par exemple, 13/12/2026 02:00."
					maxlength={16}
					value={props.values.fin}
					error={props.errors.fin}
				/>
				<div class="actions">
					<button type="submit" class="button-secondary">
						Annoncer la maintenance
					</button>
				</div>
			</form>
		</section>
	);
}

const SPACE_LABELS: Readonly<Record<AudienceSpace, string>> = {
	public: "Site public",
	adherent: "Adhérent",
	employeur: "Employeur",
	professionnel: "Professionnel de santé",
	gestionnaire: "Gestion",
};

export function AudiencePage(props: { readonly audience: AudienceSummary }) {
	const { audience } = props;
	return (
		<>
			<h1>Audience</h1>
			<p>
				Pages vues du {formatDay(audience.from)} au {formatDay(audience.to)}, par jour, espace et page, sans
				cookie ni donnée personnelle : {audience.total} vue(s) en tout.
			</p>
			{audience.rows.length === 0 ? (
				<p>Aucune page vue sur la période.</p>
			) : (
				<section class="table-wrap" tabindex={0} aria-labelledby="audience-titre">
					<table>
						<caption id="audience-titre">
							Pages vues par jour, espace et page, le jour le plus récent d'abord
						</caption>
						<thead>
							<tr>
								<th scope="col">Jour</th>
								<th scope="col">Espace</th>
								<th scope="col">Page</th>
								<th scope="col">Vues</th>
							</tr>
						</thead>
						<tbody>
							{audience.rows.map((row) => (
								<tr>
									<th scope="row">{formatDay(row.day)}</th>
									<td>{SPACE_LABELS[row.space]}</td>
									<td>{row.path}</td>
									<td class="num">{row.views}</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>
			)}
			<p>
				<a href="/gestion/exploitation">Retour à l'exploitation</a>
			</p>
		</>
	);
}
