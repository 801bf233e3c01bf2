#!/usr/bin/env node
// Copy the front-end assets Wegwijs serves from node_modules into
// build/static/vendor/, where Django's staticfiles finds them
// (STATICFILES_DIRS includes build/static).
//
// The whole front-end build is:  npm ci && node scripts/build_assets.mjs
//
// No bundler: the NL Design System ships ready CSS, htmx and axe-core ship
// ready minified files. Each package's licence is copied next to its files.

import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const target = join(root, "build", "static", "vendor");

// [package, file inside the package, destination inside build/static/vendor]
const ASSETS = [
  // White-label NL Design System components (not Utrecht's house style).
  ["@utrecht/component-library-css", "dist/index.css", "utrecht/component-library.css"],
  ["@utrecht/component-library-css", "LICENSE.md", "utrecht/LICENSE.md"],
  // Neutral theme: every token scoped to the class `voorbeeld-theme`.
  ["@nl-design-system-unstable/voorbeeld-design-tokens", "dist/theme.css", "voorbeeld-theme/theme.css"],
  ["@nl-design-system-unstable/voorbeeld-design-tokens", "LICENSE.md", "voorbeeld-theme/LICENSE.md"],
  // Progressive enhancement only: every page works without it.
  ["htmx.org", "dist/htmx.min.js", "htmx/htmx.min.js"],
  ["htmx.org", "LICENSE", "htmx/LICENSE"],
  // Accessibility checks in the browser tests; never loaded by a page.
  ["axe-core", "axe.min.js", "axe-core/axe.min.js"],
  ["axe-core", "LICENSE", "axe-core/LICENSE"],
];

function fail(message) {
  console.error(`build_assets: ${message}`);
  process.exit(1);
}

if (!existsSync(modules)) {
  fail("node_modules/ is missing; run `npm ci` first.");
}

rmSync(target, { recursive: true, force: true });

for (const [pkg, file, destination] of ASSETS) {
  const source = join(modules, pkg, file);
  if (!existsSync(source)) {
    fail(`${relative(root, source)} is missing; run \`npm ci\` (is ${pkg} in package.json?).`);
  }
  const dest = join(target, destination);
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(source, dest);
  const kib = (statSync(dest).size / 1024).toFixed(1);
  console.log(`${relative(root, dest)}  (${kib} KiB, from ${pkg})`);
}
