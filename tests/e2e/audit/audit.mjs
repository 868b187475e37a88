// Run graphql-http's auditServer against the URL given as the first argument and print the
// results as JSON, one object per audit: {id, name, status, reason}.
import { auditServer } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs http://127.0.0.1:PORT/graphql");
  process.exit(2);
}
const results = await auditServer({ url });
const out = results.map((r) => ({
  id: r.id,
  name: r.name,
  status: r.status,
  reason: r.status === "ok" ? null : r.reason,
}));
console.log(JSON.stringify(out));
