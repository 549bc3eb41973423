#!/usr/bin/env node
'use strict';

// No build step: the source in src/ is what runs (see the README).
require('../src')
  .run(process.argv.slice(2))
  .then(code => {
    process.exitCode = code;
  });
