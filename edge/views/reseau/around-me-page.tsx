// « Autour de moi »: a form that the script completes with the position once the person has
// pressed the button and allowed it. The script is served by the finder itself (CSP
// `script-src 'self'`, no inline script) and weighs about a kilobyte.
import { SPECIALTY_LABELS, type Specialty, specialties } from "../../../core/reseau/specialties.ts";
import { Select } from "../form.tsx";

export const AROUND_ME_SCRIPT_PATH = "/reseau/autour-de-moi.js";

/** Plain browser JavaScript, no build step: it runs as it is written here. */
export const AROUND_ME_SCRIPT = `// Asks for the position only on the button's press, then searches around it.
"use strict";
(function () {
	var form = document.getElementById("autour-de-moi");
	var status = document.getElementById("autour-de-moi-etat");
	if (!form || !status) return;
	form.addEventListener("submit", function (event) {
		event.preventDefault();
		if (!("geolocation" in navigator)) {
			status.textContent = "Votre navigateur ne sait pas donner votre position : cherchez par commune ou code postal.";
			return;
		}
		status.textContent = "Recherche de votre position…";
		navigator.geolocation.getCurrentPosition(
			function (position) {
				// About a hundred metres is enough to sort by distance, and says less about the person.
				var fields = { lat: position.coords.latitude.toFixed(3), lon: position.coords.longitude.toFixed(3) };
				Object.keys(fields).forEach(function (name) {
					var input = document.createElement("input");
					input.type = "hidden";
					input.name = name;
					input.value = fields[name];
					form.appendChild(input);
				});
				status.textContent = "Position trouvée : recherche des professionnels…";
				form.submit();
			},
			function (error) {
				status.textContent =
					error.code === 1
						? "Vous n'avez pas autorisé le partage de votre position : cherchez par commune ou code postal."
						: "Votre position n'a pas pu être déterminée : cherchez par commune ou code postal.";
			},
			{ enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
		);
	});
})();
`;

export function AroundMePage({ specialty }: { readonly specialty: Specialty | null }) {
	return (
		<>
			<p>
				<a href="/reseau">Chercher par commune ou code postal</a>
			</p>
			<h1>Professionnels autour de moi</h1>
			<p class="lead">
				Votre navigateur vous demandera l'autorisation de partager votre position. Elle sert à cette recherche
				seulement et n'est pas enregistrée.
			</p>
			<form id="autour-de-moi" method="get" action="/reseau">
				<Select
					name="specialite"
					label="Spécialité"
					all="Toutes les spécialités"
					value={specialty ?? ""}
					options={specialties.map((value) => ({ value, label: SPECIALTY_LABELS[value] }))}
					error={undefined}
				/>
				<button type="submit">Utiliser ma position</button>
				<p id="autour-de-moi-etat" role="status" aria-live="polite">
					Sans JavaScript, ce bouton ouvre la recherche par commune ou code postal.
				</p>
			</form>
			<script src={AROUND_ME_SCRIPT_PATH} defer />
		</>
	);
}
