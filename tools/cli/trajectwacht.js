#!/usr/bin/env node
// Entry point of the `trajectwacht` CLI (npx trajectwacht …); runs the compiled TypeScript in dist/.
'use strict';
const path = require('path');
const fs = require('fs');
const main = path.join(__dirname, '..', '..', 'dist', 'tools', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  console.error('trajectwacht: not built yet; run `npm run build` (or the README quick start) first');
  process.exit(1);
}
require('../register-paths.js');
require(main);
