// The service's availability as users see it (article 4 of the CGU): the banner on every page of
// the spaces during or before a maintenance, the refusal of a write, and /etat-du-service.

import { formatInstant } from "../../core/format.ts";
import type { ServiceEvent, ServiceState } from "../../core/maintenance.ts";

function until(event: ServiceEvent): string {
	return event.endsAt ? ` Fin prévue le ${formatInstant(event.endsAt)}.` : "";
}

export function ServiceBanner({ state }: { readonly state: ServiceState | undefined }) {
	if (!state) return null;
	const next = state.announced[0];
	if (state.maintenance)
		return (
			<div class="alert alert-warning service-banner" role="status">
				<strong>Maintenance en cours.</strong> {state.maintenance.message}
				{until(state.maintenance)} <a href="/etat-du-service">État du service</a>
			</div>
		);
	if (next)
		return (
			<div class="alert alert-info service-banner" role="status">
				<strong>Maintenance prévue le {formatInstant(next.startsAt)}.</strong> {next.message}
				{until(next)} <a href="/etat-du-service">État du service</a>
			</div>
		);
	return null;
}

export function MaintenanceRefusal({ maintenance }: { readonly maintenance: ServiceEvent }) {
	return (
		<>
			<h1>Maintenance en cours</h1>
			<p class="lead">Votre demande n'a pas été enregistrée, et rien n'a été modifié.</p>
			<p>
				{maintenance.message}
				{until(maintenance)}
			</p>
			<p>
				Vos informations sont toujours dans le formulaire : revenez à la page précédente avec votre navigateur
				et envoyez-le de nouveau une fois l'opération terminée. Vous pouvez continuer à consulter votre
				espace.
			</p>
			<p>
				<a href="/etat-du-service">Suivre l'état du service</a>
			</p>
		</>
	);
}

function EventList({ events, empty }: { readonly events: readonly ServiceEvent[]; readonly empty: string }) {
	if (events.length === 0) return <p>{empty}</p>;
	return (
		<ul>
			{events.map((event) => (
				<li>
					Du {formatInstant(event.startsAt)}
					{event.endedAt
						? ` au ${formatInstant(event.endedAt)}`
						: event.endsAt
							? ` au ${formatInstant(event.endsAt)} (prévu)`
							: " (en cours)"}{" "}
					: {event.message}
				</li>
			))}
		</ul>
	);
}

export function ServiceStatusPage({ state }: { readonly state: ServiceState }) {
	const openIncidents = state.incidents.filter((incident) => incident.endedAt === null);
	const status = state.maintenance
		? "Maintenance en cours : vous pouvez consulter vos informations, les modifications sont suspendues."
		: openIncidents.length > 0
			? "Incident en cours : certains services peuvent être perturbés."
			: "Tous les services fonctionnent normalement.";
	return (
		<>
			<h1>État du service</h1>
			<p class="lead">{status}</p>
			<p>
				Les espaces en ligne sont accessibles tous les jours, à toute heure, sauf pendant les opérations de
				maintenance, annoncées à l'avance sur chaque page (article 4 des conditions d'utilisation).
			</p>
			<h2>Maintenances prévues</h2>
			<EventList events={state.announced} empty="Aucune maintenance n'est prévue." />
			<h2>Incidents des 90 derniers jours</h2>
			<EventList events={state.incidents} empty="Aucun incident ces 90 derniers jours." />
		</>
	);
}

/**
 * The banner as HTML, for the hosts to put into the pre-rendered public pages (ADR 0038): the
 * same markup as on the dynamic pages, no script. Null when there is nothing to announce.
 */
export async function serviceBannerHtml(state: ServiceState | null | undefined): Promise<string | null> {
	if (!state || (!state.maintenance && state.announced.length === 0)) return null;
	return (await (<ServiceBanner state={state} />).toString()) || null;
}
