// Resolves the workspace aliases (@trajectwacht/<lib>) to the compiled libraries in dist/ at run time,
// mirroring the "paths" of tsconfig.base.json. Loaded with `node -r ./tools/register-paths.js`.
'use strict';
const Module = require('module');
const path = require('path');

const distRoot = path.resolve(__dirname, '..', 'dist');
const originalResolve = Module._resolveFilename;
const prefix = '@trajectwacht/';

Module._resolveFilename = function resolveWorkspaceAlias(request, parent, ...rest) {
  if (request.startsWith(prefix)) {
    // @trajectwacht/<lib> → libs/<lib>/src/index.js; @trajectwacht/<lib>/testing (benchmarks only) → libs/<lib>/src/testing.js
    const [lib, entry = 'index'] = request.slice(prefix.length).split('/');
    return originalResolve.call(this, path.join(distRoot, 'libs', lib, 'src', `${entry}.js`), parent, ...rest);
  }
  return originalResolve.call(this, request, parent, ...rest);
};
