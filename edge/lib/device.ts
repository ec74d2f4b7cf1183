// A short, human label of the browser for the list of sessions and the new-sign-in alert
// ("Firefox sur Android"): derived from the User-Agent and kept instead of the raw header.

const BROWSERS: readonly [RegExp, string][] = [
	[/Edg\//, "Edge"],
	[/OPR\/|Opera/, "Opera"],
	[/SamsungBrowser/, "Samsung Internet"],
	[/Firefox\//, "Firefox"],
	[/Chrome\/|Chromium\/|CriOS\//, "Chrome"],
	[/Safari\//, "Safari"],
];

const SYSTEMS: readonly [RegExp, string][] = [
	[/Android/, "Android"],
	[/iPhone|iPad|iPod/, "iOS"],
	[/Windows/, "Windows"],
	[/Mac OS X|Macintosh/, "macOS"],
	[/CrOS/, "ChromeOS"],
	[/Linux/, "Linux"],
];

export function deviceLabel(userAgent: string | undefined): string {
	if (!userAgent) return "Navigateur inconnu";
	const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? "Navigateur";
	const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
	return system ? `${browser} sur ${system}` : browser;
}
