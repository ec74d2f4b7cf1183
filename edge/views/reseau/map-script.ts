// The map page's own script and stylesheet, served by the finder (CSP 'self', no inline code).
// Plain browser JavaScript, no build step: it runs as written here, after MapLibre's CSP build.

export const MAP_SCRIPT = `// Draws the search's results on a MapLibre map, in step with the list beside it.
"use strict";
(function () {
	var container = document.getElementById("carte");
	var status = document.getElementById("carte-etat");
	var list = document.getElementById("carte-liste");
	if (!container || !status || !list) return;
	if (typeof maplibregl === "undefined") {
		status.textContent = "La carte n'a pas pu être chargée : la liste ci-dessous donne les mêmes résultats.";
		return;
	}
	// MapLibre's CSP build: its worker is a file of the portal, no blob: URL, nothing evaluated.
	maplibregl.setWorkerUrl(container.dataset.worker);
	var FRANCE = [[-5.3, 41.2], [9.7, 51.2]];
	var style = container.dataset.style || {
		version: 8,
		sources: {
			france: {
				type: "geojson",
				data: container.dataset.contour,
				attribution: "Contour : Natural Earth (domaine public)",
			},
		},
		layers: [
			{ id: "mer", type: "background", paint: { "background-color": "#dcebf5" } },
			{ id: "france", type: "fill", source: "france", paint: { "fill-color": "#f7f7f2" } },
			{ id: "france-bord", type: "line", source: "france", paint: { "line-color": "#5b6770", "line-width": 1 } },
		],
	};
	var chosen = null;
	status.textContent = "Chargement de la carte…";

	function entryOf(id) {
		return document.getElementById("pro-" + id);
	}

	// One professional chosen, from the list or from the map: its marker stands out, its entry too.
	function choose(map, feature, from) {
		var id = feature.properties.id;
		if (chosen !== null && entryOf(chosen)) entryOf(chosen).classList.remove("carte-choisi");
		chosen = id;
		map.setFilter("choisi", ["==", ["get", "id"], id]);
		var entry = entryOf(id);
		if (entry) entry.classList.add("carte-choisi");
		status.textContent = feature.properties.rank + ". " + feature.properties.name + ", à " + feature.properties.distance + ".";
		if (from === "list") {
			delete container.dataset.centre;
			map.once("moveend", function () {
				// The chosen marker is now at the map's centre (a browser test clicks it there), and is
				// drawn once the clustered source has been re-tiled for the new zoom: wait for "idle".
				map.once("idle", function () {
					container.dataset.centre = String(id);
				});
			});
			map.easeTo({ center: feature.geometry.coordinates, zoom: Math.max(map.getZoom(), 14) });
		} else if (entry) {
			entry.scrollIntoView({ block: "nearest" });
			var link = entry.querySelector("a");
			if (link) link.focus();
		}
	}

	function start(data) {
		var bounds = new maplibregl.LngLatBounds();
		data.features.forEach(function (feature) {
			bounds.extend(feature.geometry.coordinates);
		});
		var map = new maplibregl.Map({
			container: container,
			style: style,
			bounds: data.features.length > 0 ? bounds : FRANCE,
			fitBoundsOptions: { padding: 40, maxZoom: 14 },
			attributionControl: { compact: true },
			cooperativeGestures: false,
			locale: {
				"Map.Title": "Carte des résultats ; flèches pour se déplacer, plus et moins pour zoomer",
				"NavigationControl.ZoomIn": "Zoomer",
				"NavigationControl.ZoomOut": "Dézoomer",
				"AttributionControl.ToggleAttribution": "Afficher ou masquer les crédits",
			},
		});
		map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
		map.on("load", function () {
			// Clustered when dense: a disc per group, sized by the number of professionals.
			map.addSource("resultats", { type: "geojson", data: data, cluster: true, clusterRadius: 32, clusterMaxZoom: 13 });
			map.addLayer({
				id: "groupes",
				type: "circle",
				source: "resultats",
				filter: ["has", "point_count"],
				paint: {
					"circle-color": "#0b5cad",
					"circle-opacity": 0.85,
					"circle-radius": ["step", ["get", "point_count"], 14, 5, 18, 10, 22],
					"circle-stroke-color": "#ffffff",
					"circle-stroke-width": 2,
				},
			});
			map.addLayer({
				id: "professionnels",
				type: "circle",
				source: "resultats",
				filter: ["!", ["has", "point_count"]],
				paint: { "circle-color": "#c0392b", "circle-radius": 8, "circle-stroke-color": "#ffffff", "circle-stroke-width": 2 },
			});
			map.addLayer({
				id: "choisi",
				type: "circle",
				source: "resultats",
				filter: ["==", ["get", "id"], -1],
				paint: { "circle-color": "#1d1d1b", "circle-radius": 11, "circle-stroke-color": "#f5c400", "circle-stroke-width": 4 },
			});
			map.on("click", "groupes", function (event) {
				var group = event.features[0];
				map.getSource("resultats").getClusterExpansionZoom(group.properties.cluster_id).then(function (zoom) {
					map.easeTo({ center: group.geometry.coordinates, zoom: zoom });
				});
			});
			map.on("click", "professionnels", function (event) {
				choose(map, event.features[0], "map");
			});
			["groupes", "professionnels"].forEach(function (layer) {
				map.on("mouseenter", layer, function () { map.getCanvas().style.cursor = "pointer"; });
				map.on("mouseleave", layer, function () { map.getCanvas().style.cursor = ""; });
			});
			list.querySelectorAll("[data-situer]").forEach(function (button) {
				var id = Number(button.dataset.situer);
				var feature = data.features.find(function (f) { return f.properties.id === id; });
				if (!feature) return;
				button.hidden = false;
				button.addEventListener("click", function () { choose(map, feature, "list"); });
			});
			map.once("idle", function () {
				// What is actually drawn: single markers plus the professionals inside each group.
				var shown = 0;
				map.queryRenderedFeatures({ layers: ["groupes", "professionnels"] }).forEach(function (f) {
					shown += f.properties.point_count || 1;
				});
				container.dataset.affiches = String(shown);
				status.textContent = "Carte chargée : " + shown + " professionnel" + (shown > 1 ? "s" : "") + " sur la carte. Choisissez « Situer sur la carte » dans la liste pour le repérer.";
			});
		});
		map.on("error", function () {
			status.textContent = "Une partie de la carte n'a pas pu être chargée : la liste ci-dessous donne les mêmes résultats.";
		});
	}

	fetch(container.dataset.resultats, { headers: { Accept: "application/geo+json" } })
		.then(function (response) {
			if (!response.ok) throw new Error(String(response.status));
			return response.json();
		})
		.then(start)
		.catch(function () {
			status.textContent = "La carte n'a pas pu être chargée : la liste ci-dessous donne les mêmes résultats.";
		});
})();
`;

/** The map's box: as wide as the page (never wider on a 320 px phone), a fixed, usable height. */
export const MAP_STYLESHEET = `.carte {
	width: 100%;
	max-width: 100%;
	height: min(60vh, 28rem);
	min-height: 16rem;
	border: 1px solid #5b6770;
	border-radius: 0.5rem;
	overflow: hidden;
}
.carte-etat {
	margin-block: 0.5rem;
}
.carte-credits {
	font-size: 0.875rem;
}
.carte-liste > li.carte-choisi {
	outline: 3px solid #f5c400;
	outline-offset: 2px;
}
`;
