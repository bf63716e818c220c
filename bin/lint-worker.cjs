'use strict';
// A lint worker thread: the same bundle and code cache as the bin, running lintWorker().
require('./load-cli.cjs').loadCli().lintWorker();
