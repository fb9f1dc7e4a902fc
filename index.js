// The programmatic API of n8n-nodes-bem for integrators: the §167 threshold engine, the BEM store and
// its case lifecycle, the HRIS readers. n8n itself loads the nodes from package.json's "n8n" section.
module.exports = require('./dist/core/index.js');
