#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm run build`); this stub exists before the build so npm can link it.
import '../dist/bin.js';
