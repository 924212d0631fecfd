// `require()` of the ESM package from a CommonJS file (Node >= 22.12, Bun, Deno). Prints JSON.
const specifiers = JSON.parse(process.argv[2]);
const results = specifiers.map((specifier) => {
  try {
    const exports = Object.keys(require(specifier));
    return { name: `require('${specifier}')`, ok: exports.length > 0, detail: `${exports.length} exports` };
  } catch (error) {
    return { name: `require('${specifier}')`, ok: false, detail: `${error.code ?? error.name}: ${error.message.split('\n')[0]}` };
  }
});
console.log(JSON.stringify({ results }));
