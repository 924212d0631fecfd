// The matrix's entry for Node, Bun and Deno: `<runtime> smoke.mjs <baseUrl> <sessionId>`.
import { smoke } from './smoke-checks.mjs';

const [baseUrl, sessionId] = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
console.log(JSON.stringify(await smoke(baseUrl, sessionId)));
