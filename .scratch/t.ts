console.log("start");
import { createTestDatabase } from "../schema/test-database.ts";
console.log("imported");
const h = await createTestDatabase("file:/tmp/wdbg/b.db");
console.log("db");
h.client.close();
