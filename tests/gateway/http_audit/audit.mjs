// The graphql-http audit suite against one URL: a JSON line of {name, status, reason}.
import { auditServer } from 'graphql-http';

const results = await auditServer({ url: process.argv[2] });
console.log(JSON.stringify(results.map((r) => ({ name: r.name, status: r.status, reason: r.reason ?? null }))));
