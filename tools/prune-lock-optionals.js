#!/usr/bin/env node
// The npm registry reachable from these machines serves only the Linux builds of some platform-specific optional
// packages (e.g. @msgpackr-extract/*-darwin-*), so `npm install` writes a lock file that lists them as optional
// dependencies without an entry of their own, and `npm ci` then refuses the lock file as out of sync.
// This removes such dangling optional-dependency references from package-lock.json. Run it after `npm install`.
'use strict';
const fs = require('fs');
const path = require('path');
const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages || {};
let removed = 0;
function resolves(fromPath, name) {
  // node resolution inside the lock: nested node_modules first, then each ancestor, then the root
  let base = fromPath;
  for (;;) {
    if (packages[`${base ? base + '/' : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const idx = base.lastIndexOf('/node_modules/');
    base = idx === -1 ? '' : base.slice(0, idx);
  }
}
for (const [pkgPath, pkg] of Object.entries(packages)) {
  if (!pkg.optionalDependencies) continue;
  for (const name of Object.keys(pkg.optionalDependencies)) {
    if (!resolves(pkgPath, name)) {
      delete pkg.optionalDependencies[name];
      removed++;
    }
  }
  if (Object.keys(pkg.optionalDependencies).length === 0) delete pkg.optionalDependencies;
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.error(`[lock] removed ${removed} optional dependencies that the registry does not serve`);
