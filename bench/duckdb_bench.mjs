// Time DuckDB on the comparison's two tasks: (a) load the CSV into a table, (b) group by
// municipality × sex × education with counts and sums of the outcomes. Prints one JSON line.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threads] = process.argv.slice(2);
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

console.log(JSON.stringify({ tool: 'duckdb', load_ms: loadMs, group_by_ms: groupMs, groups: rows }));
