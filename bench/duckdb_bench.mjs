// Time DuckDB on the comparison's tasks: (a) load the CSV into a table, (b) group by
// municipality × sex × education with counts and sums of the outcomes, (c) the proportions of
// bench/proportions.toml with Wilson 95 % intervals in SQL (home care among 65+ and
// upper-secondary eligibility at 16, by kommun × kon, kommun × utbildning and kommun).
// Prints one JSON line. With a third argument, writes the cells of (c) there as CSV (not timed).
//   node bench/duckdb_bench.mjs FILE THREADS [CELLS_CSV]
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threads, cellsOut] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads ?? 2) });
const connection = await instance.connect();

// Codes keep their leading zeros as text, as jamlik does.
const types = "{'lan': 'VARCHAR', 'kommun': 'VARCHAR', 'deso': 'VARCHAR'}";
let start = performance.now();
await connection.run(`CREATE TABLE persons AS SELECT * FROM read_csv('${file}', header = true, types = ${types})`);
const loadMs = performance.now() - start;

start = performance.now();
const reader = await connection.runAndReadAll(`
  SELECT kommun, kon, utbildning, count(*) AS n, sum(dod) AS dod, sum(hemtjanst) AS hemtjanst,
         sum(gymnasiebehorig) AS gymnasiebehorig, sum(vardtimmar) AS vardtimmar, sum(inkomst) AS inkomst
  FROM persons GROUP BY kommun, kon, utbildning`);
const groupMs = performance.now() - start;
const rows = reader.getRows().length;

// z for a two-sided 95 % interval, as jamlik's TwoSidedNormalQuantile(0.95).
const z = 1.959963984540054;
const cells = (id, outcome, filter) => `
  SELECT '${id}' AS indicator, kommun,
         CASE WHEN GROUPING(kon) = 0 THEN 'kon' WHEN GROUPING(utbildning) = 0 THEN 'utbildning'
              ELSE 'total' END AS dimension,
         coalesce(kon, utbildning, 'T') AS subgroup,
         CAST(sum(${outcome}) AS DOUBLE) AS x, CAST(count(*) AS DOUBLE) AS n
  FROM persons WHERE ${filter}
  GROUP BY GROUPING SETS ((kommun, kon), (kommun, utbildning), (kommun))`;
start = performance.now();
await connection.run(`
  CREATE TABLE proportions AS
  SELECT indicator, kommun AS area, dimension, subgroup, x AS numerator, n AS denominator,
         100 * x / n AS estimate,
         100 * greatest(0, (2 * x + ${z * z} - ${z} * sqrt(${z * z} + 4 * x * (1 - x / n))) / (2 * (n + ${z * z}))) AS lower,
         100 * least(1, (2 * x + ${z * z} + ${z} * sqrt(${z * z} + 4 * x * (1 - x / n))) / (2 * (n + ${z * z}))) AS upper
  FROM (${cells('hemtjanst_65', 'hemtjanst', 'alder >= 65')}
        UNION ALL ${cells('gymnasiebehorighet', 'gymnasiebehorig', 'alder = 16')})`);
const proportionsMs = performance.now() - start;
const cellCount = Number((await connection.runAndReadAll('SELECT count(*) FROM proportions')).getRows()[0][0]);
if (cellsOut) {
  await connection.run(`COPY (SELECT * FROM proportions ORDER BY ALL) TO '${cellsOut}' (HEADER, DELIMITER ',')`);
}

console.log(JSON.stringify({
  tool: 'duckdb', load_ms: loadMs, group_by_ms: groupMs, groups: rows,
  proportions_ms: proportionsMs, proportion_cells: cellCount,
}));
