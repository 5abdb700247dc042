// Time Polars (nodejs-polars, pinned in bench/package.json) on the comparison's tasks, as
// duckdb_bench.mjs and datatable_bench.R do: (a) load the CSV (read_csv), (b) group by
// municipality × sex × education with counts and sums of the outcomes, (c) the proportions of
// bench/proportions.toml with Wilson 95 % intervals (home care among 65+ and upper-secondary
// eligibility at 16, by kommun × kon, kommun × utbildning and kommun).
// Prints one JSON line. With a third argument, writes the cells of (c) there as CSV (not timed).
//   node bench/polars_bench.mjs FILE THREADS [CELLS_CSV]
// Polars sizes its thread pool from POLARS_MAX_THREADS when the module loads, so it is set here
// before the (dynamic) import; compare.sh sets it too.
const [file, threads, cellsOut] = process.argv.slice(2);
process.env.POLARS_MAX_THREADS = String(threads ?? 2);
const { default: pl } = await import('nodejs-polars');

// Codes keep their leading zeros as text, as jamlik does.
let start = performance.now();
const persons = pl.readCSV(file, {
  hasHeader: true,
  numThreads: Number(threads ?? 2),
  dtypes: { lan: pl.Utf8, kommun: pl.Utf8, deso: pl.Utf8 },
});
const loadMs = performance.now() - start;

start = performance.now();
const grouped = persons.groupBy(['kommun', 'kon', 'utbildning']).agg(
  pl.len().alias('n'),
  ...['dod', 'hemtjanst', 'gymnasiebehorig', 'vardtimmar', 'inkomst'].map((c) => pl.col(c).sum()),
);
const groupMs = performance.now() - start;

// (c) Proportions with Wilson intervals, the formula jamlik uses (src/stats/wilson.cpp).
const z = 1.959963984540054;
const wilson = (cells) => {
  const x = pl.col('x');
  const n = pl.col('n');
  const root = x.mul(pl.lit(1).sub(x.div(n))).mul(4).add(z * z).pow(0.5).mul(z);
  const low = x.mul(2).add(z * z).sub(root).div(n.add(z * z).mul(2));
  const high = x.mul(2).add(z * z).add(root).div(n.add(z * z).mul(2));
  return cells.withColumns(
    x.div(n).mul(100).alias('estimate'),
    pl.when(low.lt(0)).then(pl.lit(0)).otherwise(low).mul(100).alias('lower'),
    pl.when(high.gt(1)).then(pl.lit(1)).otherwise(high).mul(100).alias('upper'),
  );
};
start = performance.now();
const parts = [];
for (const [id, outcome, filter] of [
  ['hemtjanst_65', 'hemtjanst', pl.col('alder').gtEq(65)],
  ['gymnasiebehorighet', 'gymnasiebehorig', pl.col('alder').eq(16)],
]) {
  const subset = persons.filter(filter).select('kommun', 'kon', 'utbildning', pl.col(outcome).alias('v'));
  const cells = (by, dimension) => subset
    .groupBy(by ? ['kommun', by] : ['kommun'])
    .agg(pl.col('v').sum().cast(pl.Float64).alias('x'), pl.len().cast(pl.Float64).alias('n'))
    .withColumns(
      (by ? pl.col(by) : pl.lit('T')).cast(pl.Utf8).alias('subgroup'),
      pl.lit(by ?? 'total').alias('dimension'),
      pl.lit(id).alias('indicator'),
    )
    .select('indicator', pl.col('kommun').alias('area'), 'dimension', 'subgroup', 'x', 'n');
  parts.push(cells('kon'), cells('utbildning'), cells(null));
}
const proportions = wilson(pl.concat(parts)).select(
  'indicator', 'area', 'dimension', 'subgroup', pl.col('x').alias('numerator'),
  pl.col('n').alias('denominator'), 'estimate', 'lower', 'upper');
const proportionsMs = performance.now() - start;
if (cellsOut) {
  proportions.sort(['indicator', 'area', 'dimension', 'subgroup']).writeCSV(cellsOut);
}

console.log(JSON.stringify({
  tool: 'polars', load_ms: loadMs, group_by_ms: groupMs, groups: grouped.height,
  proportions_ms: proportionsMs, proportion_cells: proportions.height,
}));
