// n8n-nodes-base requires sanitize-html, whose htmlparser2 is ESM-only and cannot be required by jest.
// Tests render no user HTML through it, so an identity function is a faithful stand-in.
module.exports = (s) => s;
module.exports.default = module.exports;
