// The real n8n the project runs against, shared by scripts/start.js, the bench and test/e2e: the cached
// runtime and its CLI (runtime.js), our package installed as users install it (install.js), the n8n
// server process (server.js), n8n's REST API (rest.js) and n8n's own execution records (db.js).
'use strict';
module.exports = {
	...require('./runtime'),
	...require('./install'),
	...require('./server'),
	...require('./rest'),
	...require('./db'),
};
