// The upper bound: the same bytes as the portal's dashboard, served from memory by node:http.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [file = ""] = process.argv.slice(2);
const body = readFileSync(file);
const server = createServer((_req, res) => {
	res.writeHead(200, {
		"Content-Type": "text/html; charset=utf-8",
		"Content-Length": body.byteLength,
		"Cache-Control": "no-store",
	});
	res.end(body);
});
server.listen(0, "127.0.0.1", () => {
	const address = server.address();
	process.stdout.write(
		`listening ${typeof address === "object" && address ? address.port : 0} ${process.pid}\n`,
	);
});
