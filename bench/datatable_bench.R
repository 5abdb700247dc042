# Time R data.table on the comparison's tasks: (a) load the CSV (fread), (b) group by
# municipality × sex × education with counts and sums of the outcomes, (c) the proportions of
# bench/proportions.toml with Wilson 95 % intervals (home care among 65+ and upper-secondary
# eligibility at 16, by kommun × kon, kommun × utbildning and kommun). Prints one JSON line.
# With a third argument, writes the cells of (c) there as CSV (not timed).
#   Rscript bench/datatable_bench.R FILE THREADS [CELLS_CSV]
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
setDTthreads(as.integer(args[2]))

start <- Sys.time()
# Codes keep their leading zeros as text, as jamlik does.
persons <- fread(args[1], colClasses = list(character = c("lan", "kommun", "deso")),
                 encoding = "UTF-8", showProgress = FALSE)
load_ms <- as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000

start <- Sys.time()
result <- persons[, .(n = .N, dod = sum(dod), hemtjanst = sum(hemtjanst, na.rm = TRUE),
                      gymnasiebehorig = sum(gymnasiebehorig, na.rm = TRUE),
                      vardtimmar = sum(vardtimmar, na.rm = TRUE), inkomst = sum(inkomst, na.rm = TRUE)),
                  by = .(kommun, kon, utbildning)]
group_ms <- as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000

# (c) Proportions with Wilson intervals, the formula jamlik uses (src/stats/wilson.cpp).
start <- Sys.time()
z <- qnorm(0.975)
wilson <- function(cells) {
  cells[, `:=`(estimate = 100 * x / n,
               lower = 100 * pmax(0, (2 * x + z^2 - z * sqrt(z^2 + 4 * x * (1 - x / n))) / (2 * (n + z^2))),
               upper = 100 * pmin(1, (2 * x + z^2 + z * sqrt(z^2 + 4 * x * (1 - x / n))) / (2 * (n + z^2))))]
}
# Only the columns needed: copying the whole rows of the 65+ would cost R more than the sums.
old <- persons[alder >= 65, .(kommun, kon, utbildning, v = hemtjanst)]
young <- persons[alder == 16, .(kommun, kon, utbildning, v = gymnasiebehorig)]
proportions <- wilson(rbindlist(list(
  old[, .(x = sum(v), n = .N), by = .(kommun, subgroup = kon)][, dimension := "kon"],
  old[, .(x = sum(v), n = .N), by = .(kommun, subgroup = utbildning)][, dimension := "utbildning"],
  old[, .(x = sum(v), n = .N), by = kommun][, `:=`(subgroup = "T", dimension = "total")],
  young[, .(x = sum(v), n = .N), by = .(kommun, subgroup = kon)][, dimension := "kon"],
  young[, .(x = sum(v), n = .N), by = .(kommun, subgroup = utbildning)][, dimension := "utbildning"],
  young[, .(x = sum(v), n = .N), by = kommun][, `:=`(subgroup = "T", dimension = "total")]
), use.names = TRUE, idcol = "part"))
proportions[, indicator := ifelse(part <= 3, "hemtjanst_65", "gymnasiebehorighet")][, part := NULL]
proportions_ms <- as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000
if (length(args) >= 3) {
  fwrite(proportions[, .(indicator, area = kommun, dimension, subgroup, numerator = x, denominator = n,
                         estimate, lower, upper)], args[3])
}

cat(sprintf(paste0('{"tool": "data.table", "load_ms": %.1f, "group_by_ms": %.1f, "groups": %d, ',
                   '"proportions_ms": %.1f, "proportion_cells": %d}\n'),
            load_ms, group_ms, nrow(result), proportions_ms, nrow(proportions)))
