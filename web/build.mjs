// Bundles web/src into web/dist with esbuild: one bundle per entry page, MapLibre's worker copied beside them.
import * as esbuild from "esbuild";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "src");
const dist = join(here, "dist");

// An entry page is a folder of src (or src itself) holding index.html and main.js; lib/ is shared code.
function entryPages() {
  const pages = [];
  const walk = (folder) => {
    if (existsSync(join(folder, "index.html")) && existsSync(join(folder, "main.js"))) pages.push(folder);
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (name !== "lib" && statSync(path).isDirectory()) walk(path);
    }
  };
  walk(src);
  return pages;
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const pages = entryPages();
await esbuild.build({
  entryPoints: pages.map((page) => ({ in: join(page, "main.js"), out: join(relative(src, page), "main") })),
  outdir: dist,
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  loader: { ".css": "css", ".wav": "file" },
  logLevel: "warning",
});
for (const page of pages) {
  // Static files of a page (html, images, sounds) are copied as they are.
  for (const name of readdirSync(page)) {
    const path = join(page, name);
    if (statSync(path).isFile() && !name.endsWith(".js") && !name.endsWith(".css")) {
      mkdirSync(join(dist, relative(src, page)), { recursive: true });
      cpSync(path, join(dist, relative(src, page), name));
    }
  }
}
// MapLibre starts its worker from a URL of its own file; the bundle tells it where the worker is (lib/map.js).
mkdirSync(join(dist, "vendor"), { recursive: true });
cpSync(join(here, "node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs"), join(dist, "vendor/maplibre-gl-worker.mjs"));
console.log(`web/dist: ${pages.length} 个页面 (${pages.map((p) => "/" + relative(src, p)).join(", ")})`);
