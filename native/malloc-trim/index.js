'use strict';
// The addon when it was built (build.js), else a trim that does nothing and says so (null).
let addon = null;
try {
  addon = require('./build/Release/malloc_trim.node');
} catch {
  addon = null;
}

/** Gives the C heap's free pages back to the system: true when some were, false when none; null: unavailable. */
exports.trim = () => (addon ? addon.trim() : null);
exports.available = addon !== null;
